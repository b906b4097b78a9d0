package jgrad.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import jgrad.tensor.kernel.Elementwise;
import jgrad.tensor.kernel.Reductions;

/**
 * The bulk loops under the ops, over tensors: each makes its inputs contiguous (a no-op for the
 * usual fresh tensor, one strided copy for a view) and calls the method of the output's
 * {@link Storage}, which picks the dtype's loop by dispatch: the SIMD kernels of
 * {@code jgrad.tensor.kernel} for float32 and float64, generic loops for int64 and bool.
 *
 * <p>Internal. Callers have validated shapes and dtypes; nothing here checks.
 */
final class Loops {
    private Loops() {
    }

    /** out[i] = fn(x[i]); float32 computes in double and rounds once. */
    static void map(Tensor x, Tensor out, DoubleUnaryOperator fn) {
        Tensor c = x.dense();
        out.storage.map(c.storage, c.offset, out.offset, out.numel(), fn);
    }

    /** A new tensor holding fn(x[i]), of x's dtype. */
    static Tensor map(Tensor x, DoubleUnaryOperator fn) {
        Tensor out = Tensor.empty(x.shape, x.dtype);
        map(x, out, fn);
        return out;
    }

    /** out[i] = fn(a[i], b[i]) over equal shapes; a and b of out's dtype. */
    static void zip(Tensor a, Tensor b, Tensor out, DoubleBinaryOperator fn) {
        Tensor ca = a.dense(), cb = b.dense();
        out.storage.zip(ca.storage, ca.offset, cb.storage, cb.offset, out.offset, out.numel(), fn);
    }

    /** out[i] = a[i] + b[i]. */
    static void add(Tensor a, Tensor b, Tensor out) {
        Tensor ca = a.dense(), cb = b.dense();
        out.storage.add(ca.storage, ca.offset, cb.storage, cb.offset, out.offset, out.numel());
    }

    /** out[i] = a[i] * b[i]. */
    static void mul(Tensor a, Tensor b, Tensor out) {
        Tensor ca = a.dense(), cb = b.dense();
        out.storage.mul(ca.storage, ca.offset, cb.storage, cb.offset, out.offset, out.numel());
    }

    /** y[i] += alpha · x[i]; y contiguous. */
    static void axpy(double alpha, Tensor x, Tensor y) {
        Tensor c = x.dense();
        y.storage.axpy(alpha, c.storage, c.offset, y.offset, y.numel());
    }

    /** Copies {@code len} elements between tensors of the same dtype, dst contiguous. */
    static void copy(Tensor src, int srcPos, Tensor dst, int dstPos, int len) {
        Tensor c = src.dense();
        dst.storage.copy(c.storage, c.offset + srcPos, dst.offset + dstPos, len);
    }

    /** dst[dstPos + j] += src[srcPos + j] for j below {@code len}, dst contiguous. */
    static void addInto(Tensor src, int srcPos, Tensor dst, int dstPos, int len) {
        Tensor c = src.dense();
        dst.storage.addInto(c.storage, c.offset + srcPos, dst.offset + dstPos, len);
    }

    /**
     * Fills the contiguous {@code dst} by walking {@code src}'s storage from {@code offset} with
     * {@code strides} over {@code dst}'s shape: permutations, broadcasts (stride 0) and slices.
     */
    static void copyStrided(Storage src, int offset, int[] strides, Tensor dst) {
        int n = dst.numel();
        if (n == 0) {
            return;
        }
        int rank = strides.length;
        if (rank == 0) {
            dst.storage.copyRow(src, offset, 0, dst.offset, 1);
            return;
        }
        int[] dims = dst.shape.toArray();
        int[] idx = new int[rank];
        int last = rank - 1, lastLen = dims[last], lastStride = strides[last];
        int pos = offset;
        for (int out = 0; out < n; out += lastLen) {
            dst.storage.copyRow(src, pos, lastStride, dst.offset + out, lastLen);
            for (int ax = last - 1; ax >= 0; ax--) {    // odometer over the outer axes
                pos += strides[ax];
                if (++idx[ax] < dims[ax]) {
                    break;
                }
                pos -= strides[ax] * dims[ax];
                idx[ax] = 0;
            }
        }
    }

