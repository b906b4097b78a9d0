package jgrad.tensor;

/** The largest element over some axes; ties share the gradient (as {@code torch.amax}). */
final class MaxOp extends Function {
    private final boolean[] reduced;
    private final boolean keepdim;

    MaxOp(boolean[] reduced, boolean keepdim) {
        super("max");
        this.reduced = reduced;
        this.keepdim = keepdim;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor out = Reduce.rows(in[0], reduced, keepdim, Loops.Reduce.MAX);
        ctx.saveForBackward(in[0], out);
        return out;
    }

    // d(max)/dx_i = 1/(number of maxima) at each maximum, 0 elsewhere
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor x = ctx.saved(0), out = ctx.saved(1);
        int[] keep = Reduce.reducedShape(x.shape, reduced, true).toArray();
        Tensor mask = x.eq(out.reshape(keep));
        Tensor count = mask.sum(Reduce.axes(reduced), true);
        return new Tensor[] {mask.mul(g.reshape(keep)).div(count)};
    }
}
