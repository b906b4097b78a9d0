package jgrad.tensor.kernel;

/**
 * Plain-Java elementwise loops over float32 and float64 arrays with offsets: the fallback and test
 * oracle of {@code SimdElementwise}. Transcendentals are computed in double and rounded once for
 * float32; float64 calls {@link Math#exp} and {@link Math#tanh} directly (within 1 and 2.5 ulps of
 * the exact result by their specification). The backward helpers accumulate into the input
 * gradient.
 *
 * <pre>{@code
 * ScalarElementwise.tanh(x, 0, y, 0, x.length);
 * }</pre>
 */
public final class ScalarElementwise {
    private ScalarElementwise() {
    }

    /** out[i] = a[i] + b[i]. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    /** out[i] = a[i] - b[i]. */
    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    /** out[i] = a[i] * b[i]. */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    /** out[i] = a[i] / b[i]. */
    public static void div(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] / b[bOff + i];
        }
    }

    /** y[i] += alpha · x[i]. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** out[i] = e^x[i]. */
    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.exp(x[xOff + i]);
        }
    }

    /** out[i] = tanh(x[i]). */
    public static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    /** out[i] = 1 / (1 + e^-x[i]). */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) (1.0 / (1.0 + Math.exp(-x[xOff + i])));
        }
    }

    /** out[i] = max(x[i], 0); NaN stays NaN. */
    public static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    /** gradIn[i] += gradOut[i] where x[i] > 0 (NOTE: the gradient at exactly 0 is 0, as in PyTorch). */
    public static void reluBackward(float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        for (int i = 0; i < n; i++) {
            if (x[xOff + i] > 0f) {
                gradIn[giOff + i] += gradOut[gOff + i];
            }
        }
    }

    /** gradIn[i] += gradOut[i] · (1 − y[i]²), where y = tanh(x) is the forward output. */
    public static void tanhBackward(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        for (int i = 0; i < n; i++) {
            float t = y[yOff + i];
            gradIn[giOff + i] += gradOut[gOff + i] * (1f - t * t);
        }
    }

    /** gradIn[i] += gradOut[i] · y[i] · (1 − y[i]), where y = sigmoid(x) is the forward output. */
    public static void sigmoidBackward(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        for (int i = 0; i < n; i++) {
            float s = y[yOff + i];
            gradIn[giOff + i] += gradOut[gOff + i] * s * (1f - s);
        }
    }

    // float64: the same loops over double[], in double throughout

    /** out[i] = a[i] + b[i]. */
    public static void add(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    /** out[i] = a[i] - b[i]. */
    public static void sub(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    /** out[i] = a[i] * b[i]. */
    public static void mul(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    /** out[i] = a[i] / b[i]. */
    public static void div(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] / b[bOff + i];
        }
    }

    /** y[i] += alpha · x[i]. */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** out[i] = e^x[i]. */
    public static void exp(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.exp(x[xOff + i]);
        }
    }

    /** out[i] = tanh(x[i]). */
    public static void tanh(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.tanh(x[xOff + i]);
        }
    }

    /** out[i] = 1 / (1 + e^-x[i]). */
    public static void sigmoid(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (1.0 / (1.0 + Math.exp(-x[xOff + i])));
        }
    }

    /** out[i] = max(x[i], 0); NaN stays NaN. */
    public static void relu(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.max(x[xOff + i], 0.0);
        }
    }

    /** gradIn[i] += gradOut[i] where x[i] > 0 (NOTE: the gradient at exactly 0 is 0, as in PyTorch). */
    public static void reluBackward(double[] x, int xOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int n) {
        for (int i = 0; i < n; i++) {
            if (x[xOff + i] > 0.0) {
                gradIn[giOff + i] += gradOut[gOff + i];
            }
        }
    }

    /** gradIn[i] += gradOut[i] · (1 − y[i]²), where y = tanh(x) is the forward output. */
    public static void tanhBackward(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int n) {
        for (int i = 0; i < n; i++) {
            double t = y[yOff + i];
            gradIn[giOff + i] += gradOut[gOff + i] * (1.0 - t * t);
        }
    }

    /** gradIn[i] += gradOut[i] · y[i] · (1 − y[i]), where y = sigmoid(x) is the forward output. */
    public static void sigmoidBackward(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int n) {
        for (int i = 0; i < n; i++) {
            double s = y[yOff + i];
            gradIn[giOff + i] += gradOut[gOff + i] * s * (1.0 - s);
        }
    }
}