    /** The reductions over the rows of a [rows, len] matrix. */
    enum Reduce { SUM, MAX }

    /** out[r] = reduce(src[r*len .. r*len+len)); an empty row sums to 0. */
    static void reduceRows(Tensor src, int rows, int len, Tensor out, Reduce kind) {
        Tensor c = src.dense();
        out.storage.reduceRows(c.storage, c.offset, rows, len, out.offset, kind);
    }

    /** NaN wins, as in PyTorch's max. */
    static double max(double a, double b) {
        return a > b || Double.isNaN(a) ? a : b;
    }

    /** out[r] = the first index of the largest element of row r (NaN counts as largest). */
    static void argmaxRows(Tensor src, int rows, int len, Tensor out) {
        Tensor c = src.dense();
        Storage s = c.storage;
        for (int r = 0; r < rows; r++) {
            int base = c.offset + r * len, best = 0;
            double bestV = s.get(base);
            for (int j = 1; j < len && !Double.isNaN(bestV); j++) {
                double v = s.get(base + j);
                if (v > bestV || Double.isNaN(v)) {
                    bestV = v;
                    best = j;
                }
            }
            out.storage.setLong(out.offset + r, best);
        }
    }

    /**
     * c[b] = op(a[b]) · op(b[b]) for each of {@code batch} matrices, where c is n×m and the shared
     * dimension is k; {@code transA}: a is stored k×n (c = aᵀ·b); {@code transB}: b is stored m×k
     * (c = a·bᵀ). c must hold zeros (every caller passes a new tensor): the products are added to
     * it, which spares the kernel clearing it a second time (the packed kernel clears C and then
     * adds, so the result is the same; for the weight gradient of a 784×256 layer the clearing was
     * 3% of a training step).
     */
    static void matmul(Tensor a, Tensor b, Tensor c, int batch, int n, int k, int m,
                       boolean transA, boolean transB) {
        Tensor ca = a.dense(), cb = b.dense();
        for (int p = 0; p < batch; p++) {
            int ao = p * n * k, bo = p * k * m, co = p * n * m;
            c.storage.matmul(transA, transB, ca.storage, ca.offset + ao, cb.storage, cb.offset + bo, c.offset + co,
                    n, k, m);
        }
    }

    private static float[] f(Tensor t) {
        return ((Float32Storage) t.storage).a;
    }

    private static double[] d(Tensor t) {
        return ((Float64Storage) t.storage).a;
    }

    /** out[r, j] = softmax of row r of the [rows, len] float32 or float64 {@code x} (out of x's dtype). */
    static void softmaxRows(Tensor x, int rows, int len, Tensor out) {
        Tensor c = x.dense();
        if (x.dtype == DType.FLOAT64) {
            Reductions.softmaxRows(d(c), c.offset, rows, len, d(out), out.offset);
        } else {
            Reductions.softmaxRows(f(c), c.offset, rows, len, f(out), out.offset);
        }
    }

    /** out[r, j] = log-softmax of row r of the [rows, len] float32 or float64 {@code x}. */
    static void logSoftmaxRows(Tensor x, int rows, int len, Tensor out) {
        Tensor c = x.dense();
        if (x.dtype == DType.FLOAT64) {
            Reductions.logSoftmaxRows(d(c), c.offset, rows, len, d(out), out.offset);
        } else {
            Reductions.logSoftmaxRows(f(c), c.offset, rows, len, f(out), out.offset);
        }
    }

    /** gradIn += softmax's vector-Jacobian product, y the softmax output (float32 or float64, all one dtype). */
    static void softmaxBackwardRows(Tensor y, Tensor g, Tensor gradIn, int rows, int len) {
        Tensor cg = g.dense();
        if (y.dtype == DType.FLOAT64) {
            Reductions.softmaxBackwardRows(d(y), y.offset, d(cg), cg.offset, d(gradIn), gradIn.offset, rows, len);
        } else {
            Reductions.softmaxBackwardRows(f(y), y.offset, f(cg), cg.offset, f(gradIn), gradIn.offset, rows, len);
        }
    }

