package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reductions and row softmax: the Vector API twins against the scalar ones over a sweep of row
 * lengths, the scalar ones against hand-computed values, and the softmax backward helpers against
 * central finite differences in double.
 */
class ReductionsTest {
    static IntStream lengths() {
        return ElementwiseTest.lengths();
    }

    private static double sumAbs(float[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(x[off + i]);
        }
        return s;
    }

    @ParameterizedTest(name = "n={0}")
    @MethodSource("lengths")
    void sumAndMaxMatchScalarTwin(int n) {
        assumeThat(KernelParameters.simd()).as("Vector API enabled").isTrue();
        float[] x = ElementwiseTest.data(new Random(n), n + 3);
        // float lanes against a double accumulator: the error bound grows with Σ|x|
        assertThat((double) SimdReductions.sum(x, 3, n))
                .isCloseTo(ScalarReductions.sum(x, 3, n), Offset.offset(1e-6 * (1 + sumAbs(x, 3, n))));
        assertThat(SimdReductions.max(x, 3, n)).isEqualTo(ScalarReductions.max(x, 3, n));
        if (n > 0) {
            x[3 + n / 2] = Float.NaN;
            assertThat(SimdReductions.max(x, 3, n)).isNaN();
            assertThat(ScalarReductions.max(x, 3, n)).isNaN();
        }
    }

    @ParameterizedTest(name = "cols={0}")
    @MethodSource("lengths")
    void rowKernelsMatchScalarTwin(int cols) {
        assumeThat(KernelParameters.simd()).as("Vector API enabled").isTrue();
        int rows = cols > 10_000 ? 2 : 5;
        Random rnd = new Random(cols);
        float[] x = ElementwiseTest.data(rnd, 1 + rows * cols);
        float[] fast = new float[rows * Math.max(cols, 1) + 2], slow = new float[rows * Math.max(cols, 1) + 2];

        SimdReductions.sumRows(x, 1, rows, cols, fast, 2);
        ScalarReductions.sumRows(x, 1, rows, cols, slow, 2);
        for (int r = 0; r < rows; r++) {
            double tol = 1e-6 * (1 + sumAbs(x, 1 + r * cols, cols));
            assertThat((double) fast[2 + r]).as("row %d", r).isCloseTo(slow[2 + r], Offset.offset(tol));
        }
        SimdReductions.maxRows(x, 1, rows, cols, fast, 2);
        ScalarReductions.maxRows(x, 1, rows, cols, slow, 2);
        assertThat(fast).containsExactly(slow);

        float[] colFast = new float[cols + 1], colSlow = new float[cols + 1];
        java.util.Arrays.fill(colFast, 1f);
        java.util.Arrays.fill(colSlow, 1f);
        SimdReductions.sumColumns(x, 1, rows, cols, colFast, 1, true);
        ScalarReductions.sumColumns(x, 1, rows, cols, colSlow, 1, true);
        assertThat(colFast).containsExactly(colSlow);   // same additions in the same order

        SimdReductions.softmaxRows(x, 1, rows, cols, fast, 2);
        ScalarReductions.softmaxRows(x, 1, rows, cols, slow, 2);
        for (int i = 0; i < fast.length; i++) {
            assertThat(fast[i]).as("softmax at %d", i).isCloseTo(slow[i], Offset.offset(1e-6f));
        }
        SimdReductions.logSoftmaxRows(x, 1, rows, cols, fast, 2);
        ScalarReductions.logSoftmaxRows(x, 1, rows, cols, slow, 2);
        for (int i = 0; i < fast.length; i++) {
            assertThat(fast[i]).as("logSoftmax at %d", i).isCloseTo(slow[i], Offset.offset(2e-5f * (1 + Math.abs(slow[i]))));
        }

        float[] g = ElementwiseTest.data(rnd, rows * cols);
        ScalarReductions.softmaxRows(x, 1, rows, cols, slow, 0);
        float[] gi1 = new float[rows * cols], gi2 = new float[rows * cols];
        SimdReductions.softmaxBackwardRows(slow, 0, g, 0, gi1, 0, rows, cols);
        ScalarReductions.softmaxBackwardRows(slow, 0, g, 0, gi2, 0, rows, cols);
        for (int i = 0; i < gi1.length; i++) {
            assertThat(gi1[i]).as("softmax backward at %d", i).isCloseTo(gi2[i], Offset.offset(1e-5f));
        }
        ScalarReductions.logSoftmaxRows(x, 1, rows, cols, slow, 0);
        java.util.Arrays.fill(gi1, 0f);
        java.util.Arrays.fill(gi2, 0f);
        SimdReductions.logSoftmaxBackwardRows(slow, 0, g, 0, gi1, 0, rows, cols);
        ScalarReductions.logSoftmaxBackwardRows(slow, 0, g, 0, gi2, 0, rows, cols);
        double[] rowTol = new double[rows];
        for (int r = 0; r < rows; r++) {
            rowTol[r] = 1e-5 * (1 + sumAbs(g, r * cols, cols));
        }
        for (int i = 0; i < gi1.length; i++) {
            double tol = rowTol[i / cols];
            assertThat((double) gi1[i]).as("logSoftmax backward at %d", i).isCloseTo(gi2[i], Offset.offset(tol));
        }
    }

