package jgrad.tensor.kernel;

/**
 * float32 and float64 reductions and row-wise softmax over contiguous arrays with offsets,
 * dispatching to the Vector API twin when {@link KernelParameters#simd()} and to
 * {@link ScalarReductions} otherwise (the {@code double[]} overloads run {@code DoubleVector}).
 * A matrix argument is {@code rows × cols}, row-major from its offset; "rows" reductions reduce
 * the last axis, which is the axis softmax and cross-entropy use. Backward helpers accumulate.
 *
 * <pre>{@code
 * float[] logits = {1f, 2f, 3f, 1f, 1f, 1f};  // 2 rows of 3
 * float[] p = new float[6];
 * Reductions.softmaxRows(logits, 0, 2, 3, p, 0);  // p = {0.090, 0.245, 0.665, 1/3, 1/3, 1/3}
 * }</pre>
 */
public final class Reductions {
    private static final boolean SIMD = KernelParameters.simd();

    private Reductions() {
    }

    /** Σ x[i] for i below n; 0 when n is 0. The SIMD path sums in float lanes, the scalar one in double. */
    public static float sum(float[] x, int xOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            return SimdReductions.sum(x, xOff, n);
        }
        return ScalarReductions.sum(x, xOff, n);
    }

    /** max x[i]; −∞ when n is 0 (callers reject empty maxima), NaN if any element is NaN. */
    public static float max(float[] x, int xOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            return SimdReductions.max(x, xOff, n);
        }
        return ScalarReductions.max(x, xOff, n);
    }

    /** out[r] = Σ_j x[r, j] for a rows × cols matrix. */
    public static void sumRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.sumRows(x, xOff, rows, cols, out, outOff);
        } else {
            ScalarReductions.sumRows(x, xOff, rows, cols, out, outOff);
        }
    }

    /** out[r] = max_j x[r, j]. */
    public static void maxRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.maxRows(x, xOff, rows, cols, out, outOff);
        } else {
            ScalarReductions.maxRows(x, xOff, rows, cols, out, outOff);
        }
    }

    /** Stable softmax of each row: out[r, j] = e^(x[r, j] − m) / Σ_j' e^(x[r, j'] − m), m the row maximum. out may be x. */
    public static void softmaxRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.softmaxRows(x, xOff, rows, cols, out, outOff);
        } else {
            ScalarReductions.softmaxRows(x, xOff, rows, cols, out, outOff);
        }
    }

    /** Stable log-softmax of each row: out[r, j] = x[r, j] − m − log Σ_j' e^(x[r, j'] − m). out may be x. */
    public static void logSoftmaxRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.logSoftmaxRows(x, xOff, rows, cols, out, outOff);
        } else {
            ScalarReductions.logSoftmaxRows(x, xOff, rows, cols, out, outOff);
        }
    }

    /** gradIn[r, j] += y[r, j] · (gradOut[r, j] − Σ_j' gradOut[r, j'] · y[r, j']), with y the softmax output. */
    public static void softmaxBackwardRows(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int rows, int cols) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.softmaxBackwardRows(y, yOff, gradOut, gOff, gradIn, giOff, rows, cols);
        } else {
            ScalarReductions.softmaxBackwardRows(y, yOff, gradOut, gOff, gradIn, giOff, rows, cols);
        }
    }

    /** gradIn[r, j] += gradOut[r, j] − e^y[r, j] · Σ_j' gradOut[r, j'], with y the log-softmax output. */
    public static void logSoftmaxBackwardRows(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int rows, int cols) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.logSoftmaxBackwardRows(y, yOff, gradOut, gOff, gradIn, giOff, rows, cols);
        } else {
            ScalarReductions.logSoftmaxBackwardRows(y, yOff, gradOut, gOff, gradIn, giOff, rows, cols);
        }
    }

    /** out[j] (+)= Σ_r x[r, j] for a rows × cols matrix: the bias gradient; {@code accumulate} adds to out. */
    public static void sumColumns(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean accumulate) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.sumColumns(x, xOff, rows, cols, out, outOff, accumulate);
        } else {
            ScalarReductions.sumColumns(x, xOff, rows, cols, out, outOff, accumulate);
        }
    }

    // float64 overloads: the same contracts over double[] (DoubleVector kernels when SIMD)

    /**
     * Σ x[i] for i below n; 0 when n is 0. The SIMD path keeps 2 vectors of lane-wise partial sums,
     * the scalar one adds left to right; either is within (n/lanes + lanes)·2⁻⁵³·Σ|x[i]| of the
     * exact sum (the textbook bound for blocked summation), which the tests check against BigDecimal.
     */
    public static double sum(double[] x, int xOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            return SimdReductions.sum(x, xOff, n);
        }
        return ScalarReductions.sum(x, xOff, n);
    }

    /** max x[i]; −∞ when n is 0 (callers reject empty maxima), NaN if any element is NaN. */
    public static double max(double[] x, int xOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            return SimdReductions.max(x, xOff, n);
        }
        return ScalarReductions.max(x, xOff, n);
    }

    /** out[r] = Σ_j x[r, j] for a rows × cols matrix. */
    public static void sumRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.sumRows(x, xOff, rows, cols, out, outOff);
        } else {
            ScalarReductions.sumRows(x, xOff, rows, cols, out, outOff);
        }
    }

    /** out[r] = max_j x[r, j]. */
    public static void maxRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.maxRows(x, xOff, rows, cols, out, outOff);
        } else {
            ScalarReductions.maxRows(x, xOff, rows, cols, out, outOff);
        }
    }

    /** Stable softmax of each row: out[r, j] = e^(x[r, j] − m) / Σ_j' e^(x[r, j'] − m), m the row maximum. out may be x. */
    public static void softmaxRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.softmaxRows(x, xOff, rows, cols, out, outOff);
        } else {
            ScalarReductions.softmaxRows(x, xOff, rows, cols, out, outOff);
        }
    }

    /** Stable log-softmax of each row: out[r, j] = x[r, j] − m − log Σ_j' e^(x[r, j'] − m). out may be x. */
    public static void logSoftmaxRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.logSoftmaxRows(x, xOff, rows, cols, out, outOff);
        } else {
            ScalarReductions.logSoftmaxRows(x, xOff, rows, cols, out, outOff);
        }
    }

    /** gradIn[r, j] += y[r, j] · (gradOut[r, j] − Σ_j' gradOut[r, j'] · y[r, j']), with y the softmax output. */
    public static void softmaxBackwardRows(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int rows, int cols) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.softmaxBackwardRows(y, yOff, gradOut, gOff, gradIn, giOff, rows, cols);
        } else {
            ScalarReductions.softmaxBackwardRows(y, yOff, gradOut, gOff, gradIn, giOff, rows, cols);
        }
    }

    /** gradIn[r, j] += gradOut[r, j] − e^y[r, j] · Σ_j' gradOut[r, j'], with y the log-softmax output. */
    public static void logSoftmaxBackwardRows(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int rows, int cols) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.logSoftmaxBackwardRows(y, yOff, gradOut, gOff, gradIn, giOff, rows, cols);
        } else {
            ScalarReductions.logSoftmaxBackwardRows(y, yOff, gradOut, gOff, gradIn, giOff, rows, cols);
        }
    }

    /** out[j] (+)= Σ_r x[r, j] for a rows × cols matrix: the bias gradient; {@code accumulate} adds to out. */
    public static void sumColumns(double[] x, int xOff, int rows, int cols, double[] out, int outOff, boolean accumulate) {
        if (SIMD && KernelParameters.vectorCall((long) rows * cols)) {
            SimdReductions.sumColumns(x, xOff, rows, cols, out, outOff, accumulate);
        } else {
            ScalarReductions.sumColumns(x, xOff, rows, cols, out, outOff, accumulate);
        }
    }
}
