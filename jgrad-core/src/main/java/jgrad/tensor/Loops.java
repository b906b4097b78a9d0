package jgrad.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import jgrad.tensor.kernel.Elementwise;
import jgrad.tensor.kernel.MatMul;
import jgrad.tensor.kernel.Reductions;

/**
 * The plain loops under the tensor engine: every loop that touches tensor data in bulk lives here,
 * over contiguous row-major arrays, once for {@code float[]} and once for {@code double[]}.
 *
 * <p>Internal. Callers have validated shapes; nothing here checks. This is the seam where the fast
 * kernels of {@code jgrad.tensor.kernel} (SIMD with scalar twins) plug in: float32 arithmetic,
 * activations, row reductions, softmax rows and every matmul go to {@link Elementwise},
 * {@link Reductions} and {@link MatMul}; float64 matmul goes to {@link MatMul}'s scalar double
 * kernel; the rest of float64 (and the generic {@code map}/{@code zip}) stays on the plain loops
 * here, where precision matters more than speed.
 */
final class Loops {
    private Loops() {
    }

    /** out[i] = fn(x[i]); float32 computes in double and rounds once. */
    static void map(Tensor x, Tensor out, DoubleUnaryOperator fn) {
        int n = out.numel();
        if (out.d != null) {
            double[] xd = x.d, od = out.d;
            for (int i = 0; i < n; i++) {
                od[i] = fn.applyAsDouble(xd[i]);
            }
        } else {
            float[] xf = x.f, of = out.f;
            for (int i = 0; i < n; i++) {
                of[i] = (float) fn.applyAsDouble(xf[i]);
            }
        }
    }

    /** out[i] = fn(a[i], b[i]) over equal shapes and dtypes. */
    static void zip(Tensor a, Tensor b, Tensor out, DoubleBinaryOperator fn) {
        int n = out.numel();
        if (out.d != null) {
            double[] ad = a.d, bd = b.d, od = out.d;
            for (int i = 0; i < n; i++) {
                od[i] = fn.applyAsDouble(ad[i], bd[i]);
            }
        } else {
            float[] af = a.f, bf = b.f, of = out.f;
            for (int i = 0; i < n; i++) {
                of[i] = (float) fn.applyAsDouble(af[i], bf[i]);
            }
        }
    }

    /** out[i] = a[i] + b[i]: the gradient accumulation path, kept free of lambdas. */
    static void add(Tensor a, Tensor b, Tensor out) {
        int n = out.numel();
        if (out.d != null) {
            for (int i = 0; i < n; i++) {
                out.d[i] = a.d[i] + b.d[i];
            }
        } else {
            Elementwise.add(a.f, 0, b.f, 0, out.f, 0, n);
        }
    }

    /** out[i] = a[i] * b[i]. */
    static void mul(Tensor a, Tensor b, Tensor out) {
        int n = out.numel();
        if (out.d != null) {
            for (int i = 0; i < n; i++) {
                out.d[i] = a.d[i] * b.d[i];
            }
        } else {
            Elementwise.mul(a.f, 0, b.f, 0, out.f, 0, n);
        }
    }

    /** y[i] += alpha · x[i]. */
    static void axpy(double alpha, Tensor x, Tensor y) {
        int n = y.numel();
        if (y.d != null) {
            for (int i = 0; i < n; i++) {
                y.d[i] += alpha * x.d[i];
            }
        } else {
            Elementwise.axpy((float) alpha, x.f, 0, y.f, 0, n);
        }
    }

    /** Copies {@code len} elements between tensors of the same dtype. */
    static void copy(Tensor src, int srcPos, Tensor dst, int dstPos, int len) {
        if (dst.d != null) {
            System.arraycopy(src.d, srcPos, dst.d, dstPos, len);
        } else {
            System.arraycopy(src.f, srcPos, dst.f, dstPos, len);
        }
    }

    /** dst[dstPos + j] += src[srcPos + j] for j below {@code len}. */
    static void addInto(Tensor src, int srcPos, Tensor dst, int dstPos, int len) {
        if (dst.d != null) {
            for (int j = 0; j < len; j++) {
                dst.d[dstPos + j] += src.d[srcPos + j];
            }
        } else {
            Elementwise.add(dst.f, dstPos, src.f, srcPos, dst.f, dstPos, len);
        }
    }

