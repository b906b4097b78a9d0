package jgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of {@link ScalarReductions}, float32 and float64 (the same passes over
 * {@code DoubleVector}, half the lanes): the JIT never vectorizes a floating-point
 * reduction itself (it may not reorder the additions), so sums, maxima and the passes of softmax
 * run here on whole vectors with lane-wise partial results, reduced at the end, and the tail
 * finished by scalar code. Loaded only when {@link KernelParameters#simd()} is true.
 */
final class SimdReductions {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int DL = D.length();

    private SimdReductions() {
    }

    static float sum(float[] x, int xOff, int n) {
        FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F);
        int i = 0;
        for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
            s0 = s0.add(FloatVector.fromArray(F, x, xOff + i));
            s1 = s1.add(FloatVector.fromArray(F, x, xOff + i + L));
        }
        float s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    static float max(float[] x, int xOff, int n) {
        // NOTE: four independent chains: Java's max (NaN-propagating) is several instructions deep,
        // and one chain left the loop latency-bound (JFR: max took 3/4 of softmax's exp time).
        FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            m0 = m0.max(FloatVector.fromArray(F, x, xOff + i));
            m1 = m1.max(FloatVector.fromArray(F, x, xOff + i + L));
            m2 = m2.max(FloatVector.fromArray(F, x, xOff + i + 2 * L));
            m3 = m3.max(FloatVector.fromArray(F, x, xOff + i + 3 * L));
        }
        for (int bound = F.loopBound(n); i < bound; i += L) {
            m0 = m0.max(FloatVector.fromArray(F, x, xOff + i));
        }
        float r = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            r = Math.max(r, x[xOff + i]);
        }
        return r;
    }

    static void sumColumns(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, outOff, outOff + cols, 0f);
        }
        int bound = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(F, out, outOff + j).add(FloatVector.fromArray(F, x, xr + j)).intoArray(out, outOff + j);
            }
            for (; j < cols; j++) {
                out[outOff + j] += x[xr + j];
            }
        }
    }

    static void sumRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = sum(x, xOff + r * cols, cols);
        }
    }

    static void maxRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = max(x, xOff + r * cols, cols);
        }
    }

    /**
     * out[j] = e^(x[j] − shift) over one row, and returns their sum. NOTE: the sum is a second
     * pass on purpose: accumulating in the exp loop keeps a vector live across the JDK's exp stub
     * call, and that loop ran at half the speed of a plain exp loop.
     */
    private static float expSum(float[] x, int xr, int cols, float shift, float[] out, int or) {
        int j = 0;
        for (int bound = F.loopBound(cols); j < bound; j += L) {
            FloatVector.fromArray(F, x, xr + j).sub(shift).lanewise(VectorOperators.EXP).intoArray(out, or + j);
        }
        for (; j < cols; j++) {
            out[or + j] = (float) Math.exp(x[xr + j] - shift);
        }
        return sum(out, or, cols);
    }

    /** Σ e^(x[j] − shift) over one row, storing nothing (log-softmax may run in place). */
    private static float expSumOnly(float[] x, int xr, int cols, float shift) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (int bound = F.loopBound(cols); j < bound; j += L) {
            acc = acc.add(FloatVector.fromArray(F, x, xr + j).sub(shift).lanewise(VectorOperators.EXP));
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            s += (float) Math.exp(x[xr + j] - shift);
        }
        return s;
    }

    static void softmaxRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols, or = outOff + r * cols;
            float inv = 1f / expSum(x, xr, cols, max(x, xr, cols), out, or);
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, out, or + j).mul(inv).intoArray(out, or + j);
            }
            for (; j < cols; j++) {
                out[or + j] *= inv;
            }
        }
    }

    static void logSoftmaxRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols, or = outOff + r * cols;
            float m = max(x, xr, cols);
            // out can hold the exponentials for a moment, unless it is x itself
            float s = out == x ? expSumOnly(x, xr, cols, m) : expSum(x, xr, cols, m, out, or);
            float shift = m + (float) Math.log(s);
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, x, xr + j).sub(shift).intoArray(out, or + j);
            }
            for (; j < cols; j++) {
                out[or + j] = x[xr + j] - shift;
            }
        }
    }

    static void softmaxBackwardRows(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff,
                                    int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols, gr = gOff + r * cols, ir = giOff + r * cols;
            FloatVector acc = FloatVector.zero(F);
            int j = 0;
            int bound = F.loopBound(cols);
            for (; j < bound; j += L) {
                acc = FloatVector.fromArray(F, gradOut, gr + j).fma(FloatVector.fromArray(F, y, yr + j), acc);
            }
            float dot = acc.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                dot += gradOut[gr + j] * y[yr + j];
            }
            for (j = 0; j < bound; j += L) {
                FloatVector g = FloatVector.fromArray(F, gradOut, gr + j).sub(dot);
                FloatVector d = flushSubnormal(FloatVector.fromArray(F, y, yr + j).mul(g));
                FloatVector.fromArray(F, gradIn, ir + j).add(d).intoArray(gradIn, ir + j);
            }
            for (; j < cols; j++) {
                gradIn[ir + j] += ScalarReductions.flushSubnormal(y[yr + j] * (gradOut[gr + j] - dot));
            }
        }
    }

    static void logSoftmaxBackwardRows(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff,
                                       int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols, gr = gOff + r * cols, ir = giOff + r * cols;
            float s = sum(gradOut, gr, cols);
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector p = FloatVector.fromArray(F, y, yr + j).lanewise(VectorOperators.EXP);
                FloatVector g = FloatVector.fromArray(F, gradOut, gr + j);
                FloatVector.fromArray(F, gradIn, ir + j).add(flushSubnormal(g.sub(p.mul(s)))).intoArray(gradIn, ir + j);
            }
            for (; j < cols; j++) {
                gradIn[ir + j] += ScalarReductions.flushSubnormal(gradOut[gr + j] - (float) Math.exp(y[yr + j]) * s);
            }
        }
    }

    /** The lanes of {@code d} that are subnormal set to 0, as {@link ScalarReductions#flushSubnormal}. */
    private static FloatVector flushSubnormal(FloatVector d) {
        return d.blend(0f, d.abs().lt(Float.MIN_NORMAL));
    }

    // float64: the same passes over DoubleVector

    static double sum(double[] x, int xOff, int n) {
        DoubleVector s0 = DoubleVector.zero(D), s1 = DoubleVector.zero(D);
        int i = 0;
        for (int bound = n - 2 * DL; i <= bound; i += 2 * DL) {
            s0 = s0.add(DoubleVector.fromArray(D, x, xOff + i));
            s1 = s1.add(DoubleVector.fromArray(D, x, xOff + i + DL));
        }
        double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    static double max(double[] x, int xOff, int n) {
        // NOTE: four independent chains: Java's max (NaN-propagating) is several instructions deep,
        // and one chain left the loop latency-bound (JFR: max took 3/4 of softmax's exp time).
        DoubleVector m0 = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (int bound = n - 4 * DL; i <= bound; i += 4 * DL) {
            m0 = m0.max(DoubleVector.fromArray(D, x, xOff + i));
            m1 = m1.max(DoubleVector.fromArray(D, x, xOff + i + DL));
            m2 = m2.max(DoubleVector.fromArray(D, x, xOff + i + 2 * DL));
            m3 = m3.max(DoubleVector.fromArray(D, x, xOff + i + 3 * DL));
        }
        for (int bound = D.loopBound(n); i < bound; i += DL) {
            m0 = m0.max(DoubleVector.fromArray(D, x, xOff + i));
        }
        double r = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            r = Math.max(r, x[xOff + i]);
        }
        return r;
    }

    static void sumColumns(double[] x, int xOff, int rows, int cols, double[] out, int outOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, outOff, outOff + cols, 0.0);
        }
        int bound = D.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int j = 0;
            for (; j < bound; j += DL) {
                DoubleVector.fromArray(D, out, outOff + j).add(DoubleVector.fromArray(D, x, xr + j)).intoArray(out, outOff + j);
            }
            for (; j < cols; j++) {
                out[outOff + j] += x[xr + j];
            }
        }
    }

    static void sumRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = sum(x, xOff + r * cols, cols);
        }
    }

    static void maxRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = max(x, xOff + r * cols, cols);
        }
    }

    /**
     * out[j] = e^(x[j] − shift) over one row, and returns their sum. NOTE: the sum is a second
     * pass on purpose: accumulating in the exp loop keeps a vector live across the JDK's exp stub
     * call, and that loop ran at half the speed of a plain exp loop.
     */
    private static double expSum(double[] x, int xr, int cols, double shift, double[] out, int or) {
        int j = 0;
        for (int bound = D.loopBound(cols); j < bound; j += DL) {
            DoubleVector.fromArray(D, x, xr + j).sub(shift).lanewise(VectorOperators.EXP).intoArray(out, or + j);
        }
        for (; j < cols; j++) {
            out[or + j] = Math.exp(x[xr + j] - shift);
        }
        return sum(out, or, cols);
    }

    /** Σ e^(x[j] − shift) over one row, storing nothing (log-softmax may run in place). */
    private static double expSumOnly(double[] x, int xr, int cols, double shift) {
        DoubleVector acc = DoubleVector.zero(D);
        int j = 0;
        for (int bound = D.loopBound(cols); j < bound; j += DL) {
            acc = acc.add(DoubleVector.fromArray(D, x, xr + j).sub(shift).lanewise(VectorOperators.EXP));
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            s += Math.exp(x[xr + j] - shift);
        }
        return s;
    }

    static void softmaxRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols, or = outOff + r * cols;
            double inv = 1.0 / expSum(x, xr, cols, max(x, xr, cols), out, or);
            int j = 0;
            for (int bound = D.loopBound(cols); j < bound; j += DL) {
                DoubleVector.fromArray(D, out, or + j).mul(inv).intoArray(out, or + j);
            }
            for (; j < cols; j++) {
                out[or + j] *= inv;
            }
        }
    }

    static void logSoftmaxRows(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols, or = outOff + r * cols;
            double m = max(x, xr, cols);
            // out can hold the exponentials for a moment, unless it is x itself
            double s = out == x ? expSumOnly(x, xr, cols, m) : expSum(x, xr, cols, m, out, or);
            double shift = m + Math.log(s);
            int j = 0;
            for (int bound = D.loopBound(cols); j < bound; j += DL) {
                DoubleVector.fromArray(D, x, xr + j).sub(shift).intoArray(out, or + j);
            }
            for (; j < cols; j++) {
                out[or + j] = x[xr + j] - shift;
            }
        }
    }

    static void softmaxBackwardRows(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff,
                                    int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols, gr = gOff + r * cols, ir = giOff + r * cols;
            DoubleVector acc = DoubleVector.zero(D);
            int j = 0;
            int bound = D.loopBound(cols);
            for (; j < bound; j += DL) {
                acc = DoubleVector.fromArray(D, gradOut, gr + j).fma(DoubleVector.fromArray(D, y, yr + j), acc);
            }
            double dot = acc.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                dot += gradOut[gr + j] * y[yr + j];
            }
            for (j = 0; j < bound; j += DL) {
                DoubleVector g = DoubleVector.fromArray(D, gradOut, gr + j).sub(dot);
                DoubleVector.fromArray(D, y, yr + j).fma(g, DoubleVector.fromArray(D, gradIn, ir + j))
                        .intoArray(gradIn, ir + j);
            }
            for (; j < cols; j++) {
                gradIn[ir + j] += y[yr + j] * (gradOut[gr + j] - dot);
            }
        }
    }

    static void logSoftmaxBackwardRows(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff,
                                       int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols, gr = gOff + r * cols, ir = giOff + r * cols;
            double s = sum(gradOut, gr, cols);
            int j = 0;
            for (int bound = D.loopBound(cols); j < bound; j += DL) {
                DoubleVector p = DoubleVector.fromArray(D, y, yr + j).lanewise(VectorOperators.EXP);
                DoubleVector g = DoubleVector.fromArray(D, gradOut, gr + j);
                DoubleVector.fromArray(D, gradIn, ir + j).add(g.sub(p.mul(s))).intoArray(gradIn, ir + j);
            }
            for (; j < cols; j++) {
                gradIn[ir + j] += gradOut[gr + j] - Math.exp(y[yr + j]) * s;
            }
        }
    }
}
