package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scalar matmul against a naive triple loop in double, the SIMD matmul against the scalar
 * twin, and the parallel split against the single-threaded result, over a sweep of shapes that
 * hits empty matrices, single elements, the micro-kernel's tile (6 × 2 vectors) ± 1 and the cache
 * blocks' edges.
 */
class MatMulTest {
    private static final int LANES = KernelParameters.simd() ? SimdMatMul.NR / 2 : 8;
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
        // across the cache blocks: k beyond KC, m beyond MC, odd everything
        out.add(Arguments.of(KernelParameters.MATMUL_MC + 7, KernelParameters.MATMUL_KC + 9, 3 * nr + 5));
        out.add(Arguments.of(KernelParameters.MATMUL_MC_WIDE + 11, KernelParameters.MATMUL_KC + 1, nr + 3));
        out.add(Arguments.of(64, 64, 64));
        out.add(Arguments.of(37, 300, 45));
        return out.stream();
    }

    /** Σ_p op(A)[i, p] · op(B)[p, j], in double: the textbook definition. */
    private static double[] naive(boolean transA, boolean transB, float[] a, float[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[p * m + i] : a[i * k + p];
                    double bpj = transB ? b[j * k + p] : b[p * n + j];
                    s += aip * bpj;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    /** |x − ref| ≤ 1e-5 · (1 + Σ|terms|): float rounding grows with k and the terms' size. */
    private static void assertClose(float[] actual, double[] expected, int k, String what) {
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-5 * (1 + Math.sqrt(k) * 4);
            assertThat(Math.abs(actual[i] - expected[i])).as("%s at %d: %s vs %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tol);
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("shapes")
    void scalarMatchesNaiveTripleLoopForAllTransposes(int m, int k, int n) {
        Random rnd = new Random(31L * m + 7L * k + n);
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
            float[] a = random(rnd, m * k), b = random(rnd, k * n);
            float[] c = new float[m * n];
            ScalarMatMul.block(ta, tb, a, 0, b, 0, c, 0, m, k, n, false, 0, m, 0, n);
            assertClose(c, naive(ta, tb, a, b, m, k, n), k, "scalar ta=" + ta + " tb=" + tb);
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("shapes")
    void facadeMatchesNaiveWithOffsetsAndAccumulation(int m, int k, int n) {
        Random rnd = new Random(17L * m + 5L * k + n);
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
            float[] a = random(rnd, 3 + m * k), b = random(rnd, 2 + k * n);
            float[] a0 = java.util.Arrays.copyOfRange(a, 3, a.length), b0 = java.util.Arrays.copyOfRange(b, 2, b.length);
            double[] ref = naive(ta, tb, a0, b0, m, k, n);

            float[] c = new float[5 + m * n + 4];
            java.util.Arrays.fill(c, 99f);
            MatMul.matmul(ta, tb, a, 3, b, 2, c, 5, m, k, n, false);
            assertClose(java.util.Arrays.copyOfRange(c, 5, 5 + m * n), ref, k, "overwrite ta=" + ta + " tb=" + tb);
            assertThat(c[4]).as("element before C untouched").isEqualTo(99f);
            assertThat(c[5 + m * n]).as("element after C untouched").isEqualTo(99f);

            // accumulate: C starts at 1, so the result is 1 + A·B
            float[] acc = new float[m * n];
            java.util.Arrays.fill(acc, 1f);
            MatMul.matmul(ta, tb, a, 3, b, 2, acc, 0, m, k, n, true);
            double[] plusOne = ref.clone();
            for (int i = 0; i < plusOne.length; i++) {
                plusOne[i] += 1;
            }
            assertClose(acc, plusOne, k, "accumulate ta=" + ta + " tb=" + tb);
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("shapes")
    void bothSimdPathsMatchNaiveWhateverTheFacadePicks(int m, int k, int n) {
        org.junit.jupiter.api.Assumptions.assumeTrue(KernelParameters.simd(), "Vector API not enabled in this JVM");
        Random rnd = new Random(13L * m + 3L * k + n);
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
            float[] a = random(rnd, m * k), b = random(rnd, k * n);
            double[] ref = naive(ta, tb, a, b, m, k, n);
            float[] packed = new float[m * n], small = new float[m * n];
            java.util.Arrays.fill(packed, Float.NaN);   // overwrite mode must not read C
            java.util.Arrays.fill(small, Float.NaN);
            SimdMatMul.block(ta, tb, a, 0, b, 0, packed, 0, m, k, n, false, 0, m, 0, n);
            SimdMatMul.small(ta, tb, a, 0, b, 0, small, 0, m, k, n, false);
            assertClose(packed, ref, k, "packed ta=" + ta + " tb=" + tb);
            assertClose(small, ref, k, "small ta=" + ta + " tb=" + tb);
        }
    }

    /**
     * The narrow kernels' shapes: A·Bᵀ with 1 to {@link KernelParameters#MATMUL_NARROW} columns and
     * Aᵀ·B with that many rows, k below, at and past a vector and not a multiple of it, m and n
     * around the four-at-a-time groups and the four-vector column blocks.
     */
    static Stream<Arguments> narrowShapes() {
        List<Arguments> out = new ArrayList<>();
        for (int narrow = 1; narrow <= KernelParameters.MATMUL_NARROW; narrow++) {
            for (int k : new int[] {1, 3, LANES, 2 * LANES + 5, 64, 257}) {
                for (int wide : new int[] {1, 3, 4, 5, 9, LANES + 3, 4 * LANES, 4 * LANES + 2 * LANES + 1, 256}) {
                    out.add(Arguments.of(narrow, k, wide));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "narrow {0}, k {1}, wide {2}")
    @MethodSource("narrowShapes")
    void narrowKernelsMatchNaiveWithOffsetsAndAccumulation(int narrow, int k, int wide) {
        org.junit.jupiter.api.Assumptions.assumeTrue(KernelParameters.simd(), "Vector API not enabled in this JVM");
        Random rnd = new Random(19L * narrow + 7L * k + wide);
        // A·Bᵀ with n = narrow (the forward pass of a layer with few outputs), Aᵀ·B with m = narrow (its dW)
        for (boolean dots : new boolean[] {true, false}) {
            int m = dots ? wide : narrow, n = dots ? narrow : wide;
            boolean ta = !dots, tb = dots;
            assertThat(MatMul.narrow(ta, tb, m, n)).as("the facade routes %dx%dx%d here", m, k, n).isTrue();
            float[] a = random(rnd, 3 + m * k), b = random(rnd, 2 + k * n);
            double[] ref = naive(ta, tb, java.util.Arrays.copyOfRange(a, 3, a.length),
                    java.util.Arrays.copyOfRange(b, 2, b.length), m, k, n);
            float[] c = new float[5 + m * n + 4];
            java.util.Arrays.fill(c, Float.NaN);   // overwrite mode must not read C
            c[4] = 99f;
            c[5 + m * n] = 99f;
            SimdMatMulNarrow.matmul(ta, tb, a, 3, b, 2, c, 5, m, k, n, false);
            assertClose(java.util.Arrays.copyOfRange(c, 5, 5 + m * n), ref, k, (dots ? "dots" : "rows") + " overwrite");
            assertThat(c[4]).as("element before C untouched").isEqualTo(99f);
            assertThat(c[5 + m * n]).as("element after C untouched").isEqualTo(99f);

            float[] acc = new float[m * n];
            java.util.Arrays.fill(acc, 1f);
            SimdMatMulNarrow.matmul(ta, tb, a, 3, b, 2, acc, 0, m, k, n, true);
            double[] plusOne = ref.clone();
            for (int i = 0; i < plusOne.length; i++) {
                plusOne[i] += 1;
            }
            assertClose(acc, plusOne, k, (dots ? "dots" : "rows") + " accumulate");
        }
    }

    @Test
    void onlyNarrowProductsOfTheTwoLayoutsTakeTheNarrowKernels() {
        int w = KernelParameters.MATMUL_NARROW;
        assertThat(MatMul.narrow(false, true, 256, w)).isTrue();
        assertThat(MatMul.narrow(false, true, 256, w + 1)).isFalse();
        assertThat(MatMul.narrow(true, false, w, 256)).isTrue();
        assertThat(MatMul.narrow(true, false, w + 1, 256)).isFalse();
        assertThat(MatMul.narrow(false, false, 256, 3)).as("A·B reads B across rows: packed").isFalse();
        assertThat(MatMul.narrow(true, true, 3, 3)).isFalse();
    }

    @Test
    void simdMatchesScalarTwinElementByElementOnBigProducts() {
        Random rnd = new Random(5);
        int m = 203, k = 611, n = 299;
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
            float[] a = random(rnd, m * k), b = random(rnd, k * n);
            float[] fast = new float[m * n], slow = new float[m * n];
            MatMul.matmul(ta, tb, a, 0, b, 0, fast, 0, m, k, n, false);
            ScalarMatMul.block(ta, tb, a, 0, b, 0, slow, 0, m, k, n, false, 0, m, 0, n);
            for (int i = 0; i < fast.length; i++) {
                assertThat(fast[i]).as("ta=%s tb=%s at %d", ta, tb, i).isCloseTo(slow[i],
                        org.assertj.core.data.Offset.offset(2e-4f));
            }
        }
    }

    @Test
    void parallelSplitGivesTheSingleThreadResultExactly() {
        Random rnd = new Random(9);
        int[][] shapes = {{300, 200, 90}, {90, 200, 300}, {128, 784, 256}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = random(rnd, m * k), b = random(rnd, k * n);
            float[] one = new float[m * n], three = new float[m * n];
            KernelParameters.setThreads(1);
            MatMul.mult(a, 0, b, 0, one, 0, m, k, n);
            KernelParameters.setThreads(3);
            MatMul.mult(a, 0, b, 0, three, 0, m, k, n);
            // each element of C is computed by the same kernel in the same order, whichever thread
            assertThat(three).as("%dx%dx%d", m, k, n).containsExactly(one);
        }
    }

    @Test
    void bandsOfRowsAndOfColumnsGiveTheSingleThreadResultForEveryTranspose() {
        Random rnd = new Random(10);
        // square products split by rows, x·Wᵀ and gᵀ·x of a training step by columns
        int[][] shapes = {{320, 96, 320}, {128, 784, 256}, {256, 128, 300}};
        assertThat(MatMul.splitByColumns(false, false, 320, 96, 320, 3)).isFalse();
        assertThat(MatMul.splitByColumns(false, true, 128, 784, 256, 3)).isTrue();
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = random(rnd, m * k), b = random(rnd, k * n);
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                float[] one = new float[m * n], three = new float[m * n];
                KernelParameters.setThreads(1);
                MatMul.matmul(ta, tb, a, 0, b, 0, one, 0, m, k, n, false);
                KernelParameters.setThreads(3);
                MatMul.matmul(ta, tb, a, 0, b, 0, three, 0, m, k, n, false);
                assertThat(three).as("%dx%dx%d transA=%s transB=%s, split by columns: %s", m, k, n, ta, tb,
                        MatMul.splitByColumns(ta, tb, m, k, n, 3)).containsExactly(one);
                float[] naive = new float[m * n];
                ScalarMatMul.block(ta, tb, a, 0, b, 0, naive, 0, m, k, n, false, 0, m, 0, n);
                for (int i = 0; i < naive.length; i++) {
                    assertThat(three[i]).as("element %d of %dx%dx%d", i, m, k, n)
                            .isCloseTo(naive[i], org.assertj.core.data.Offset.offset(1e-3f * (1 + Math.abs(naive[i]))));
                }
            }
        }
    }

    @Test
    void doubleMatmulMatchesHandComputedProducts() {
        double[] a = {1, 2, 3, 4, 5, 6};            // 2×3
        double[] b = {7, 8, 9, 10, 11, 12};         // 3×2
        double[] c = new double[4];
        MatMul.mult(a, 0, b, 0, c, 0, 2, 3, 2);
        assertThat(c).containsExactly(58, 64, 139, 154);
        double[] c33 = new double[9];
        MatMul.multTransA(a, 0, b, 0, c33, 0, 3, 2, 3);    // a stored 2×3, so aᵀ is 3×2; b read as 2×3
        assertThat(c33).containsExactly(47, 52, 57, 64, 71, 78, 81, 90, 99);
        MatMul.multTransB(a, 0, b, 0, c, 0, 2, 3, 2);      // b stored 2×3, so bᵀ is 3×2
        assertThat(c).containsExactly(50, 68, 122, 167);
        MatMul.multAdd(a, 0, b, 0, c, 0, 2, 3, 2);         // c += a·b
        assertThat(c).containsExactly(50 + 58, 68 + 64, 122 + 139, 167 + 154);
    }

    @Test
    void badShapesAreRejectedWithTheSizes() {
        float[] small = new float[5];
        assertThatThrownBy(() -> MatMul.mult(small, 0, new float[6], 0, new float[4], 0, 2, 3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul: A needs 6 elements (2x3) from offset 0 but its array has length 5");
        assertThatThrownBy(() -> MatMul.mult(small, 0, small, 0, small, 0, -1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=-1");
        assertThatThrownBy(() -> KernelParameters.setThreads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }
}