    /**
     * Fills the contiguous {@code dst} by walking {@code src} from {@code offset} with
     * {@code strides} over {@code dst}'s shape: permutations, broadcasts (stride 0) and slices.
     */
    static void copyStrided(Tensor src, int offset, int[] strides, Tensor dst) {
        int n = dst.numel();
        if (n == 0) {
            return;
        }
        int rank = strides.length;
        if (rank == 0) {
            copy(src, offset, dst, 0, 1);
            return;
        }
        int[] dims = dst.shape.toArray();
        int[] idx = new int[rank];
        int last = rank - 1, lastLen = dims[last], lastStride = strides[last];
        int pos = offset;
        for (int out = 0; out < n; out += lastLen) {
            if (dst.d != null) {
                for (int j = 0; j < lastLen; j++) {
                    dst.d[out + j] = src.d[pos + j * lastStride];
                }
            } else {
                for (int j = 0; j < lastLen; j++) {
                    dst.f[out + j] = src.f[pos + j * lastStride];
                }
            }
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
        if (src.f != null && out.f != null && (kind == Reduce.SUM || len > 0)) {
            if (kind == Reduce.SUM) {
                Reductions.sumRows(src.f, 0, rows, len, out.f, 0);
            } else {
                Reductions.maxRows(src.f, 0, rows, len, out.f, 0);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * len;
            double acc = kind == Reduce.SUM ? 0 : src.getFlat(base);
            if (src.d != null) {
                double[] s = src.d;
                for (int j = 0; j < len; j++) {
                    double v = s[base + j];
                    acc = kind == Reduce.SUM ? acc + v : max(acc, v);
                }
            } else {
                float[] s = src.f;
                for (int j = 0; j < len; j++) {
                    double v = s[base + j];
                    acc = kind == Reduce.SUM ? acc + v : max(acc, v);
                }
            }
            out.setFlat(r, acc);
        }
    }

    /** NaN wins, as in PyTorch's max. */
    private static double max(double a, double b) {
        return a > b || Double.isNaN(a) ? a : b;
    }

    /** out[r] = the first index of the largest element of row r (NaN counts as largest). */
    static void argmaxRows(Tensor src, int rows, int len, Tensor out) {
        for (int r = 0; r < rows; r++) {
            int base = r * len, best = 0;
            double bestV = src.getFlat(base);
            for (int j = 1; j < len && !Double.isNaN(bestV); j++) {
                double v = src.getFlat(base + j);
                if (v > bestV || Double.isNaN(v)) {
                    bestV = v;
                    best = j;
                }
            }
            out.setFlat(r, best);
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
        for (int p = 0; p < batch; p++) {
            int ao = p * n * k, bo = p * k * m, co = p * n * m;
            if (c.d != null) {
                MatMul.matmul(transA, transB, a.d, ao, b.d, bo, c.d, co, n, k, m, true);
            } else {
                MatMul.matmul(transA, transB, a.f, ao, b.f, bo, c.f, co, n, k, m, true);
            }
        }
    }

    /** out[r, j] = softmax of row r of the [rows, len] float32 {@code x}. */
    static void softmaxRows(Tensor x, int rows, int len, Tensor out) {
        Reductions.softmaxRows(x.f, 0, rows, len, out.f, 0);
    }

    /** out[r, j] = log-softmax of row r of the [rows, len] float32 {@code x}. */
    static void logSoftmaxRows(Tensor x, int rows, int len, Tensor out) {
        Reductions.logSoftmaxRows(x.f, 0, rows, len, out.f, 0);
    }

    /** gradIn += softmax's vector-Jacobian product, y the softmax output (float32). */
    static void softmaxBackwardRows(Tensor y, Tensor g, Tensor gradIn, int rows, int len) {
        Reductions.softmaxBackwardRows(y.f, 0, g.f, 0, gradIn.f, 0, rows, len);
    }

    /** gradIn += log-softmax's vector-Jacobian product, y the log-softmax output (float32). */
    static void logSoftmaxBackwardRows(Tensor y, Tensor g, Tensor gradIn, int rows, int len) {
        Reductions.logSoftmaxBackwardRows(y.f, 0, g.f, 0, gradIn.f, 0, rows, len);
    }

    /** out[j] = Σ_r x[r, j] over a [rows, cols] matrix: the bias gradient. */
    static void sumColumns(Tensor x, int rows, int cols, Tensor out) {
        if (out.d != null) {
            java.util.Arrays.fill(out.d, 0, cols, 0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    out.d[j] += x.d[r * cols + j];
                }
            }
        } else {
            Reductions.sumColumns(x.f, 0, rows, cols, out.f, 0, false);
        }
    }

    /** A new tensor holding fn(x[i]). */
    static Tensor map(Tensor x, DoubleUnaryOperator fn) {
        Tensor out = Tensor.empty(x.shape, x.dtype);
        map(x, out, fn);
        return out;
    }

    /** The unary functions that have a float32 kernel, forward and backward (internal). */
    enum Unary { EXP, TANH, RELU, SIGMOID }

    /** act(x): the float32 kernel when there is one, else {@code fn} in double. */
    static Tensor unary(Unary act, Tensor x, DoubleUnaryOperator fn) {
        if (x.f == null) {
            return map(x, fn);
        }
        Tensor out = Tensor.empty(x.shape, x.dtype);
        int n = out.numel();
        switch (act) {
            case EXP -> Elementwise.exp(x.f, 0, out.f, 0, n);
            case TANH -> Elementwise.tanh(x.f, 0, out.f, 0, n);
            case RELU -> Elementwise.relu(x.f, 0, out.f, 0, n);
            case SIGMOID -> Elementwise.sigmoid(x.f, 0, out.f, 0, n);
        }
        return out;
    }

    /**
     * g · act'(x) in float32, given relu's input x or tanh's / sigmoid's output y ({@code saved}),
     * or null when the tensors are not all float32. exp has no helper: its derivative is
     * its output, and {@code g.mul(out)} already runs on the mul kernel.
     */
    static Tensor unaryBackward(Unary act, Tensor saved, Tensor g) {
        if (saved.f == null || g.f == null) {
            return null;
        }
        Tensor gradIn = Tensor.empty(g.shape, g.dtype);
        int n = gradIn.numel();
        switch (act) {
            case EXP -> throw new IllegalStateException("exp backward is g.mul(out)");
            case TANH -> Elementwise.tanhBackward(saved.f, 0, g.f, 0, gradIn.f, 0, n);
            case RELU -> Elementwise.reluBackward(saved.f, 0, g.f, 0, gradIn.f, 0, n);
            case SIGMOID -> Elementwise.sigmoidBackward(saved.f, 0, g.f, 0, gradIn.f, 0, n);
        }
        return gradIn;
    }
}
