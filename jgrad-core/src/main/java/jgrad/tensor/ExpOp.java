package jgrad.tensor;

/** e^x elementwise; float32 runs the SIMD kernel. */
final class ExpOp extends Function {
    ExpOp() {
        super("exp");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor out = Loops.unary(Loops.Unary.EXP, in[0], Math::exp);
        ctx.saveForBackward(out);
        return out;
    }

    // d(e^x)/dx = e^x
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        return new Tensor[] {g.mul(ctx.saved(0))};
    }
}
