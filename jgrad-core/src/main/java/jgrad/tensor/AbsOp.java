package jgrad.tensor;

/** |x| elementwise. */
final class AbsOp extends Function {
    AbsOp() {
        super("abs");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        ctx.saveForBackward(in[0]);
        return Loops.map(in[0], Math::abs);
    }

    // d|x|/dx = sign(x); NOTE: 0 at x = 0, as in PyTorch
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        return new Tensor[] {g.mul(Loops.map(ctx.saved(0), Math::signum))};
    }
}
