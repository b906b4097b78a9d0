package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float64 matmul: both SIMD paths of {@link SimdMatMul64} and the facade against a textbook
 * triple loop whose sums are exact to the last bit (Kahan-compensated), and against the scalar twin,
 * over shapes at the edges of the float64 micro-kernel's tile (6 × 2 vectors of 8 or 4 doubles)
 * and of the cache blocks. The bound is the textbook one for a dot product of length k:
 * |error| ≤ k · ε · Σ|a·b| (ε = 2⁻⁵³), whatever the order of the additions.
 */
class MatMul64Test {
    private static final int LANES = KernelParameters.simd() ? SimdMatMul64.NR / 2 : 4;
    private static final int THREADS = KernelParameters.threads();

    @AfterEach
    void restoreThreads() {
        KernelParameters.setThreads(THREADS);
    }

    static Stream<Arguments> shapes() {
        int nr = 2 * LANES;
        int[] ms = {0, 1, 5, 6, 7, 13, 14, 15, 29};
        int[] ks = {0, 1, 3, 17};
        int[] ns = {0, 1, LANES - 1, LANES, LANES + 1, nr - 1, nr + 1, 2 * nr + 3};
        List<Arguments> out = new ArrayList<>();
        for (int m : ms) {
            for (int k : ks) {
                for (int n : ns) {
                    out.add(Arguments.of(m, k, n));
                }
            }
        }
        out.add(Arguments.of(KernelParameters.MATMUL_MC + 7, KernelParameters.MATMUL_KC + 9, 3 * nr + 5));
        out.add(Arguments.of(KernelParameters.MATMUL_MC_WIDE + 11, KernelParameters.MATMUL_KC + 1, nr + 3));
        out.add(Arguments.of(64, 64, 64));
        out.add(Arguments.of(37, 300, 45));
        return out.stream();
    }

