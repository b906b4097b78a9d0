package jgrad.tensor;

/** a * b over equal shapes and dtypes (the façade broadcasts first). */
final class MulOp extends Function {
    MulOp() {
        super("mul");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        ctx.saveForBackward(in[0], in[1]);
        Tensor out = Tensor.empty(in[0].shape, in[0].dtype);
        Loops.mul(in[0], in[1], out);
        return out;
    }

    // d(ab)/da = b, d(ab)/db = a
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        return new Tensor[] {
            ctx.needsInputGrad(0) ? g.mul(ctx.saved(1)) : null,
            ctx.needsInputGrad(1) ? g.mul(ctx.saved(0)) : null};
    }
}
