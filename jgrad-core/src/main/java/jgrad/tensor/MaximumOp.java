package jgrad.tensor;

/** The larger of a and b elementwise (NaN wins), over equal shapes and dtypes. */
final class MaximumOp extends Function {
    MaximumOp() {
        super("maximum");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        ctx.saveForBackward(in[0], in[1]);
        Tensor out = Tensor.empty(in[0].shape, in[0].dtype);
        Loops.zip(in[0], in[1], out, (a, b) -> Double.isNaN(a) || a > b ? a : b);
        return out;
    }

    // d max(a,b)/da = 1 where a > b, 1/2 on ties, 0 elsewhere (and the mirror for b)
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor a = ctx.saved(0), b = ctx.saved(1);
        Tensor half = a.eq(b).mul(0.5);
        return new Tensor[] {
            ctx.needsInputGrad(0) ? g.mul(a.gt(b).add(half)) : null,
            ctx.needsInputGrad(1) ? g.mul(b.gt(a).add(half)) : null};
    }
}
