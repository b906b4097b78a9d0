package jgrad.tensor;

/** isZero ? b : a over equal shapes; the mask is a constant (inputs: isZero, b, a). */
final class WhereOp extends Function {
    WhereOp() {
        super("where");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor c = in[0].dense(), a = in[1].dense(), b = in[2].dense();
        ctx.saveForBackward(c);
        Tensor out = Tensor.empty(a.shape, a.dtype);
        for (int i = 0; i < out.numel(); i++) {
            out.setFlat(i, c.getFlat(i) != 0 ? a.getFlat(i) : b.getFlat(i));
        }
        return out;
    }

    // the gradient goes to the side that was chosen
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor zero = Tensor.zeros(g.dtype);
        return new Tensor[] {
            null,
            ctx.needsInputGrad(1) ? Tensor.where(ctx.saved(0), g, zero) : null,
            ctx.needsInputGrad(2) ? Tensor.where(ctx.saved(0), zero, g) : null};
    }

    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Shape s = Shape.broadcast(Shape.broadcast(condition.shape, a.shape, "where"), b.shape, "where");
        DType t = DType.promote(a.dtype, b.dtype);
        // test the condition in its own dtype: cast first, and 1e-50 in float64 would become 0f
        Tensor isZero = condition.detach().eq(0).cast(t).expandTo(s);
        return new WhereOp().apply(isZero, b.cast(t).expandTo(s), a.cast(t).expandTo(s));
    }
}
