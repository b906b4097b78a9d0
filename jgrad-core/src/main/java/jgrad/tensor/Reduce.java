package jgrad.tensor;

import java.util.Arrays;

/**
 * Shared by the reductions ({@link SumOp}, {@link MaxOp}, argmax): the reduced shape, and the input
 * with its reduced axes moved last so that rows reduce contiguously. Internal.
 */
final class Reduce {
    private Reduce() {
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
        return Shape.of(Arrays.copyOf(dims, n));
    }

    /** The indices of the reduced axes. */
    static int[] axes(boolean[] reduced) {
        int n = 0;
        int[] axes = new int[reduced.length];
        for (int i = 0; i < reduced.length; i++) {
            if (reduced[i]) {
                axes[n++] = i;
            }
        }
        return Arrays.copyOf(axes, n);
    }

    /** x with its kept axes first and reduced axes last, contiguous, as a rows × len matrix. */
    static Tensor reducedLast(Tensor x, boolean[] reduced) {
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
            return x.dense();
        }
        int[] dims = new int[r], strides = new int[r], inStrides = x.strides;
        for (int i = 0; i < r; i++) {
            dims[i] = x.shape.at(perm[i]);
            strides[i] = inStrides[perm[i]];
        }
        Tensor moved = Tensor.empty(Shape.of(dims), x.dtype);
        Loops.copyStrided(x.storage, x.offset, strides, moved);
        return moved;
    }

    /** out[row] = kind over each row of reduced elements. */
    static Tensor rows(Tensor x, boolean[] reduced, boolean keepdim, Loops.Reduce kind) {
        Shape outShape = reducedShape(x.shape, reduced, keepdim);
        // a sum of bools counts them, in int64 as PyTorch
        DType type = kind == Loops.Reduce.SUM && x.dtype == DType.BOOL ? DType.INT64 : x.dtype;
        Tensor out = Tensor.empty(outShape, type);
        int rows = outShape.numel();
        int len = rows == 0 ? 0 : x.numel() / rows;
        Loops.reduceRows(reducedLast(x, reduced), rows, len, out, kind);
        return out;
    }

    /** The index of the first maximum along the single reduced axis; no gradient. */
    static Tensor argmax(Tensor x, boolean[] reduced, boolean keepdim) {
        Shape outShape = reducedShape(x.shape, reduced, keepdim);
        Tensor out = Tensor.empty(outShape, DType.INT64);
        int rows = outShape.numel();
        Loops.argmaxRows(reducedLast(x, reduced), rows, rows == 0 ? 0 : x.numel() / rows, out);
        return out;
    }

    static boolean[] normalizeAxes(Tensor self, String op, int[] axes) {
        boolean[] reduced = new boolean[self.rank()];
        if (axes.length == 0) {
            Arrays.fill(reduced, true);
        }
        for (int a : axes) {
            int ax = self.shape.axis(a, op);
            if (reduced[ax] && axes.length > 0) {
                throw new IllegalArgumentException(op + ": axis " + a + " appears twice in " + Arrays.toString(axes));
            }
            reduced[ax] = true;
        }
        return reduced;
    }

    static void requireNonEmpty(Tensor self, String op, boolean[] reduced) {
        for (int i = 0; i < reduced.length; i++) {
            if (reduced[i] && self.shape.at(i) == 0) {
                throw new IllegalArgumentException(op + ": cannot reduce over axis " + i + " of size 0 (shape "
                        + self.shape + ")");
            }
        }
        if (self.numel() == 0) {
            throw new IllegalArgumentException(op + ": the tensor of shape " + self.shape + " is empty");
        }
    }

    static Tensor mean(Tensor self, int[] axes, boolean keepdim) {
        self.floating("mean");
        boolean[] reduced = normalizeAxes(self, "mean", axes);
        int count = 1;
        for (int i = 0; i < reduced.length; i++) {
            count *= reduced[i] ? self.shape.at(i) : 1;
        }
        if (count == 0) {
            throw new IllegalArgumentException("mean: cannot average zero elements (shape " + self.shape + ", axes "
                    + Arrays.toString(axes) + ")");
        }
        return self.sum(axes, keepdim).div(count);
    }

    static int flatIndex(Tensor self, String op, int[] index) {
        if (index.length != self.rank()) {
            throw new IllegalArgumentException(op + ": index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates but the tensor has shape " + self.shape);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int size = self.shape.at(i);
            if (index[i] < 0 || index[i] >= size) {
                throw new IllegalArgumentException(op + ": index " + Arrays.toString(index) + " is out of range for shape "
                        + self.shape);
            }
            flat = flat * size + index[i];
        }
        return flat;
    }
}
