package jgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 twin of {@link SimdMatMul}, line for line with {@code double} lanes (8 with AVX-512,
 * 4 with AVX2): the same packing, blocking and 6 × 2-vector micro-kernel, so a reader of one reads
 * both. Its scalar twin is {@link ScalarMatMul}'s {@code double[]} form, the oracle of its tests.
 * As in float32: B is packed into panels of NR columns
 * (kc × nc, cache block for L3/L2), A into panels of MR rows (mc × kc, for L2), and a 6 × 2-vector
 * micro-kernel keeps 12 accumulators of C in registers while it walks the shared dimension with one
 * fused multiply-add per accumulator per step. Packing also absorbs the transposes: A·Bᵀ and Aᵀ·B
 * run the same micro-kernel. Partial tiles at the edges are computed into a scratch tile and
 * copied out. Loaded only when {@link KernelParameters#simd()} is true.
 */
final class SimdMatMul64 {
    // the float32 kernel's names are kept (F, L) so that the two files diff line by line
    private static final VectorSpecies<Double> F = DoubleVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int MR = KernelParameters.MATMUL_MR;
    static final int NR = KernelParameters.MATMUL_NR_VECTORS * L;
    private static final int KC = KernelParameters.MATMUL_KC;
    private static final int MC = KernelParameters.MATMUL_MC / MR * MR;
    private static final int NC = KernelParameters.MATMUL_NC / NR * NR;

    /** Per-thread buffers, allocated once per thread and reused: packed A, packed B, edge tile. */
    private static final ThreadLocal<double[][]> WORKSPACE =
            ThreadLocal.withInitial(() -> new double[][] {new double[MC * KC], new double[KC * NC], new double[MR * NR]});

    /**
     * Small products (m·k·n up to {@link KernelParameters#MATMUL_SMALL}, the layers of a small
     * MLP) skip packing: for each vector-wide strip of C's columns, four rows at a time keep four
     * accumulators in registers while p runs over k (four independent FMA chains hide the FMA
     * latency; one row at a time through memory was 3x slower). Columns past the last whole vector
     * are finished in scalar code. Aᵀ is
     * read in place; Bᵀ is first transposed into the per-thread scratch.
     */
    /** Whether {@link #small} beats the packed path for an m×k×n product. */
    static boolean isSmall(int m, int k, int n) {
        return (long) m * k * n <= KernelParameters.MATMUL_SMALL
                && (long) m * k * (n % L) <= KernelParameters.MATMUL_SMALL_TAIL;
    }

    static void small(boolean transA, boolean transB, double[] a, int aOff, double[] b, int bOff,
                      double[] c, int cOff, int m, int k, int n, boolean accumulate) {
        if (transB) {
            double[] bt = WORKSPACE.get()[1];
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    bt[p * n + j] = b[bOff + j * k + p];
                }
            }
            b = bt;
            bOff = 0;
        }
        // strides of op(A) in memory: along i and along p
        int ai = transA ? 1 : k, ap = transA ? m : 1;
        int bound = F.loopBound(n);
        for (int j = 0; j < bound; j += L) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                DoubleVector c0 = DoubleVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
                int a0 = aOff + i * ai;
                for (int p = 0; p < k; p++) {
                    DoubleVector bv = DoubleVector.fromArray(F, b, bOff + p * n + j);
                    int ao = a0 + p * ap;
                    c0 = DoubleVector.broadcast(F, a[ao]).fma(bv, c0);
                    c1 = DoubleVector.broadcast(F, a[ao + ai]).fma(bv, c1);
                    c2 = DoubleVector.broadcast(F, a[ao + 2 * ai]).fma(bv, c2);
                    c3 = DoubleVector.broadcast(F, a[ao + 3 * ai]).fma(bv, c3);
                }
                int ci = cOff + i * n + j;
                if (accumulate) {
                    c0 = c0.add(DoubleVector.fromArray(F, c, ci));
                    c1 = c1.add(DoubleVector.fromArray(F, c, ci + n));
                    c2 = c2.add(DoubleVector.fromArray(F, c, ci + 2 * n));
                    c3 = c3.add(DoubleVector.fromArray(F, c, ci + 3 * n));
                }
                c0.intoArray(c, ci);
                c1.intoArray(c, ci + n);
                c2.intoArray(c, ci + 2 * n);
                c3.intoArray(c, ci + 3 * n);
            }
            for (; i < m; i++) {
                DoubleVector c0 = DoubleVector.zero(F);
                for (int p = 0; p < k; p++) {
                    c0 = DoubleVector.broadcast(F, a[aOff + i * ai + p * ap]).fma(DoubleVector.fromArray(F, b, bOff + p * n + j), c0);
                }
                int ci = cOff + i * n + j;
                if (accumulate) {
                    c0 = c0.add(DoubleVector.fromArray(F, c, ci));
                }
                c0.intoArray(c, ci);
            }
        }
        // the columns past the last whole vector, in scalar code (masked vectors were slower on JDK 17)
        for (int i = 0; i < m; i++) {
            for (int j = bound; j < n; j++) {
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * ai + p * ap] * b[bOff + p * n + j];
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
    }

    /** C[i0:i1, j0:j1] (+)= op(A)·op(B); same contract as {@link ScalarMatMul#block}. */
    static void block(boolean transA, boolean transB, double[] a, int aOff, double[] b, int bOff,
                      double[] c, int cOff, int m, int k, int n, boolean accumulate,
                      int i0, int i1, int j0, int j1) {
        if (!accumulate) {
            // NOTE: C is cleared once and the micro-kernel always adds: a kernel with an
            // overwrite/add branch was recompiled by C2 into a 4x slower form once both were seen.
            for (int i = i0; i < i1; i++) {
                java.util.Arrays.fill(c, cOff + i * n + j0, cOff + i * n + j1, 0.0);
            }
        }
        double[][] ws = WORKSPACE.get();
        double[] pa = ws[0], pb = ws[1], tile = ws[2];
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, k, n, pc, kc, jc, nc, pb);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(transA, a, aOff, m, k, ic, mc, pc, kc, pa);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ci = cOff + (ic + ir) * n + jc + jr;
                            if (mr == MR && nr == NR) {
                                kernel(kc, pa, ir * kc, pb, jr * kc, c, ci, n);
                            } else {
                                java.util.Arrays.fill(tile, 0.0);
                                kernel(kc, pa, ir * kc, pb, jr * kc, tile, 0, NR);
                                for (int ii = 0; ii < mr; ii++) {
                                    for (int jj = 0; jj < nr; jj++) {
                                        c[ci + ii * n + jj] += tile[ii * NR + jj];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] into panels of NR columns, each kc × NR, zero-padded. */
    private static void packB(boolean transB, double[] b, int bOff, int k, int n, int pc, int kc, int jc, int nc,
                              double[] dest) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (transB) {
                for (int jj = 0; jj < nr; jj++) {
                    int src = bOff + (jc + jr + jj) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        dest[base + p * NR + jj] = b[src + p];
                    }
                }
                for (int jj = nr; jj < NR; jj++) {
                    for (int p = 0; p < kc; p++) {
                        dest[base + p * NR + jj] = 0.0;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * n + jc + jr;
                    System.arraycopy(b, src, dest, base + p * NR, nr);
                    if (nr < NR) {
                        java.util.Arrays.fill(dest, base + p * NR + nr, base + (p + 1) * NR, 0.0);
                    }
                }
            }
        }
    }

    /** Packs op(A)[ic:ic+mc, pc:pc+kc] into panels of MR rows, each kc × MR, zero-padded. */
    private static void packA(boolean transA, double[] a, int aOff, int m, int k, int ic, int mc, int pc, int kc,
                              double[] dest) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (transA) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * m + ic + ir;
                    System.arraycopy(a, src, dest, base + p * MR, mr);
                    if (mr < MR) {
                        java.util.Arrays.fill(dest, base + p * MR + mr, base + (p + 1) * MR, 0.0);
                    }
                }
            } else {
                for (int ii = 0; ii < mr; ii++) {
                    int src = aOff + (ic + ir + ii) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        dest[base + p * MR + ii] = a[src + p];
                    }
                }
                for (int ii = mr; ii < MR; ii++) {
                    for (int p = 0; p < kc; p++) {
                        dest[base + p * MR + ii] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * The 6 × 2L micro-kernel: C[0:6, 0:2L] += Ap · Bp over kc steps, with Ap a packed kc × 6
     * panel and Bp a packed kc × 2L panel. Twelve accumulators stay in registers throughout.
     */
    private static void kernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int ci, int ldc) {
        DoubleVector c00 = DoubleVector.zero(F), c01 = DoubleVector.zero(F);
        DoubleVector c10 = DoubleVector.zero(F), c11 = DoubleVector.zero(F);
        DoubleVector c20 = DoubleVector.zero(F), c21 = DoubleVector.zero(F);
        DoubleVector c30 = DoubleVector.zero(F), c31 = DoubleVector.zero(F);
        DoubleVector c40 = DoubleVector.zero(F), c41 = DoubleVector.zero(F);
        DoubleVector c50 = DoubleVector.zero(F), c51 = DoubleVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(F, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(F, bp, bi + L);
            DoubleVector av = DoubleVector.broadcast(F, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = DoubleVector.broadcast(F, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = DoubleVector.broadcast(F, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = DoubleVector.broadcast(F, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = DoubleVector.broadcast(F, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = DoubleVector.broadcast(F, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.add(DoubleVector.fromArray(F, c, ci)).intoArray(c, ci);
        c01.add(DoubleVector.fromArray(F, c, ci + L)).intoArray(c, ci + L);
        c10.add(DoubleVector.fromArray(F, c, ci + ldc)).intoArray(c, ci + ldc);
        c11.add(DoubleVector.fromArray(F, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
        c20.add(DoubleVector.fromArray(F, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
        c21.add(DoubleVector.fromArray(F, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
        c30.add(DoubleVector.fromArray(F, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
        c31.add(DoubleVector.fromArray(F, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
        c40.add(DoubleVector.fromArray(F, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
        c41.add(DoubleVector.fromArray(F, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
        c50.add(DoubleVector.fromArray(F, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
        c51.add(DoubleVector.fromArray(F, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
    }
}
