package jgrad.tensor;

/** x^k for a constant k. */
final class PowConstOp extends Function {
    private final double k;

    PowConstOp(double k) {
        super("pow");
        this.k = k;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        ctx.saveForBackward(in[0]);
        return Loops.map(in[0], v -> Math.pow(v, k));
    }

    // d(x^k)/dx = k x^(k-1); NOTE: 0 for k = 0, as PyTorch (not 0 * 0^-1 = NaN at x = 0)
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        if (k == 0) {
            return new Tensor[] {Tensor.zeros(g.dtype(), g.shape().toArray())};
        }
        return new Tensor[] {g.mul(ctx.saved(0).pow(k - 1).mul(k))};
    }
}
