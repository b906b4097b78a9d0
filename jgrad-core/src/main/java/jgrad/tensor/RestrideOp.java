package jgrad.tensor;

/**
 * unsqueeze and squeeze: the same elements in the same order with a size-1 axis added or removed,
 * as a view whose strides are the input's with that axis inserted or dropped.
 */
final class RestrideOp extends Function {
    private final Shape target;
    private final int[] strides;
    private Shape source;

    RestrideOp(String name, Shape target, int[] strides) {
        super(name);
        this.target = target;
        this.strides = strides;
    }

    /** x with a new axis of size 1 at {@code ax} (in [0, rank]). */
    static Tensor unsqueeze(Tensor x, int ax) {
        int r = x.rank();
        int[] dims = new int[r + 1], strides = new int[r + 1];
        for (int i = 0, j = 0; i <= r; i++) {
            if (i == ax) {
                dims[i] = 1;
                strides[i] = ax < r ? x.strides[ax] * x.shape.at(ax) : 1;
            } else {
                dims[i] = x.shape.at(j);
                strides[i] = x.strides[j++];
            }
        }
        return new RestrideOp("unsqueeze", Shape.of(dims), strides).apply(x);
    }

    /** x without its size-1 axis {@code ax}. */
    static Tensor squeeze(Tensor x, int ax) {
        int[] dims = new int[x.rank() - 1], strides = new int[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i != ax) {
                dims[j] = x.shape.at(i);
                strides[j++] = x.strides[i];
            }
        }
        return new RestrideOp("squeeze", Shape.of(dims), strides).apply(x);
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        source = in[0].shape;
        return new Tensor(in[0].storage, in[0].offset, target, strides);
    }

    // the same elements in the input's shape
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        return new Tensor[] {g.reshape(source.toArray())};
    }
}