    @Test
    void softmaxGivesHandComputedValuesAndIsStable() {
        float[] x = {1f, 2f, 3f, 1000f, 1001f, 1000f};
        float[] p = new float[6];
        Reductions.softmaxRows(x, 0, 2, 3, p, 0);
        // e^k / (e + e^2 + e^3), and row 2 shifted by 1000 (no overflow)
        Offset<Float> tol = Offset.offset(1e-6f);
        assertThat(p[0]).isCloseTo(0.09003057f, tol);
        assertThat(p[1]).isCloseTo(0.24472847f, tol);
        assertThat(p[2]).isCloseTo(0.66524096f, tol);
        assertThat(p[3]).isCloseTo(0.21194156f, tol);
        assertThat(p[4]).isCloseTo(0.57611688f, tol);
        Reductions.logSoftmaxRows(x, 0, 2, 3, p, 0);
        assertThat(p[0]).isCloseTo(-2.40760596f, Offset.offset(1e-5f));
        assertThat(p[4]).isCloseTo(-0.55144471f, Offset.offset(1e-5f));
        assertThat(Reductions.sum(x, 0, 6)).isEqualTo(3007f);
        assertThat(Reductions.max(x, 0, 6)).isEqualTo(1001f);
        assertThat(Reductions.max(x, 0, 0)).isEqualTo(Float.NEGATIVE_INFINITY);
        float[] cols = new float[3];
        Reductions.sumColumns(x, 0, 2, 3, cols, 0, false);
        assertThat(cols).containsExactly(1001f, 1003f, 1003f);
    }

    @Test
    void softmaxAndLogSoftmaxWorkInPlace() {
        Random rnd = new Random(8);
        int rows = 3, cols = 77;
        float[] x = ElementwiseTest.data(rnd, rows * cols);
        for (boolean log : new boolean[] {false, true}) {
            float[] separate = new float[x.length], inPlace = x.clone();
            if (log) {
                Reductions.logSoftmaxRows(x, 0, rows, cols, separate, 0);
                Reductions.logSoftmaxRows(inPlace, 0, rows, cols, inPlace, 0);
            } else {
                Reductions.softmaxRows(x, 0, rows, cols, separate, 0);
                Reductions.softmaxRows(inPlace, 0, rows, cols, inPlace, 0);
            }
            assertThat(inPlace).as("log=%s", log).containsExactly(separate);
        }
    }

    /** L(x) = Σ_j g_j · f(x)_j for one row, in double: f is softmax or logSoftmax. */
    private static double loss(double[] x, double[] g, boolean log) {
        double m = Double.NEGATIVE_INFINITY, s = 0, loss = 0;
        for (double v : x) {
            m = Math.max(m, v);
        }
        for (double v : x) {
            s += Math.exp(v - m);
        }
        for (int j = 0; j < x.length; j++) {
            double lp = x[j] - m - Math.log(s);
            loss += g[j] * (log ? lp : Math.exp(lp));
        }
        return loss;
    }

