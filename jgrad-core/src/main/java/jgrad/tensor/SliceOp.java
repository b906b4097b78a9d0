package jgrad.tensor;

/** Entries [start, end) along one axis. */
final class SliceOp extends Function {
    private final int axis, start, end;
    private Shape source;

    SliceOp(int axis, int start, int end) {
        super("slice");
        this.axis = axis;
        this.start = start;
        this.end = end;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        source = in[0].shape;
        int outer = source.outer(axis), len = source.at(axis), inner = source.inner(axis), w = end - start;
        Tensor out = Tensor.empty(source.withDim(axis, w), in[0].dtype);
        for (int o = 0; o < outer; o++) {
            Loops.copy(in[0], (o * len + start) * inner, out, o * w * inner, w * inner);
        }
        return out;
    }

    // the gradient goes back into the slice's place; zeros elsewhere
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        int outer = source.outer(axis), len = source.at(axis), inner = source.inner(axis), w = end - start;
        Tensor dx = Tensor.zeros(g.dtype, source.toArray());
        for (int o = 0; o < outer; o++) {
            Loops.copy(g, o * w * inner, dx, (o * len + start) * inner, w * inner);
        }
        return new Tensor[] {dx};
    }
}
