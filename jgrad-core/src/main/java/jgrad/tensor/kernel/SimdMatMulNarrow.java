package jgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matmuls with one narrow side, the output layer of most networks (a few classes, one regression
 * target), in float32 and float64:
 * <ul>
 *   <li>{@link #dots}: C = A·Bᵀ with at most {@link KernelParameters#MATMUL_NARROW} columns, the forward pass
 *       y = x·Wᵀ of a layer with few outputs. Row i of A and row j of B both lie along k, so each
 *       C[i, j] is a dot product of two contiguous rows: the row of A is loaded once per vector
 *       step and multiplied into one accumulator per column.</li>
 *   <li>{@link #rows}: C = Aᵀ·B with at most {@link KernelParameters#MATMUL_NARROW} rows, that layer's weight gradient
 *       dW = dyᵀ·x. Row i of C is Σ_p A[p, i]·B[p, :], a sum of rows of B scaled by one number each:
 *       four vectors of C's row stay in registers while p runs over k.</li>
 * </ul>
 * The packed kernel pads such a product to its micro-tile ({@link SimdMatMul#NR} columns or
 * {@link SimdMatMul#MR} rows): 256·64·3 took 24 µs there (4 GFLOP/s), as long as 256·64·64, and
 * 3·256·64 13 µs (Xeon, AVX-512, one thread). Same contract as {@link ScalarMatMul#block} over the
 * whole of C, whose scalar loops are these kernels' twins. {@link MatMul} uses them only with
 * {@link KernelParameters#MATMUL_NARROW_ON} (the {@code jgrad} launcher's setting).
 */
final class SimdMatMulNarrow {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int DL = D.length();

    private SimdMatMulNarrow() {
    }

    /** C (+)= op(A)·op(B) for a product that {@link MatMul#narrow} takes. */
    static void matmul(boolean transA, boolean transB, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                       int m, int k, int n, boolean accumulate) {
        if (!transA && transB) {
            dots(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
        } else {
            rows(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
        }
    }

    /** C (+)= op(A)·op(B) in float64 for a product that {@link MatMul#narrow} takes. */
    static void matmul(boolean transA, boolean transB, double[] a, int aOff, double[] b, int bOff, double[] c,
                       int cOff, int m, int k, int n, boolean accumulate) {
        if (!transA && transB) {
            dots(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
        } else {
            rows(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
        }
    }

    /** C[m×n] (+)= A[m×k]·B[n×k]ᵀ, n ≤ MATMUL_NARROW: dot products of rows, four accumulators at a time. */
    static void dots(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                     boolean accumulate) {
        int bound = F.loopBound(k);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            // columns four at a time: four independent FMA chains, and A's row loaded once for them
            for (int j = 0; j + 4 <= n; j += 4) {
                int b0 = bOff + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
                FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < bound; p += L) {
                    FloatVector av = FloatVector.fromArray(F, a, ai + p);
                    s0 = av.fma(FloatVector.fromArray(F, b, b0 + p), s0);
                    s1 = av.fma(FloatVector.fromArray(F, b, b1 + p), s1);
                    s2 = av.fma(FloatVector.fromArray(F, b, b2 + p), s2);
                    s3 = av.fma(FloatVector.fromArray(F, b, b3 + p), s3);
                }
                float t0 = s0.reduceLanes(VectorOperators.ADD), t1 = s1.reduceLanes(VectorOperators.ADD);
                float t2 = s2.reduceLanes(VectorOperators.ADD), t3 = s3.reduceLanes(VectorOperators.ADD);
                for (int p = bound; p < k; p++) {
                    float x = a[ai + p];
                    t0 += x * b[b0 + p];
                    t1 += x * b[b1 + p];
                    t2 += x * b[b2 + p];
                    t3 += x * b[b3 + p];
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + t0 : t0;
                c[ci + 1] = accumulate ? c[ci + 1] + t1 : t1;
                c[ci + 2] = accumulate ? c[ci + 2] + t2 : t2;
                c[ci + 3] = accumulate ? c[ci + 3] + t3 : t3;
            }
        }
        // the last n % 4 columns: four rows at a time, so that the four FMA chains are independent
        // (one chain per dot product waits on the FMA latency: 256·64·3 took 8 µs that way, not 3)
        for (int j = n / 4 * 4; j < n; j++) {
            int bj = bOff + j * k;
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                int a0 = aOff + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
                FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < bound; p += L) {
                    FloatVector bv = FloatVector.fromArray(F, b, bj + p);
                    s0 = FloatVector.fromArray(F, a, a0 + p).fma(bv, s0);
                    s1 = FloatVector.fromArray(F, a, a1 + p).fma(bv, s1);
                    s2 = FloatVector.fromArray(F, a, a2 + p).fma(bv, s2);
                    s3 = FloatVector.fromArray(F, a, a3 + p).fma(bv, s3);
                }
                float t0 = s0.reduceLanes(VectorOperators.ADD), t1 = s1.reduceLanes(VectorOperators.ADD);
                float t2 = s2.reduceLanes(VectorOperators.ADD), t3 = s3.reduceLanes(VectorOperators.ADD);
                for (int p = bound; p < k; p++) {
                    float y = b[bj + p];
                    t0 += a[a0 + p] * y;
                    t1 += a[a1 + p] * y;
                    t2 += a[a2 + p] * y;
                    t3 += a[a3 + p] * y;
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + t0 : t0;
                c[ci + n] = accumulate ? c[ci + n] + t1 : t1;
                c[ci + 2 * n] = accumulate ? c[ci + 2 * n] + t2 : t2;
                c[ci + 3 * n] = accumulate ? c[ci + 3 * n] + t3 : t3;
            }
            for (; i < m; i++) {
                int ai = aOff + i * k;
                FloatVector s = FloatVector.zero(F);
                for (int p = 0; p < bound; p += L) {
                    s = FloatVector.fromArray(F, a, ai + p).fma(FloatVector.fromArray(F, b, bj + p), s);
                }
                float t = s.reduceLanes(VectorOperators.ADD);
                for (int p = bound; p < k; p++) {
                    t += a[ai + p] * b[bj + p];
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + t : t;
            }
        }
    }

    /** C[m×n] (+)= A[k×m]ᵀ·B[k×n], m ≤ MATMUL_NARROW: row i of C is Σ_p A[p, i]·B[p, :], four vectors at a time. */
    static void rows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                     boolean accumulate) {
        int wide = n / (4 * L) * (4 * L), bound = F.loopBound(n);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int j = 0;
            for (; j < wide; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < k; p++) {
                    FloatVector x = FloatVector.broadcast(F, a[aOff + p * m + i]);
                    int bp = bOff + p * n + j;
                    s0 = x.fma(FloatVector.fromArray(F, b, bp), s0);
                    s1 = x.fma(FloatVector.fromArray(F, b, bp + L), s1);
                    s2 = x.fma(FloatVector.fromArray(F, b, bp + 2 * L), s2);
                    s3 = x.fma(FloatVector.fromArray(F, b, bp + 3 * L), s3);
                }
                if (accumulate) {
                    s0 = s0.add(FloatVector.fromArray(F, c, ci + j));
                    s1 = s1.add(FloatVector.fromArray(F, c, ci + j + L));
                    s2 = s2.add(FloatVector.fromArray(F, c, ci + j + 2 * L));
                    s3 = s3.add(FloatVector.fromArray(F, c, ci + j + 3 * L));
                }
                s0.intoArray(c, ci + j);
                s1.intoArray(c, ci + j + L);
                s2.intoArray(c, ci + j + 2 * L);
                s3.intoArray(c, ci + j + 3 * L);
            }
            for (; j < bound; j += L) {
                FloatVector s = FloatVector.zero(F);
                for (int p = 0; p < k; p++) {
                    s = FloatVector.broadcast(F, a[aOff + p * m + i]).fma(FloatVector.fromArray(F, b, bOff + p * n + j), s);
                }
                if (accumulate) {
                    s = s.add(FloatVector.fromArray(F, c, ci + j));
                }
                s.intoArray(c, ci + j);
            }
            for (; j < n; j++) {   // the columns past the last whole vector
                float t = 0f;
                for (int p = 0; p < k; p++) {
                    t += a[aOff + p * m + i] * b[bOff + p * n + j];
                }
                c[ci + j] = accumulate ? c[ci + j] + t : t;
            }
        }
    }

    /** {@link #dots(float[], int, float[], int, float[], int, int, int, int, boolean)} in float64. */
    static void dots(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                     boolean accumulate) {
        int bound = D.loopBound(k);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j + 4 <= n; j += 4) {
                int b0 = bOff + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
                DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < bound; p += DL) {
                    DoubleVector av = DoubleVector.fromArray(D, a, ai + p);
                    s0 = av.fma(DoubleVector.fromArray(D, b, b0 + p), s0);
                    s1 = av.fma(DoubleVector.fromArray(D, b, b1 + p), s1);
                    s2 = av.fma(DoubleVector.fromArray(D, b, b2 + p), s2);
                    s3 = av.fma(DoubleVector.fromArray(D, b, b3 + p), s3);
                }
                double t0 = s0.reduceLanes(VectorOperators.ADD), t1 = s1.reduceLanes(VectorOperators.ADD);
                double t2 = s2.reduceLanes(VectorOperators.ADD), t3 = s3.reduceLanes(VectorOperators.ADD);
                for (int p = bound; p < k; p++) {
                    double x = a[ai + p];
                    t0 += x * b[b0 + p];
                    t1 += x * b[b1 + p];
                    t2 += x * b[b2 + p];
                    t3 += x * b[b3 + p];
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + t0 : t0;
                c[ci + 1] = accumulate ? c[ci + 1] + t1 : t1;
                c[ci + 2] = accumulate ? c[ci + 2] + t2 : t2;
                c[ci + 3] = accumulate ? c[ci + 3] + t3 : t3;
            }
        }
        // the last n % 4 columns: four rows at a time, so that the four FMA chains are independent
        // (one chain per dot product waits on the FMA latency: 256·64·3 took 8 µs that way, not 3)
        for (int j = n / 4 * 4; j < n; j++) {
            int bj = bOff + j * k;
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                int a0 = aOff + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
                DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < bound; p += DL) {
                    DoubleVector bv = DoubleVector.fromArray(D, b, bj + p);
                    s0 = DoubleVector.fromArray(D, a, a0 + p).fma(bv, s0);
                    s1 = DoubleVector.fromArray(D, a, a1 + p).fma(bv, s1);
                    s2 = DoubleVector.fromArray(D, a, a2 + p).fma(bv, s2);
                    s3 = DoubleVector.fromArray(D, a, a3 + p).fma(bv, s3);
                }
                double t0 = s0.reduceLanes(VectorOperators.ADD), t1 = s1.reduceLanes(VectorOperators.ADD);
                double t2 = s2.reduceLanes(VectorOperators.ADD), t3 = s3.reduceLanes(VectorOperators.ADD);
                for (int p = bound; p < k; p++) {
                    double y = b[bj + p];
                    t0 += a[a0 + p] * y;
                    t1 += a[a1 + p] * y;
                    t2 += a[a2 + p] * y;
                    t3 += a[a3 + p] * y;
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + t0 : t0;
                c[ci + n] = accumulate ? c[ci + n] + t1 : t1;
                c[ci + 2 * n] = accumulate ? c[ci + 2 * n] + t2 : t2;
                c[ci + 3 * n] = accumulate ? c[ci + 3 * n] + t3 : t3;
            }
            for (; i < m; i++) {
                int ai = aOff + i * k;
                DoubleVector s = DoubleVector.zero(D);
                for (int p = 0; p < bound; p += DL) {
                    s = DoubleVector.fromArray(D, a, ai + p).fma(DoubleVector.fromArray(D, b, bj + p), s);
                }
                double t = s.reduceLanes(VectorOperators.ADD);
                for (int p = bound; p < k; p++) {
                    t += a[ai + p] * b[bj + p];
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + t : t;
            }
        }
    }

    /** {@link #rows(float[], int, float[], int, float[], int, int, int, int, boolean)} in float64. */
    static void rows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                     boolean accumulate) {
        int wide = n / (4 * DL) * (4 * DL), bound = D.loopBound(n);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int j = 0;
            for (; j < wide; j += 4 * DL) {
                DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < k; p++) {
                    DoubleVector x = DoubleVector.broadcast(D, a[aOff + p * m + i]);
                    int bp = bOff + p * n + j;
                    s0 = x.fma(DoubleVector.fromArray(D, b, bp), s0);
                    s1 = x.fma(DoubleVector.fromArray(D, b, bp + DL), s1);
                    s2 = x.fma(DoubleVector.fromArray(D, b, bp + 2 * DL), s2);
                    s3 = x.fma(DoubleVector.fromArray(D, b, bp + 3 * DL), s3);
                }
                if (accumulate) {
                    s0 = s0.add(DoubleVector.fromArray(D, c, ci + j));
                    s1 = s1.add(DoubleVector.fromArray(D, c, ci + j + DL));
                    s2 = s2.add(DoubleVector.fromArray(D, c, ci + j + 2 * DL));
                    s3 = s3.add(DoubleVector.fromArray(D, c, ci + j + 3 * DL));
                }
                s0.intoArray(c, ci + j);
                s1.intoArray(c, ci + j + DL);
                s2.intoArray(c, ci + j + 2 * DL);
                s3.intoArray(c, ci + j + 3 * DL);
            }
            for (; j < bound; j += DL) {
                DoubleVector s = DoubleVector.zero(D);
                for (int p = 0; p < k; p++) {
                    s = DoubleVector.broadcast(D, a[aOff + p * m + i]).fma(DoubleVector.fromArray(D, b, bOff + p * n + j), s);
                }
                if (accumulate) {
                    s = s.add(DoubleVector.fromArray(D, c, ci + j));
                }
                s.intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                double t = 0;
                for (int p = 0; p < k; p++) {
                    t += a[aOff + p * m + i] * b[bOff + p * n + j];
                }
                c[ci + j] = accumulate ? c[ci + j] + t : t;
            }
        }
    }
}
