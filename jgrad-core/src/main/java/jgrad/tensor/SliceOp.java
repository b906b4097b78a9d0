package jgrad.tensor;

/** Entries [start, end) along one axis (PyTorch's narrow): a view at a later offset, no copy. */
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
        Tensor x = in[0];
        source = x.shape;
        int offset = x.offset + (end > start ? start * x.strides[axis] : 0);
        return new Tensor(x.storage, offset, source.withDim(axis, end - start), x.strides);
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

    static Tensor slice(Tensor self, int axis, int start, int end) {
        int ax = self.shape.axis(axis, "slice");
        int n = self.shape.at(ax);
        int s = start < 0 ? start + n : start, e = end < 0 ? end + n : end;
        if (s < 0 || e > n || s > e) {
            throw new IllegalArgumentException("slice: bounds [" + start + ", " + end + ") are out of range for axis "
                    + axis + " of size " + n + " in shape " + self.shape);
        }
        return new SliceOp(ax, s, e).apply(self);
    }
}
