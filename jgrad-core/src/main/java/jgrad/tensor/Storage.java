package jgrad.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The flat memory behind one or more tensors, of one {@link DType}: a tensor is a view of it
 * (offset, shape, strides). Each dtype is one subclass ({@link Float32Storage}, {@link Float64Storage},
 * {@link Int64Storage}, {@link BoolStorage}); the bulk loops are methods here, so a kernel runs
 * by calling the method of the output's storage, and the per-dtype choice is made once, by Java's
 * dispatch, not by forks in every loop.
 *
 * <p>The generic bodies below go through {@link #get}/{@link #set} in double: exact for the
 * integer and boolean types up to 2^53 and fast enough for them; the floating types override the
 * hot ones with array loops and the float32 SIMD kernels of {@code jgrad.tensor.kernel}.
 * Callers have checked sizes and dtypes; every source has this storage's dtype unless said.
 *
 * <p>{@link #version} counts in-place writes through a tensor (PyTorch's version counter): saving
 * a tensor for backward remembers it, and a changed version makes backward throw.
 */
abstract class Storage {
    /** Bumped by every in-place write through a tensor over this storage. */
    int version;

    /** The element type. */
    abstract DType dtype();

    /** The number of elements held. */
    abstract int length();

    /** Element {@code i} as a double. */
    abstract double get(int i);

    /** Sets element {@code i} from a double (rounded, truncated or tested for non-zero by dtype). */
    abstract void set(int i, double v);

    /** Element {@code i} as a long (exact for int64). */
    long getLong(int i) {
        return (long) get(i);
    }

    /** Sets element {@code i} from a long (exact for int64). */
    void setLong(int i, long v) {
        set(i, v);
    }

    /** A new zeroed storage of this dtype and {@code n} elements. */
    Storage like(int n) {
        return dtype().allocate(n);
    }

    /** this[oo + i] = fn(x[xo + i]); float32 computes in double and rounds once. */
    void map(Storage x, int xo, int oo, int n, DoubleUnaryOperator fn) {
        for (int i = 0; i < n; i++) {
            set(oo + i, fn.applyAsDouble(x.get(xo + i)));
        }
    }

    /** this[oo + i] = fn(a[ao + i], b[bo + i]). */
    void zip(Storage a, int ao, Storage b, int bo, int oo, int n, DoubleBinaryOperator fn) {
        for (int i = 0; i < n; i++) {
            set(oo + i, fn.applyAsDouble(a.get(ao + i), b.get(bo + i)));
        }
    }

    /** this[oo + i] = a[ao + i] + b[bo + i]. */
    void add(Storage a, int ao, Storage b, int bo, int oo, int n) {
        for (int i = 0; i < n; i++) {
            setLong(oo + i, a.getLong(ao + i) + b.getLong(bo + i));
        }
    }

    /** this[oo + i] = a[ao + i] * b[bo + i]. */
    void mul(Storage a, int ao, Storage b, int bo, int oo, int n) {
        for (int i = 0; i < n; i++) {
            setLong(oo + i, a.getLong(ao + i) * b.getLong(bo + i));
        }
    }

    /** this[yo + i] += alpha · x[xo + i]. */
    void axpy(double alpha, Storage x, int xo, int yo, int n) {
        for (int i = 0; i < n; i++) {
            set(yo + i, get(yo + i) + alpha * x.get(xo + i));
        }
    }

    /** this[dst + j] = src[pos + j] for j below {@code len}. */
    abstract void copy(Storage src, int pos, int dst, int len);

    /** this[dst + j] += src[pos + j] for j below {@code len}. */
    void addInto(Storage src, int pos, int dst, int len) {
        add(this, dst, src, pos, dst, len);
    }

    /** this[dst + j] = src[pos + j·stride] for j below {@code len}: one row of a strided copy. */
    void copyRow(Storage src, int pos, int stride, int dst, int len) {
        for (int j = 0; j < len; j++) {
            setLong(dst + j, src.getLong(pos + j * stride));
        }
    }

    /** Every element of [from, to) set to {@code v}. */
    void fill(int from, int to, double v) {
        for (int i = from; i < to; i++) {
            set(i, v);
        }
    }

    /** this[oo + r] = Σ or max of src's row r of {@code len} contiguous elements from {@code so}. */
    void reduceRows(Storage src, int so, int rows, int len, int oo, Loops.Reduce kind) {
        for (int r = 0; r < rows; r++) {
            int base = so + r * len;
            double acc = kind == Loops.Reduce.SUM ? 0 : src.get(base);
            for (int j = 0; j < len; j++) {
                double v = src.get(base + j);
                acc = kind == Loops.Reduce.SUM ? acc + v : Loops.max(acc, v);
            }
            set(oo + r, acc);
        }
    }

    /** this[co..] += a·b (with the transposes) for one n×k by k×m product; floating types only. */
    void matmul(boolean transA, boolean transB, Storage a, int ao, Storage b, int bo, int co, int n, int k, int m) {
        throw new IllegalArgumentException("matmul: needs a floating dtype, got " + dtype());
    }

    /** this[oo + j] = Σ_r x[xo + r·cols + j] over a [rows, cols] matrix: the bias gradient. */
    void sumColumns(Storage x, int xo, int rows, int cols, int oo) {
        for (int j = 0; j < cols; j++) {
            double acc = 0;
            for (int r = 0; r < rows; r++) {
                acc += x.get(xo + r * cols + j);
            }
            set(oo + j, acc);
        }
    }

    /** values[off + j] = this[from + j] as doubles. */
    void read(int from, double[] values, int off, int n) {
        for (int j = 0; j < n; j++) {
            values[off + j] = get(from + j);
        }
    }

    /** this[from + j] = values[off + j]. */
    void write(int from, double[] values, int off, int n) {
        for (int j = 0; j < n; j++) {
            set(from + j, values[off + j]);
        }
    }
}
