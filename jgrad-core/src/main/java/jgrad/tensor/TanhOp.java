package jgrad.tensor;

/** tanh elementwise; float32 and float64 run the SIMD kernels (or their scalar twins), forward and backward. */
final class TanhOp extends Function {
    TanhOp() {
        super("tanh");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor out = Loops.unary(Loops.Unary.TANH, in[0], Math::tanh);
        ctx.saveForBackward(out);
        return out;
    }

    // d(tanh x)/dx = 1 - tanh(x)^2
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor out = ctx.saved(0);
        Tensor fast = Loops.unaryBackward(Loops.Unary.TANH, out, g);
        return new Tensor[] {fast != null ? fast : g.mul(out.mul(out).neg().add(1))};
    }
}
