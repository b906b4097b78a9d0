package jgrad.tensor.kernel;

/**
 * Elementwise float32 and float64 kernels over contiguous arrays with offsets ({@code float[]} and
 * {@code double[]} overloads of each): arithmetic, activations and
 * the activations' backward helpers. Each call goes to the Vector API twin when
 * {@link KernelParameters#simd()}, otherwise to {@link ScalarElementwise}.
 * Outputs may alias inputs element for element (in place), not shifted.
 *
 * <p>Backward helpers accumulate ({@code gradIn += ...}), since gradients add up over uses.
 *
 * <p>Accuracy of the float64 transcendentals, against the exact value (measured by
 * {@code Float64KernelsTest} against BigDecimal, which holds them to the bound): exp within 1 ulp
 * on both paths ({@code Math.exp}: 0.51 ulps measured; the JDK's vector exp stub: 0.65); tanh
 * within 2.5 ulps ({@code Math.tanh}'s specification; 1.89 measured on JDK 17, whose vector tanh
 * is {@code Math.tanh} lane by lane, 0.63 on JDK 25's stub); sigmoid within 3 ulps (1.92).
 * The vector stubs flush subnormal results to zero, the scalar loops keep them. Arithmetic, relu
 * and the backward helpers are the same IEEE operations on both paths, bit for bit.
 *
 * <pre>{@code
 * float[] x = {-1f, 0f, 2f};
 * float[] y = new float[3];
 * Elementwise.relu(x, 0, y, 0, 3);        // y = {0, 0, 2}
 * float[] dx = new float[3];
 * Elementwise.reluBackward(x, 0, new float[] {1, 1, 1}, 0, dx, 0, 3);  // dx = {0, 0, 1}
 * }</pre>
 */
public final class Elementwise {
    private static final boolean SIMD = KernelParameters.simd();

    private Elementwise() {
    }

