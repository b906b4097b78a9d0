package jgrad.tensor;

/** The natural logarithm elementwise. */
final class LogOp extends Function {
    LogOp() {
        super("log");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        ctx.saveForBackward(in[0]);
        return Loops.map(in[0], Math::log);
    }

    // d(ln x)/dx = 1/x
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        return new Tensor[] {g.div(ctx.saved(0))};
    }
}