    @Test
    void softmaxBackwardHelpersMatchFiniteDifferences() {
        Random rnd = new Random(3);
        int cols = 7;
        float[] x = ElementwiseTest.data(rnd, cols), g = ElementwiseTest.data(rnd, cols);
        double[] xd = new double[cols], gd = new double[cols];
        for (int j = 0; j < cols; j++) {
            xd[j] = x[j];
            gd[j] = g[j];
        }
        for (boolean log : new boolean[] {false, true}) {
            float[] y = new float[cols], grad = new float[cols];
            if (log) {
                Reductions.logSoftmaxRows(x, 0, 1, cols, y, 0);
                Reductions.logSoftmaxBackwardRows(y, 0, g, 0, grad, 0, 1, cols);
            } else {
                Reductions.softmaxRows(x, 0, 1, cols, y, 0);
                Reductions.softmaxBackwardRows(y, 0, g, 0, grad, 0, 1, cols);
            }
            for (int j = 0; j < cols; j++) {
                double h = 1e-6, saved = xd[j];
                xd[j] = saved + h;
                double up = loss(xd, gd, log);
                xd[j] = saved - h;
                double down = loss(xd, gd, log);
                xd[j] = saved;
                assertThat((double) grad[j]).as("log=%s d/dx%d", log, j).isCloseTo((up - down) / (2 * h), Offset.offset(1e-4));
            }
        }
    }

    /**
     * A confident classifier's row: logits 0 and -89 (probability e^-89 ≈ 2e-39, a subnormal
     * float). The cross-entropy gradient of the unlikely classes is that probability over the
     * batch, ≈ 9e-42, a nonzero subnormal too; both twins flush it to exactly 0 (else every later matmul slows down),
     * and keep the likely class's gradient as the double-precision formula gives it. Rows of 3
     * (the scalar tail) and of 2 vectors + 3 (the vector loop too).
     */
    @Test
    void float32SoftmaxGradientsFlushSubnormalsToZero() {
        int vectorCols = KernelParameters.simd() ? 2 * SimdElementwise.LANES + 3 : 19;
        for (int cols : new int[] {3, vectorCols}) {
            float[] x = new float[cols];
            java.util.Arrays.fill(x, -89f);
            x[0] = 0f;
            float[] g = new float[cols];
            g[0] = -1f / 256;   // nll's gradient for target class 0, batch 256
            for (boolean log : new boolean[] {false, true}) {
                float[] y = new float[cols];
                float[] scalar = new float[cols], simd = new float[cols];
                if (log) {
                    ScalarReductions.logSoftmaxRows(x, 0, 1, cols, y, 0);
                    ScalarReductions.logSoftmaxBackwardRows(y, 0, g, 0, scalar, 0, 1, cols);
                } else {
                    ScalarReductions.softmaxRows(x, 0, 1, cols, y, 0);
                    assertThat(y[1]).as("softmax itself is not flushed").isGreaterThan(0f).isLessThan(Float.MIN_NORMAL);
                    ScalarReductions.softmaxBackwardRows(y, 0, g, 0, scalar, 0, 1, cols);
                }
                if (KernelParameters.simd()) {
                    if (log) {
                        SimdReductions.logSoftmaxBackwardRows(y, 0, g, 0, simd, 0, 1, cols);
                    } else {
                        SimdReductions.softmaxBackwardRows(y, 0, g, 0, simd, 0, 1, cols);
                    }
                }
                // the definitions in double: d/dx_j = g_j − p_j·Σg (log) or p_j·(g_j − Σ g·p) (softmax)
                double e = Math.exp(-89), p0 = 1 / (1 + (cols - 1) * e);
                assertThat((float) (e * p0 / 256)).as("unflushed, the unlikely classes' gradient is a nonzero float")
                        .isGreaterThan(0f).isLessThan(Float.MIN_NORMAL);
                double expected0 = log ? g[0] * (1 - p0) : p0 * (g[0] - g[0] * p0);
                for (float[] grad : KernelParameters.simd() ? new float[][] {scalar, simd} : new float[][] {scalar}) {
                    assertThat((double) grad[0]).as("cols %d log %s likely class", cols, log)
                            .isCloseTo(expected0, Offset.offset(1e-12));
                    for (int j = 1; j < cols; j++) {
                        assertThat(grad[j]).as("cols %d log %s class %d: %s flushed", cols, log, j, grad[j]).isEqualTo(0f);
                    }
                }
            }
        }
    }
}