    /** out[i] = a[i] + b[i] for i below n. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.add(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarElementwise.add(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[i] = a[i] − b[i]. */
    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.sub(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarElementwise.sub(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[i] = a[i] · b[i]. */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.mul(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarElementwise.mul(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[i] = a[i] / b[i] (IEEE: x/0 is ±∞, 0/0 is NaN). */
    public static void div(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.div(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarElementwise.div(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** y[i] += alpha · x[i] (BLAS axpy): gradient accumulation and the SGD update. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.axpy(alpha, x, xOff, y, yOff, n);
        } else {
            ScalarElementwise.axpy(alpha, x, xOff, y, yOff, n);
        }
    }

    /** out[i] = e^x[i]. */
    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.exp(x, xOff, out, outOff, n);
        } else {
            ScalarElementwise.exp(x, xOff, out, outOff, n);
        }
    }

    /** out[i] = tanh(x[i]). */
    public static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.tanh(x, xOff, out, outOff, n);
        } else {
            ScalarElementwise.tanh(x, xOff, out, outOff, n);
        }
    }

    /** out[i] = σ(x[i]) = 1 / (1 + e^−x[i]); saturates to 0 and 1 without NaN. */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.sigmoid(x, xOff, out, outOff, n);
        } else {
            ScalarElementwise.sigmoid(x, xOff, out, outOff, n);
        }
    }

    /** out[i] = max(x[i], 0); relu(NaN) is NaN, as in PyTorch. */
    public static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.relu(x, xOff, out, outOff, n);
        } else {
            ScalarElementwise.relu(x, xOff, out, outOff, n);
        }
    }

    /** gradIn[i] += gradOut[i] where x[i] > 0; x is relu's input. */
    public static void reluBackward(float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.reluBackward(x, xOff, gradOut, gOff, gradIn, giOff, n);
        } else {
            ScalarElementwise.reluBackward(x, xOff, gradOut, gOff, gradIn, giOff, n);
        }
    }

    /** gradIn[i] += gradOut[i] · (1 − y[i]²); y is tanh's output. */
    public static void tanhBackward(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.tanhBackward(y, yOff, gradOut, gOff, gradIn, giOff, n);
        } else {
            ScalarElementwise.tanhBackward(y, yOff, gradOut, gOff, gradIn, giOff, n);
        }
    }

    /** gradIn[i] += gradOut[i] · y[i] · (1 − y[i]); y is sigmoid's output. */
    public static void sigmoidBackward(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.sigmoidBackward(y, yOff, gradOut, gOff, gradIn, giOff, n);
        } else {
            ScalarElementwise.sigmoidBackward(y, yOff, gradOut, gOff, gradIn, giOff, n);
        }
    }

    // float64 overloads: the same contracts over double[] (DoubleVector kernels when SIMD)

    /** out[i] = a[i] + b[i] for i below n. */
    public static void add(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.add(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarElementwise.add(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[i] = a[i] − b[i]. */
    public static void sub(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.sub(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarElementwise.sub(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[i] = a[i] · b[i]. */
    public static void mul(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.mul(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarElementwise.mul(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[i] = a[i] / b[i] (IEEE: x/0 is ±∞, 0/0 is NaN). */
    public static void div(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.div(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarElementwise.div(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** y[i] += alpha · x[i] (BLAS axpy): gradient accumulation and the SGD update. */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.axpy(alpha, x, xOff, y, yOff, n);
        } else {
            ScalarElementwise.axpy(alpha, x, xOff, y, yOff, n);
        }
    }

    /** out[i] = e^x[i], within 1 ulp of the exact value (see the class comment). */
    public static void exp(double[] x, int xOff, double[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.exp(x, xOff, out, outOff, n);
        } else {
            ScalarElementwise.exp(x, xOff, out, outOff, n);
        }
    }

    /** out[i] = tanh(x[i]), within 2.5 ulps of the exact value (see the class comment). */
    public static void tanh(double[] x, int xOff, double[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.tanh(x, xOff, out, outOff, n);
        } else {
            ScalarElementwise.tanh(x, xOff, out, outOff, n);
        }
    }

    /** out[i] = σ(x[i]) = 1 / (1 + e^−x[i]), within 3 ulps; saturates to 0 and 1 without NaN. */
    public static void sigmoid(double[] x, int xOff, double[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.sigmoid(x, xOff, out, outOff, n);
        } else {
            ScalarElementwise.sigmoid(x, xOff, out, outOff, n);
        }
    }

    /** out[i] = max(x[i], 0); relu(NaN) is NaN, as in PyTorch. */
    public static void relu(double[] x, int xOff, double[] out, int outOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.relu(x, xOff, out, outOff, n);
        } else {
            ScalarElementwise.relu(x, xOff, out, outOff, n);
        }
    }

    /** gradIn[i] += gradOut[i] where x[i] > 0; x is relu's input. */
    public static void reluBackward(double[] x, int xOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.reluBackward(x, xOff, gradOut, gOff, gradIn, giOff, n);
        } else {
            ScalarElementwise.reluBackward(x, xOff, gradOut, gOff, gradIn, giOff, n);
        }
    }

    /** gradIn[i] += gradOut[i] · (1 − y[i]²); y is tanh's output. */
    public static void tanhBackward(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.tanhBackward(y, yOff, gradOut, gOff, gradIn, giOff, n);
        } else {
            ScalarElementwise.tanhBackward(y, yOff, gradOut, gOff, gradIn, giOff, n);
        }
    }

    /** gradIn[i] += gradOut[i] · y[i] · (1 − y[i]); y is sigmoid's output. */
    public static void sigmoidBackward(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int n) {
        if (SIMD && KernelParameters.vectorCall(n)) {
            SimdElementwise.sigmoidBackward(y, yOff, gradOut, gOff, gradIn, giOff, n);
        } else {
            ScalarElementwise.sigmoidBackward(y, yOff, gradOut, gOff, gradIn, giOff, n);
        }
    }
}
