package jgrad.tensor;

/** 1 / (1 + e^-x) elementwise; float32 and float64 run the SIMD kernels (or their scalar twins), forward and backward. */
final class SigmoidOp extends Function {
    SigmoidOp() {
        super("sigmoid");
    }

    // two branches so that exp never overflows
    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor out = Loops.unary(Loops.Unary.SIGMOID, in[0],
                v -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
        ctx.saveForBackward(out);
        return out;
    }

    // d(s(x))/dx = s(x) (1 - s(x))
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor out = ctx.saved(0);
        Tensor fast = Loops.unaryBackward(Loops.Unary.SIGMOID, out, g);
        return new Tensor[] {fast != null ? fast : g.mul(out.mul(out.neg().add(1)))};
    }
}