    /** gradIn += log-softmax's vector-Jacobian product, y the log-softmax output (float32 or float64). */
    static void logSoftmaxBackwardRows(Tensor y, Tensor g, Tensor gradIn, int rows, int len) {
        Tensor cg = g.dense();
        if (y.dtype == DType.FLOAT64) {
            Reductions.logSoftmaxBackwardRows(d(y), y.offset, d(cg), cg.offset, d(gradIn), gradIn.offset, rows, len);
        } else {
            Reductions.logSoftmaxBackwardRows(f(y), y.offset, f(cg), cg.offset, f(gradIn), gradIn.offset, rows, len);
        }
    }

    /** out[j] = Σ_r x[r, j] over a [rows, cols] matrix: the bias gradient. */
    static void sumColumns(Tensor x, int rows, int cols, Tensor out) {
        Tensor c = x.dense();
        out.storage.sumColumns(c.storage, c.offset, rows, cols, out.offset);
    }

    /** The unary functions that have a float32 and a float64 kernel, forward and backward (internal). */
    enum Unary { EXP, TANH, RELU, SIGMOID }

    /** act(x): the float32 or float64 kernel, else (int64, bool) {@code fn} in double. */
    static Tensor unary(Unary act, Tensor x, DoubleUnaryOperator fn) {
        if (x.dtype != DType.FLOAT32 && x.dtype != DType.FLOAT64) {
            return map(x, fn);
        }
        Tensor c = x.dense();
        Tensor out = Tensor.empty(x.shape, x.dtype);
        int n = out.numel(), xo = c.offset;
        if (x.dtype == DType.FLOAT64) {
            double[] xd = d(c), od = d(out);
            switch (act) {
                case EXP -> Elementwise.exp(xd, xo, od, 0, n);
                case TANH -> Elementwise.tanh(xd, xo, od, 0, n);
                case RELU -> Elementwise.relu(xd, xo, od, 0, n);
                case SIGMOID -> Elementwise.sigmoid(xd, xo, od, 0, n);
            }
            return out;
        }
        float[] xf = f(c), of = f(out);
        switch (act) {
            case EXP -> Elementwise.exp(xf, xo, of, 0, n);
            case TANH -> Elementwise.tanh(xf, xo, of, 0, n);
            case RELU -> Elementwise.relu(xf, xo, of, 0, n);
            case SIGMOID -> Elementwise.sigmoid(xf, xo, of, 0, n);
        }
        return out;
    }

    /**
     * g · act'(x) in float32 or float64, given relu's input x or tanh's / sigmoid's output y
     * ({@code saved}), or null when the two tensors are not both float32 or both float64. exp has
     * no helper: its derivative is its output, and {@code g.mul(out)} already runs on the mul kernel.
     */
    static Tensor unaryBackward(Unary act, Tensor saved, Tensor g) {
        if (saved.dtype != g.dtype || (g.dtype != DType.FLOAT32 && g.dtype != DType.FLOAT64)) {
            return null;
        }
        Tensor s = saved.dense(), cg = g.dense();
        Tensor gradIn = Tensor.empty(g.shape, g.dtype);
        int n = gradIn.numel(), so = s.offset, go = cg.offset;
        if (act == Unary.EXP) {
            throw new IllegalStateException("exp backward is g.mul(out)");
        }
        if (g.dtype == DType.FLOAT64) {
            double[] sd = d(s), gd = d(cg), out = d(gradIn);
            switch (act) {
                case TANH -> Elementwise.tanhBackward(sd, so, gd, go, out, 0, n);
                case RELU -> Elementwise.reluBackward(sd, so, gd, go, out, 0, n);
                case SIGMOID -> Elementwise.sigmoidBackward(sd, so, gd, go, out, 0, n);
                default -> throw new IllegalStateException(act.name());
            }
            return gradIn;
        }
        float[] sf = f(s), gf = f(cg), out = f(gradIn);
        switch (act) {
            case TANH -> Elementwise.tanhBackward(sf, so, gf, go, out, 0, n);
            case RELU -> Elementwise.reluBackward(sf, so, gf, go, out, 0, n);
            case SIGMOID -> Elementwise.sigmoidBackward(sf, so, gf, go, out, 0, n);
            default -> throw new IllegalStateException(act.name());
        }
        return gradIn;
    }
}
