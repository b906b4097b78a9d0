package jgrad.tensor;

/** max(0, x) elementwise (NaN stays NaN); float32 and float64 run the SIMD kernels (or their scalar twins), forward and backward. */
final class ReluOp extends Function {
    ReluOp() {
        super("relu");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor out = Loops.unary(Loops.Unary.RELU, in[0], v -> v > 0 || Double.isNaN(v) ? v : 0);
        ctx.saveForBackward(in[0], out);
        return out;
    }

    // d(relu x)/dx = 1 if x > 0 else 0. NOTE: 0 at exactly x = 0, as in micrograd
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor fast = Loops.unaryBackward(Loops.Unary.RELU, ctx.saved(0), g);
        return new Tensor[] {fast != null ? fast : g.mul(ctx.saved(1).gt(0))};
    }
}
