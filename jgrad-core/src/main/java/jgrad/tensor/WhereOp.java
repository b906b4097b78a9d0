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
}
