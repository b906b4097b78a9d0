package jgrad.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor: an immutable list of non-negative sizes, compared by value.
 *
 * <p>A shape of rank 0 is a scalar and holds one element; a size of 0 makes an empty tensor.
 * Axes may be given from the end with negative numbers, as in PyTorch: {@code -1} is the last.
 *
 * <pre>{@code
 * Shape s = Shape.of(2, 3);
 * s.numel();                                        // 6
 * s.toString();                                     // "[2, 3]"
 * Shape.broadcast(Shape.of(4, 1), Shape.of(3), "add"); // [4, 3]
 * }</pre>
 *
 * <p>{@link #of} throws {@link IllegalArgumentException} for a negative size.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int numel;
    private int[] contiguousStrides;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Shape: too many elements in " + Arrays.toString(dims)
                        + " (at most " + Integer.MAX_VALUE + ")");
            }
        }
        this.numel = (int) n;
    }

    /** The shape with these sizes; no sizes gives the scalar shape {@code []}. */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("Shape: sizes must be >= 0, got " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** The scalar shape {@code []}, of rank 0 and one element. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The size of {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[axis(axis, "dim")];
    }

    /** The number of elements: the product of the sizes (1 for a scalar). */
    public int numel() {
        return numel;
    }

    /** A copy of the sizes. */
    public int[] toArray() {
        return dims.clone();
    }

    /** Row-major strides in elements: the last axis has stride 1. */
    int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** The product of the sizes before {@code axis}. */
    int outer(int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** The product of the sizes after {@code axis}. */
    int inner(int axis) {
        int n = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** This shape with {@code axis} of size {@code size}. */
    Shape withDim(int axis, int size) {
        int[] d = dims.clone();
        d[axis] = size;
        return new Shape(d);
    }

    /** Row-major strides, computed once and shared: callers must not change the array. */
    int[] contiguousStrides() {
        int[] s = contiguousStrides;
        if (s == null) {
            s = strides();
            contiguousStrides = s;
        }
        return s;
    }

    /** The cached row-major strides if {@link #contiguousStrides()} has made them, else null. */
    int[] cachedStrides() {
        return contiguousStrides;
    }

    /** Whether {@code strides} walk this shape row-major without gaps (size-1 axes may have any). */
    boolean isContiguous(int[] strides) {
        int expected = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] != 1 && strides[i] != expected) {
                return numel == 0;
            }
            expected *= dims[i];
        }
        return true;
    }

    /** The size of {@code axis} without a range check; package-private hot path. */
    int at(int axis) {
        return dims[axis];
    }

    /**
     * {@code axis} as an index in {@code [0, rank)}, accepting negative axes.
     *
     * @throws IllegalArgumentException naming {@code op} if it is out of range
     */
    public int axis(int axis, String op) {
        int r = dims.length;
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + this
                    + " (valid: " + (-r) + " to " + (r - 1) + ")");
        }
        return axis < 0 ? axis + r : axis;
    }

    /**
     * The shape both operands broadcast to, by NumPy's rules: align the shapes at their last axis;
     * two sizes are compatible when they are equal or one of them is 1.
     *
     * @throws IllegalArgumentException naming {@code op} and both shapes if they are incompatible
     */
    public static Shape broadcast(Shape a, Shape b, String op) {
        if (a == b || Arrays.equals(a.dims, b.dims)) {
            return a;   // same sizes: reuse the object and its cached strides
        }
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b
                        + " cannot be broadcast (sizes " + da + " and " + db + " at axis " + (i - r)
                        + " differ and neither is 1)");
            }
            out[i] = da == 1 ? db : da;
        }
        if (Arrays.equals(out, a.dims)) {
            return a;
        }
        if (Arrays.equals(out, b.dims)) {
            return b;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** The sizes in brackets, as {@code [2, 3]}; {@code []} for a scalar. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