    /** The exact-ish product (Kahan sums) and, per element, Σ|a·b| for the error bound. */
    private static double[][] naive(boolean transA, boolean transB, double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n], mag = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, comp = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double term = (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                    double y = term - comp, t = s + y;
                    comp = (t - s) - y;
                    s = t;
                    abs += Math.abs(term);
                }
                c[i * n + j] = s;
                mag[i * n + j] = abs;
            }
        }
        return new double[][] {c, mag};
    }

    private static double[] random(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    private static void assertClose(double[] actual, int from, double[][] expected, int k, double plus, String what) {
        double[] ref = expected[0], mag = expected[1];
        for (int i = 0; i < ref.length; i++) {
            double tol = (k + 2) * 0x1p-53 * (mag[i] + Math.abs(plus)) + Double.MIN_NORMAL;
            assertThat(Math.abs(actual[from + i] - (ref[i] + plus)))
                    .as("%s at %d: %s vs %s", what, i, actual[from + i], ref[i] + plus).isLessThanOrEqualTo(tol);
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("shapes")
    void bothSimdPathsMatchTheTextbookProduct(int m, int k, int n) {
        Assumptions.assumeTrue(KernelParameters.simd(), "Vector API not enabled in this JVM");
        Random rnd = new Random(13L * m + 3L * k + n);
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
            double[] a = random(rnd, m * k), b = random(rnd, k * n);
            double[][] ref = naive(ta, tb, a, b, m, k, n);
            double[] packed = new double[m * n], small = new double[m * n];
            Arrays.fill(packed, Double.NaN);   // overwrite mode must not read C
            Arrays.fill(small, Double.NaN);
            SimdMatMul64.block(ta, tb, a, 0, b, 0, packed, 0, m, k, n, false, 0, m, 0, n);
            SimdMatMul64.small(ta, tb, a, 0, b, 0, small, 0, m, k, n, false);
            assertClose(packed, 0, ref, k, 0, "packed ta=" + ta + " tb=" + tb);
            assertClose(small, 0, ref, k, 0, "small ta=" + ta + " tb=" + tb);
        }
    }

    static Stream<Arguments> narrowShapes() {
        return MatMulTest.narrowShapes();
    }

    @ParameterizedTest(name = "narrow {0}, k {1}, wide {2}")
    @MethodSource("narrowShapes")
    void narrowKernelsMatchTheTextbookProductWithOffsetsAndAccumulation(int narrow, int k, int wide) {
        Assumptions.assumeTrue(KernelParameters.simd(), "Vector API not enabled in this JVM");
        Random rnd = new Random(19L * narrow + 7L * k + wide);
        for (boolean dots : new boolean[] {true, false}) {
            int m = dots ? wide : narrow, n = dots ? narrow : wide;
            boolean ta = !dots, tb = dots;
            double[] a = random(rnd, 3 + m * k), b = random(rnd, 2 + k * n);
            double[][] ref = naive(ta, tb, Arrays.copyOfRange(a, 3, a.length), Arrays.copyOfRange(b, 2, b.length), m, k, n);
            double[] c = new double[5 + m * n + 4];
            Arrays.fill(c, Double.NaN);   // overwrite mode must not read C
            c[4] = 99;
            c[5 + m * n] = 99;
            SimdMatMulNarrow.matmul(ta, tb, a, 3, b, 2, c, 5, m, k, n, false);
            assertClose(c, 5, ref, k, 0, (dots ? "dots" : "rows") + " overwrite");
            assertThat(c[4]).as("element before C untouched").isEqualTo(99);
            assertThat(c[5 + m * n]).as("element after C untouched").isEqualTo(99);
            double[] acc = new double[m * n];
            Arrays.fill(acc, 1);
            SimdMatMulNarrow.matmul(ta, tb, a, 3, b, 2, acc, 0, m, k, n, true);
            assertClose(acc, 0, ref, k, 1, (dots ? "dots" : "rows") + " accumulate");
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("shapes")
    void facadeAndScalarTwinMatchWithOffsetsAndAccumulation(int m, int k, int n) {
        Random rnd = new Random(17L * m + 5L * k + n);
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
            double[] a = random(rnd, 3 + m * k), b = random(rnd, 2 + k * n);
            double[][] ref = naive(ta, tb, Arrays.copyOfRange(a, 3, a.length), Arrays.copyOfRange(b, 2, b.length), m, k, n);
            double[] c = new double[5 + m * n + 4];
            Arrays.fill(c, 99);
            MatMul.matmul(ta, tb, a, 3, b, 2, c, 5, m, k, n, false);
            assertClose(c, 5, ref, k, 0, "facade ta=" + ta + " tb=" + tb);
            assertThat(c[4]).as("element before C untouched").isEqualTo(99);
            assertThat(c[5 + m * n]).as("element after C untouched").isEqualTo(99);

            double[] acc = new double[m * n], twin = new double[m * n];
            Arrays.fill(acc, 1);
            Arrays.fill(twin, 1);
            MatMul.matmul(ta, tb, a, 3, b, 2, acc, 0, m, k, n, true);
            ScalarMatMul.block(ta, tb, a, 3, b, 2, twin, 0, m, k, n, true, 0, m, 0, n);
            assertClose(acc, 0, ref, k, 1, "facade accumulate ta=" + ta + " tb=" + tb);
            assertClose(twin, 0, ref, k, 1, "scalar twin accumulate ta=" + ta + " tb=" + tb);
        }
    }

    @Test
    void parallelSplitGivesTheSingleThreadResultExactly() {
        Random rnd = new Random(9);
        int[][] shapes = {{300, 200, 90}, {90, 200, 300}, {128, 784, 256}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            double[] a = random(rnd, m * k), b = random(rnd, k * n);
            double[] one = new double[m * n], three = new double[m * n];
            KernelParameters.setThreads(1);
            MatMul.mult(a, 0, b, 0, one, 0, m, k, n);
            KernelParameters.setThreads(3);
            MatMul.mult(a, 0, b, 0, three, 0, m, k, n);
            assertThat(three).as("%dx%dx%d", m, k, n).containsExactly(one);
        }
    }
}
