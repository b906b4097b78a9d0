package jgrad.tensor;

/**
 * The reduction primitives {@link Sum} and {@link Max}, and {@link #argmax}. Each reduction moves
 * the reduced axes last (one strided copy unless they already are) and reduces contiguous rows.
 * Internal.
 */
final class ReduceOps {
    private ReduceOps() {
    }

    /** The shape after reducing: reduced axes become 1 with keepdim, else disappear. */
    static Shape reducedShape(Shape in, boolean[] reduced, boolean keepdim) {
        int[] dims = new int[in.rank()];
        int n = 0;
        for (int i = 0; i < in.rank(); i++) {
            if (!reduced[i]) {
                dims[n++] = in.at(i);
            } else if (keepdim) {
                dims[n++] = 1;
            }
        }
        return Shape.of(java.util.Arrays.copyOf(dims, n));
    }

    static int[] axes(boolean[] reduced) {
        int n = 0;
        int[] axes = new int[reduced.length];
        for (int i = 0; i < reduced.length; i++) {
            if (reduced[i]) {
                axes[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(axes, n);
    }

    /** x with its kept axes first and reduced axes last, contiguous, as a rows × len matrix. */
    private static Tensor reducedLast(Tensor x, boolean[] reduced) {
        int r = x.rank();
        int[] perm = new int[r];
        int n = 0;
        for (int i = 0; i < r; i++) {
            if (!reduced[i]) {
                perm[n++] = i;
            }
        }
        for (int i = 0; i < r; i++) {
            if (reduced[i]) {
                perm[n++] = i;
            }
        }
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            identity &= perm[i] == i;
        }
        if (identity) {
            return x;
        }
        int[] dims = new int[r], strides = new int[r], inStrides = x.shape.strides();
        for (int i = 0; i < r; i++) {
            dims[i] = x.shape.at(perm[i]);
            strides[i] = inStrides[perm[i]];
        }
        Tensor moved = new Tensor(Shape.of(dims), x.dtype);
        Loops.copyStrided(x, 0, strides, moved);
        return moved;
    }

    private static Tensor reduce(Tensor x, boolean[] reduced, boolean keepdim, Loops.Reduce kind) {
        Shape outShape = reducedShape(x.shape, reduced, keepdim);
        Tensor out = new Tensor(outShape, x.dtype);
        int rows = outShape.numel();
        int len = rows == 0 ? 0 : x.numel() / rows;
        Loops.reduceRows(reducedLast(x, reduced), rows, len, out, kind);
        return out;
    }

    static final class Sum extends Op {
        private final boolean[] reduced;
        private final boolean keepdim;

        Sum(Tensor x, boolean[] reduced, boolean keepdim) {
            super("sum", x);
            this.reduced = reduced;
            this.keepdim = keepdim;
        }

        @Override Tensor forward() {
            return reduce(x(), reduced, keepdim, Loops.Reduce.SUM);
        }

        // d(sum)/dx_i = 1: every element receives the gradient of its row
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Shape keep = reducedShape(x().shape, reduced, true);
            return new Tensor[] {g.reshape(keep.toArray()).expandTo(x().shape)};
        }
    }

    static final class Max extends Op {
        private final boolean[] reduced;
        private final boolean keepdim;

        Max(Tensor x, boolean[] reduced, boolean keepdim) {
            super("max", x);
            this.reduced = reduced;
            this.keepdim = keepdim;
        }

        @Override Tensor forward() {
            return reduce(x(), reduced, keepdim, Loops.Reduce.MAX);
        }

        // d(max)/dx_i = 1/(number of maxima) at each maximum, 0 elsewhere
        @Override Tensor[] backward(Tensor g, Tensor out) {
            int[] keep = reducedShape(x().shape, reduced, true).toArray();
            Tensor mask = x().eq(out.reshape(keep));
            Tensor count = mask.sum(axes(reduced), true);
            return new Tensor[] {mask.mul(g.reshape(keep)).div(count)};
        }
    }

    /** The index of the first maximum along the single reduced axis; no gradient. */
    static Tensor argmax(Tensor x, boolean[] reduced, boolean keepdim) {
        Shape outShape = reducedShape(x.shape, reduced, keepdim);
        Tensor out = new Tensor(outShape, x.dtype);
        int rows = outShape.numel();
        Loops.argmaxRows(reducedLast(x, reduced), rows, rows == 0 ? 0 : x.numel() / rows, out);
        return out;
    }
}
