package jgrad.tensor;

/** The sum over some axes (all of them for a full sum). */
final class SumOp extends Function {
    private final boolean[] reduced;
    private final boolean keepdim;
    private Shape source;

    SumOp(boolean[] reduced, boolean keepdim) {
        super("sum");
        this.reduced = reduced;
        this.keepdim = keepdim;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        source = in[0].shape;
        return Reduce.rows(in[0], reduced, keepdim, Loops.Reduce.SUM);
    }

    // d(sum)/dx_i = 1: every element receives the gradient of its row
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Shape keep = Reduce.reducedShape(source, reduced, true);
        return new Tensor[] {g.reshape(keep.toArray()).expandTo(source)};
    }
}
