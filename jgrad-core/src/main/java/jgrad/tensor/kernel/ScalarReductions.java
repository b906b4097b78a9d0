package jgrad.tensor.kernel;

/**
 * Plain-Java reductions and row-wise softmax over float32 arrays with offsets: the fallback and
 * test oracle of {@code SimdReductions}. A matrix argument is {@code rows × cols}, row-major and
 * contiguous from its offset. Sums accumulate in double here (the oracle is the more precise
 * side); softmax is stable (the row maximum is subtracted before exponentiating).
 *
 * <pre>{@code
 * float total = ScalarReductions.sum(x, 0, x.length);
 * }</pre>
 */
public final class ScalarReductions {
    private ScalarReductions() {
    }

    /** Σ x[i] for i below n; 0 when n is 0. */
    public static float sum(float[] x, int xOff, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i];
        }
        return (float) s;
    }

    /** max x[i]; −∞ when n is 0, NaN if any element is NaN. */
    public static float max(float[] x, int xOff, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[xOff + i]);
        }
        return m;
    }

    /** out[r] = Σ_j x[r, j]. */
    public static void sumRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = sum(x, xOff + r * cols, cols);
        }
    }

    /** out[r] = max_j x[r, j]. */
    public static void maxRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = max(x, xOff + r * cols, cols);
        }
    }

    /** out[j] (+)= Σ_r x[r, j]: the bias gradient of a batch. */
    public static void sumColumns(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, outOff, outOff + cols, 0f);
        }
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            for (int j = 0; j < cols; j++) {
                out[outOff + j] += x[xr + j];
            }
        }
    }

    /** Each row: out[r, j] = e^(x[r, j] − m) / Σ_j' e^(x[r, j'] − m), with m the row maximum. */
    public static void softmaxRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols, or = outOff + r * cols;
            float m = max(x, xr, cols);
            float s = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[xr + j] - m);
                out[or + j] = e;
                s += e;
            }
            float inv = 1f / s;
            for (int j = 0; j < cols; j++) {
                out[or + j] *= inv;
            }
        }
    }

    /** Each row: out[r, j] = x[r, j] − m − log Σ_j' e^(x[r, j'] − m), with m the row maximum. */
    public static void logSoftmaxRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols, or = outOff + r * cols;
            float m = max(x, xr, cols);
            float s = 0f;
            for (int j = 0; j < cols; j++) {
                s += (float) Math.exp(x[xr + j] - m);
            }
            float shift = m + (float) Math.log(s);
            for (int j = 0; j < cols; j++) {
                out[or + j] = x[xr + j] - shift;
            }
        }
    }

    /** Each row: gradIn[r, j] += y[r, j] · (gradOut[r, j] − Σ_j' gradOut[r, j'] · y[r, j']); y is softmax's output. */
    public static void softmaxBackwardRows(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff,
                                           int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols, gr = gOff + r * cols, ir = giOff + r * cols;
            float dot = 0f;
            for (int j = 0; j < cols; j++) {
                dot += gradOut[gr + j] * y[yr + j];
            }
            for (int j = 0; j < cols; j++) {
                gradIn[ir + j] += flushSubnormal(y[yr + j] * (gradOut[gr + j] - dot));
            }
        }
    }

    /** Each row: gradIn[r, j] += gradOut[r, j] − e^y[r, j] · Σ_j' gradOut[r, j']; y is logSoftmax's output. */
    public static void logSoftmaxBackwardRows(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff,
                                              int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols, gr = gOff + r * cols, ir = giOff + r * cols;
            float s = 0f;
            for (int j = 0; j < cols; j++) {
                s += gradOut[gr + j];
            }
            for (int j = 0; j < cols; j++) {
                gradIn[ir + j] += flushSubnormal(gradOut[gr + j] - (float) Math.exp(y[yr + j]) * s);
            }
        }
    }

    /**
     * {@code d}, or 0 if it is a subnormal float (magnitude below {@link Float#MIN_NORMAL}, about
     * 1.2e-38). The float32 (log-)softmax gradients flush such values, as a CPU in flush-to-zero
     * mode would (Java cannot set that mode): a confident classifier's probabilities for the wrong
     * classes fall below e^-87, their gradients become subnormal, and every matmul of the backward
     * pass that reads them then takes the processor's slow path for subnormal operands (the
     * 20-64-64-3 model's epochs grew from 142 to 187 ms over twelve epochs). Such a term is below
     * 1e-38 and changes nothing else.
     */
    static float flushSubnormal(float d) {
        return Math.abs(d) < Float.MIN_NORMAL ? 0f : d;
    }

    // float64: the same loops over double[]

    /** Σ x[i] for i below n; 0 when n is 0. */
    public static double sum(double[] x, int xOff, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    /** max x[i]; −∞ when n is 0, NaN if any element is NaN. */
    public static double max(double[] x, int xOff, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[xOff + i]);
        }
        return m;
    }

    /** out[r] = Σ_j x[r, j]. */
    public static void sumRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = sum(x, xOff + r * cols, cols);
        }
    }

    /** out[r] = max_j x[r, j]. */
    public static void maxRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = max(x, xOff + r * cols, cols);
        }
    }

    /** out[j] (+)= Σ_r x[r, j]: the bias gradient of a batch. */
    public static void sumColumns(double[] x, int xOff, int rows, int cols, double[] out, int outOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, outOff, outOff + cols, 0.0);
        }
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            for (int j = 0; j < cols; j++) {
                out[outOff + j] += x[xr + j];
            }
        }
    }

    /** Each row: out[r, j] = e^(x[r, j] − m) / Σ_j' e^(x[r, j'] − m), with m the row maximum. */
    public static void softmaxRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols, or = outOff + r * cols;
            double m = max(x, xr, cols);
            double s = 0.0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(x[xr + j] - m);
                out[or + j] = e;
                s += e;
            }
            double inv = 1.0 / s;
            for (int j = 0; j < cols; j++) {
                out[or + j] *= inv;
            }
        }
    }

    /** Each row: out[r, j] = x[r, j] − m − log Σ_j' e^(x[r, j'] − m), with m the row maximum. */
    public static void logSoftmaxRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols, or = outOff + r * cols;
            double m = max(x, xr, cols);
            double s = 0.0;
            for (int j = 0; j < cols; j++) {
                s += Math.exp(x[xr + j] - m);
            }
            double shift = m + Math.log(s);
            for (int j = 0; j < cols; j++) {
                out[or + j] = x[xr + j] - shift;
            }
        }
    }

    /** Each row: gradIn[r, j] += y[r, j] · (gradOut[r, j] − Σ_j' gradOut[r, j'] · y[r, j']); y is softmax's output. */
    public static void softmaxBackwardRows(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff,
                                           int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols, gr = gOff + r * cols, ir = giOff + r * cols;
            double dot = 0.0;
            for (int j = 0; j < cols; j++) {
                dot += gradOut[gr + j] * y[yr + j];
            }
            for (int j = 0; j < cols; j++) {
                gradIn[ir + j] += y[yr + j] * (gradOut[gr + j] - dot);
            }
        }
    }

    /** Each row: gradIn[r, j] += gradOut[r, j] − e^y[r, j] · Σ_j' gradOut[r, j']; y is logSoftmax's output. */
    public static void logSoftmaxBackwardRows(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff,
                                              int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols, gr = gOff + r * cols, ir = giOff + r * cols;
            double s = 0.0;
            for (int j = 0; j < cols; j++) {
                s += gradOut[gr + j];
            }
            for (int j = 0; j < cols; j++) {
                gradIn[ir + j] += gradOut[gr + j] - Math.exp(y[yr + j]) * s;
            }
        }
    }
}
