package jgrad.tensor;

/** Entries idx[0], idx[1], ... along one axis (repeats allowed). */
final class IndexSelectOp extends Function {
    private final int axis;
    private final int[] idx;
    private Shape source;

    /** Validates, then selects; {@code indices} may be negative-free longs from an int64 tensor. */
    static Tensor indexSelect(Tensor x, int axis, long[] indices) {
        int ax = x.shape.axis(axis, "indexSelect");
        int[] idx = new int[indices.length];
        for (int j = 0; j < idx.length; j++) {
            long i = indices[j];
            if (i < 0 || i >= x.shape.at(ax)) {
                throw new IllegalArgumentException("indexSelect: index " + i + " is out of range for axis " + axis
                        + " of size " + x.shape.at(ax) + " in shape " + x.shape + " (use 0 to " + (x.shape.at(ax) - 1) + ")");
            }
            idx[j] = (int) i;
        }
        return new IndexSelectOp(ax, idx).apply(x);
    }

    IndexSelectOp(int axis, int[] idx) {
        super("indexSelect");
        this.axis = axis;
        this.idx = idx;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        source = in[0].shape;
        int outer = source.outer(axis), len = source.at(axis), inner = source.inner(axis), k = idx.length;
        Tensor out = Tensor.empty(source.withDim(axis, k), in[0].dtype);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                Loops.copy(in[0], (o * len + idx[j]) * inner, out, (o * k + j) * inner, inner);
            }
        }
        return out;
    }

    // each picked entry adds its gradient back; repeats accumulate
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        int outer = source.outer(axis), len = source.at(axis), inner = source.inner(axis), k = idx.length;
        Tensor dx = Tensor.zeros(g.dtype, source.toArray());
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                Loops.addInto(g, (o * k + j) * inner, dx, (o * len + idx[j]) * inner, inner);
            }
        }
        return new Tensor[] {dx};
    }
}
