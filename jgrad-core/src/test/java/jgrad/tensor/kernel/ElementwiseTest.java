package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Vector API elementwise kernel against its scalar twin, element by element, over lengths 0,
 * 1, the lane width ± 1, odd tails and a large array, at non-zero offsets; plus hand-computed
 * values and the special cases (NaN, saturation) for the façade.
 */
class ElementwiseTest {
    static IntStream lengths() {
        int l = KernelParameters.simd() ? SimdElementwise.LANES : 8;
        return IntStream.of(0, 1, l - 1, l, l + 1, 2 * l + 3, 4 * l - 1, 1000, 100_003);
    }

    /** Gaussian values with some exact zeros and large magnitudes mixed in. */
    static float[] data(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (rnd.nextInt(10)) {
                case 0 -> 0f;
                case 1 -> (float) (rnd.nextGaussian() * 40);
                default -> (float) rnd.nextGaussian();
            };
        }
        return v;
    }

    interface Binary {
        void run(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);
    }

    interface Unary {
        void run(float[] x, int xOff, float[] out, int outOff, int n);
    }

    interface Backward {
        void run(float[] y, int yOff, float[] g, int gOff, float[] gi, int giOff, int n);
    }

    private static void sameBinary(int n, Binary simd, Binary scalar) {
        Random rnd = new Random(n);
        float[] a = data(rnd, n + 2), b = data(rnd, n + 3);
        b[1] = 0f;   // a division by zero gives ±∞ or NaN on both sides
        float[] fast = new float[n + 1], slow = new float[n + 1];
        simd.run(a, 2, b, 3, fast, 1, n);
        scalar.run(a, 2, b, 3, slow, 1, n);
        assertThat(fast).containsExactly(slow);
    }

    private static void closeUnary(int n, Unary simd, Unary scalar, int ulps) {
        Random rnd = new Random(n + 1);
        float[] x = data(rnd, n + 1);
        float[] fast = new float[n + 2], slow = new float[n + 2];
        simd.run(x, 1, fast, 2, n);
        scalar.run(x, 1, slow, 2, n);
        for (int i = 0; i < fast.length; i++) {
            if (Float.compare(fast[i], slow[i]) == 0) {
                continue;   // equal, including ±∞ and NaN
            }
            // NOTE: the vector exp flushes subnormal results to zero, hence the MIN_NORMAL slack.
            assertThat(Math.abs(fast[i] - slow[i])).as("n=%d at %d: %s vs %s", n, i, fast[i], slow[i])
                    .isLessThanOrEqualTo(Math.max(ulps * Math.ulp(slow[i]), Float.MIN_NORMAL));
        }
    }

    private static void sameBackward(int n, Backward simd, Backward scalar, boolean yIsProbability) {
        Random rnd = new Random(n + 2);
        float[] y = data(rnd, n + 1), g = data(rnd, n + 2), base = data(rnd, n + 3);
        if (yIsProbability) {
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) (1 / (1 + Math.exp(-y[i])));
            }
        }
        float[] fast = base.clone(), slow = base.clone();
        simd.run(y, 1, g, 2, fast, 3, n);
        scalar.run(y, 1, g, 2, slow, 3, n);
        assertThat(fast).containsExactly(slow);
    }

    @ParameterizedTest(name = "n={0}")
    @MethodSource("lengths")
    void arithmeticMatchesScalarTwinExactly(int n) {
        assumeTrue(KernelParameters.simd(), "Vector API not enabled in this JVM");
        sameBinary(n, SimdElementwise::add, ScalarElementwise::add);
        sameBinary(n, SimdElementwise::sub, ScalarElementwise::sub);
        sameBinary(n, SimdElementwise::mul, ScalarElementwise::mul);
        sameBinary(n, SimdElementwise::div, ScalarElementwise::div);
        Random rnd = new Random(n);
        float[] x = data(rnd, n + 1), y = data(rnd, n + 2);
        float[] fast = y.clone(), slow = y.clone();
        SimdElementwise.axpy(-0.3f, x, 1, fast, 2, n);
        ScalarElementwise.axpy(-0.3f, x, 1, slow, 2, n);
        assertThat(fast).containsExactly(slow);
    }

    @ParameterizedTest(name = "n={0}")
    @MethodSource("lengths")
    void activationsMatchScalarTwin(int n) {
        assumeTrue(KernelParameters.simd(), "Vector API not enabled in this JVM");
        closeUnary(n, SimdElementwise::relu, ScalarElementwise::relu, 0);
        closeUnary(n, SimdElementwise::exp, ScalarElementwise::exp, 2);
        closeUnary(n, SimdElementwise::tanh, ScalarElementwise::tanh, 4);
        closeUnary(n, SimdElementwise::sigmoid, ScalarElementwise::sigmoid, 4);
    }

    @ParameterizedTest(name = "n={0}")
    @MethodSource("lengths")
    void backwardHelpersMatchScalarTwinExactly(int n) {
        assumeTrue(KernelParameters.simd(), "Vector API not enabled in this JVM");
        sameBackward(n, SimdElementwise::reluBackward, ScalarElementwise::reluBackward, false);
        sameBackward(n, SimdElementwise::tanhBackward, ScalarElementwise::tanhBackward, false);
        sameBackward(n, SimdElementwise::sigmoidBackward, ScalarElementwise::sigmoidBackward, true);
    }

    @Test
    void facadeGivesHandComputedValues() {
        float[] x = {-2f, -0f, 0f, 0.5f, 3f, Float.NaN, -100f, 100f, 1f};
        int n = x.length;
        float[] out = new float[n];
        Elementwise.relu(x, 0, out, 0, n);
        assertThat(out).containsExactly(0f, 0f, 0f, 0.5f, 3f, Float.NaN, 0f, 100f, 1f);
        Elementwise.sigmoid(x, 0, out, 0, n);
        assertThat(out[6]).isBetween(0f, 1e-40f);     // saturates, no NaN
        assertThat(out[7]).isEqualTo(1f);
        assertThat(out[3]).isCloseTo(0.62245935f, org.assertj.core.data.Offset.offset(1e-7f));  // 1/(1+e^-0.5)
        assertThat(out[5]).isNaN();
        Elementwise.tanh(x, 0, out, 0, n);
        assertThat(out[8]).isCloseTo(0.7615942f, org.assertj.core.data.Offset.offset(1e-7f));   // tanh(1)
        Elementwise.exp(x, 0, out, 0, n);
        assertThat(out[8]).isCloseTo(2.7182817f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(out[6]).isEqualTo((float) Math.exp(-100));

        float[] gradIn = new float[n];
        Arrays.fill(gradIn, 1f);
        float[] ones = new float[n];
        Arrays.fill(ones, 2f);
        Elementwise.reluBackward(x, 0, ones, 0, gradIn, 0, n);
        // d relu/dx is 1 for x > 0, else 0 (0 at exactly 0 and for NaN); accumulated onto 1
        assertThat(gradIn).containsExactly(1f, 1f, 1f, 3f, 3f, 1f, 1f, 3f, 3f);

        float[] a = {1, 2, 3}, b = {4, 5, 6}, c = new float[3];
        Elementwise.div(a, 0, b, 0, c, 0, 3);
        assertThat(c).containsExactly(0.25f, 0.4f, 0.5f);
        Elementwise.axpy(2f, a, 0, b, 0, 3);
        assertThat(b).containsExactly(6f, 9f, 12f);
    }
}
