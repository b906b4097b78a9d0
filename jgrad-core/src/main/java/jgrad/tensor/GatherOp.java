package jgrad.tensor;

/** out[o, j, i] = x[o, idx[o, j, i], i] around the gather axis, as {@code torch.gather}. */
final class GatherOp extends Function {
    private final int axis;
    private final int[] idx;
    private final Shape indexShape;
    private Shape source;

    /** Validates the int64 index (rank, shape, range), then gathers. */
    static Tensor gather(Tensor x, int axis, Tensor index) {
        int ax = x.shape.axis(axis, "gather");
        if (index.dtype != DType.INT64) {
            throw new IllegalArgumentException("gather: the index must be int64, got " + index.dtype + " "
                    + index.shape + "; make it with Tensor.of(long[], shape) or index.cast(DType.INT64)");
        }
        if (index.rank() != x.rank()) {
            throw new IllegalArgumentException("gather: index shape " + index.shape + " must have the rank of "
                    + x.shape);
        }
        for (int i = 0; i < x.rank(); i++) {
            if (i != ax && index.shape.at(i) != x.shape.at(i)) {
                throw new IllegalArgumentException("gather: index shape " + index.shape + " must match " + x.shape
                        + " except along axis " + axis);
            }
        }
        long[] values = index.toLongArray();
        int[] idx = new int[values.length];
        for (int i = 0; i < idx.length; i++) {
            if (values[i] < 0 || values[i] >= x.shape.at(ax)) {
                throw new IllegalArgumentException("gather: index value " + values[i] + " is out of range [0, "
                        + x.shape.at(ax) + ") for axis " + axis + " of shape " + x.shape);
            }
            idx[i] = (int) values[i];
        }
        return new GatherOp(ax, idx, index.shape).apply(x);
    }

    GatherOp(int axis, int[] idx, Shape indexShape) {
        super("gather");
        this.axis = axis;
        this.idx = idx;
        this.indexShape = indexShape;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor x = in[0].dense();
        source = x.shape;
        int outer = source.outer(axis), len = source.at(axis), inner = source.inner(axis), k = indexShape.at(axis);
        Tensor out = Tensor.empty(indexShape, x.dtype);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < inner; i++) {
                    int p = (o * k + j) * inner + i;
                    out.setFlat(p, x.getFlat((o * len + idx[p]) * inner + i));
                }
            }
        }
        return out;
    }

    // scatter-add the gradient back to the picked positions
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        int outer = source.outer(axis), len = source.at(axis), inner = source.inner(axis), k = indexShape.at(axis);
        Tensor dx = Tensor.zeros(g.dtype, source.toArray());
        g = g.dense();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < inner; i++) {
                    int p = (o * k + j) * inner + i, q = (o * len + idx[p]) * inner + i;
                    dx.setFlat(q, dx.getFlat(q) + g.getFlat(p));
                }
            }
        }
        return new Tensor[] {dx};
    }
}
