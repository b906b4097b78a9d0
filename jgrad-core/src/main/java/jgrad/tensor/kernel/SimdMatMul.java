package jgrad.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 matmul with the Vector API, GotoBLAS/BLIS style: B is packed into panels of NR columns
 * (kc × nc, cache block for L3/L2), A into panels of MR rows (mc × kc, for L2), and a micro-kernel
 * keeps MR × 2 vectors of C in registers while it walks the shared dimension with one fused
 * multiply-add per accumulator per step: 6 × 2 (12 accumulators) for vectors up to 256 bits, which
 * fits AVX2's 16 registers, and 14 × 2 (28 accumulators) for 512-bit vectors, which have 32. Packing also absorbs the transposes: A·Bᵀ and Aᵀ·B
 * run the same micro-kernel. Partial tiles at the edges are computed into a scratch tile and
 * copied out. Loaded only when {@link KernelParameters#simd()} is true.
 */
final class SimdMatMul {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** 512-bit vectors (32 registers) take the 14-row micro-kernel; narrower ones the 6-row one. */
    private static final boolean WIDE = F.vectorBitSize() >= KernelParameters.MATMUL_WIDE_BITS;
    private static final int MR = WIDE ? KernelParameters.MATMUL_MR_WIDE : KernelParameters.MATMUL_MR;
    static final int NR = KernelParameters.MATMUL_NR_VECTORS * L;
    private static final int KC = KernelParameters.MATMUL_KC;
    private static final int MC = (WIDE ? KernelParameters.MATMUL_MC_WIDE : KernelParameters.MATMUL_MC) / MR * MR;
    private static final int NC = KernelParameters.MATMUL_NC / NR * NR;

    /** Per-thread buffers, allocated once per thread and reused: packed A, packed B, edge tile. */
    private static final ThreadLocal<float[][]> WORKSPACE =
            ThreadLocal.withInitial(() -> new float[][] {new float[MC * KC], new float[KC * NC], new float[MR * NR]});

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

    static void small(boolean transA, boolean transB, float[] a, int aOff, float[] b, int bOff,
                      float[] c, int cOff, int m, int k, int n, boolean accumulate) {
        if (transB) {
            float[] bt = WORKSPACE.get()[1];
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
                FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
                int a0 = aOff + i * ai;
                for (int p = 0; p < k; p++) {
                    FloatVector bv = FloatVector.fromArray(F, b, bOff + p * n + j);
                    int ao = a0 + p * ap;
                    c0 = FloatVector.broadcast(F, a[ao]).fma(bv, c0);
                    c1 = FloatVector.broadcast(F, a[ao + ai]).fma(bv, c1);
                    c2 = FloatVector.broadcast(F, a[ao + 2 * ai]).fma(bv, c2);
                    c3 = FloatVector.broadcast(F, a[ao + 3 * ai]).fma(bv, c3);
                }
                int ci = cOff + i * n + j;
                if (accumulate) {
                    c0 = c0.add(FloatVector.fromArray(F, c, ci));
                    c1 = c1.add(FloatVector.fromArray(F, c, ci + n));
                    c2 = c2.add(FloatVector.fromArray(F, c, ci + 2 * n));
                    c3 = c3.add(FloatVector.fromArray(F, c, ci + 3 * n));
                }
                c0.intoArray(c, ci);
                c1.intoArray(c, ci + n);
                c2.intoArray(c, ci + 2 * n);
                c3.intoArray(c, ci + 3 * n);
            }
            for (; i < m; i++) {
                FloatVector c0 = FloatVector.zero(F);
                for (int p = 0; p < k; p++) {
                    c0 = FloatVector.broadcast(F, a[aOff + i * ai + p * ap]).fma(FloatVector.fromArray(F, b, bOff + p * n + j), c0);
                }
                int ci = cOff + i * n + j;
                if (accumulate) {
                    c0 = c0.add(FloatVector.fromArray(F, c, ci));
                }
                c0.intoArray(c, ci);
            }
        }
        // the columns past the last whole vector, in scalar code (masked vectors were slower on JDK 17)
        for (int i = 0; i < m; i++) {
            for (int j = bound; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * ai + p * ap] * b[bOff + p * n + j];
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
    }

    /** C[i0:i1, j0:j1] (+)= op(A)·op(B); same contract as {@link ScalarMatMul#block}. */
    static void block(boolean transA, boolean transB, float[] a, int aOff, float[] b, int bOff,
                      float[] c, int cOff, int m, int k, int n, boolean accumulate,
                      int i0, int i1, int j0, int j1) {
        if (!accumulate) {
            // NOTE: C is cleared once and the micro-kernel always adds: a kernel with an
            // overwrite/add branch was recompiled by C2 into a 4x slower form once both were seen.
            for (int i = i0; i < i1; i++) {
                java.util.Arrays.fill(c, cOff + i * n + j0, cOff + i * n + j1, 0f);
            }
        }
        float[][] ws = WORKSPACE.get();
        float[] pa = ws[0], pb = ws[1], tile = ws[2];
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
                                java.util.Arrays.fill(tile, 0f);
                                if (WIDE && mr <= KernelParameters.MATMUL_MR) {   // the last rows of C: the 6-row kernel, 12 FMAs a step, not 28
                                    kernel6(kc, pa, ir * kc, pb, jr * kc, tile, 0, NR);
                                } else {
                                    kernel(kc, pa, ir * kc, pb, jr * kc, tile, 0, NR);
                                }
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
    private static void packB(boolean transB, float[] b, int bOff, int k, int n, int pc, int kc, int jc, int nc,
                              float[] dest) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            if (transB) {
                copyColumns(b, bOff + (jc + jr) * k + pc, k, kc, nr, dest, jr * kc, NR);
            } else {
                copyRows(b, bOff + pc * n + jc + jr, n, kc, nr, dest, jr * kc, NR);
            }
        }
    }

    /** Packs op(A)[ic:ic+mc, pc:pc+kc] into panels of MR rows, each kc × MR, zero-padded. */
    private static void packA(boolean transA, float[] a, int aOff, int m, int k, int ic, int mc, int pc, int kc,
                              float[] dest) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            if (transA) {
                copyRows(a, aOff + pc * m + ic + ir, m, kc, mr, dest, ir * kc, MR);
            } else {
                copyColumns(a, aOff + (ic + ir) * k + pc, k, kc, mr, dest, ir * kc, MR);
            }
        }
    }

    /**
     * A panel from kc source rows (row p at {@code src + p·ld}): row p's first {@code count}
     * elements become panel row p, zero-padded to {@code width}.
     */
    private static void copyRows(float[] src, int s, int ld, int kc, int count, float[] dest, int base, int width) {
        for (int p = 0; p < kc; p++) {
            System.arraycopy(src, s + p * ld, dest, base + p * width, count);
            if (count < width) {
                java.util.Arrays.fill(dest, base + p * width + count, base + (p + 1) * width, 0f);
            }
        }
    }

    /**
     * A panel from {@code count} source rows (row r at {@code src + r·ld}), transposed: row r's first
     * kc elements become panel column r; columns from {@code count} to {@code width} are zero. Four
     * source rows per pass, so that each step's four stores land in one cache line.
     */
    private static void copyColumns(float[] src, int s, int ld, int kc, int count, float[] dest, int base, int width) {
        int r = 0;
        for (; r + 4 <= count; r += 4) {
            int s0 = s + r * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
            for (int p = 0, d = base + r; p < kc; p++, d += width) {
                dest[d] = src[s0 + p];
                dest[d + 1] = src[s1 + p];
                dest[d + 2] = src[s2 + p];
                dest[d + 3] = src[s3 + p];
            }
        }
        for (; r < count; r++) {
            int sr = s + r * ld;
            for (int p = 0; p < kc; p++) {
                dest[base + p * width + r] = src[sr + p];
            }
        }
        for (; r < width; r++) {
            for (int p = 0; p < kc; p++) {
                dest[base + p * width + r] = 0f;
            }
        }
    }

    /**
     * C[0:MR, 0:2L] += Ap · Bp over kc steps, with Ap a packed kc × MR panel and Bp a packed
     * kc × 2L panel. {@code WIDE} is a constant, so C2 keeps only one of the two calls.
     */
    private static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int ci, int ldc) {
        if (WIDE) {
            kernel14(kc, ap, ao, bp, bo, c, ci, ldc);
        } else {
            kernel6(kc, ap, ao, bp, bo, c, ci, ldc);
        }
    }

    /**
     * The 6 × 2L micro-kernel: C[0:6, 0:2L] += Ap · Bp over kc steps. Twelve accumulators, two B
     * vectors and one broadcast take 15 of AVX2's 16 registers. Two steps a pass: C2 neither
     * unrolled the one-step loop nor removed its bounds checks on Ap, so index arithmetic and
     * checks took about a third of its instructions (512³ at 256 bits: 93 → 104 GFLOP/s; four steps
     * a pass: 97). The sums are the same as one step at a time. With 512-bit vectors it computes
     * the last rows of C when at most 6 are left (m = 128 is 9 × 14 + 2 rows).
     */
    private static void kernel6(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        int p = 0, even = kc & ~1;
        for (; p < even; p += 2) {
            int bi = bo + p * NR;
            int ai = ao + p * MR;
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector av = FloatVector.broadcast(F, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(F, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(F, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(F, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            b0 = FloatVector.fromArray(F, bp, bi + NR);
            b1 = FloatVector.fromArray(F, bp, bi + NR + L);
            av = FloatVector.broadcast(F, ap[ai + MR]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(F, ap[ai + MR + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(F, ap[ai + MR + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(F, ap[ai + MR + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(F, ap[ai + MR + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(F, ap[ai + MR + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        for (; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * MR;
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector av = FloatVector.broadcast(F, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(F, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(F, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(F, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.add(FloatVector.fromArray(F, c, ci)).intoArray(c, ci);
        c01.add(FloatVector.fromArray(F, c, ci + L)).intoArray(c, ci + L);
        c10.add(FloatVector.fromArray(F, c, ci + ldc)).intoArray(c, ci + ldc);
        c11.add(FloatVector.fromArray(F, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
        c20.add(FloatVector.fromArray(F, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
        c21.add(FloatVector.fromArray(F, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
        c30.add(FloatVector.fromArray(F, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
        c31.add(FloatVector.fromArray(F, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
        c40.add(FloatVector.fromArray(F, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
        c41.add(FloatVector.fromArray(F, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
        c50.add(FloatVector.fromArray(F, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
        c51.add(FloatVector.fromArray(F, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
    }

    /**
     * The 14 × 2L micro-kernel of 512-bit vectors: C[0:14, 0:2L] += Ap · Bp over kc steps. Its 28
     * accumulators, two B vectors and one broadcast take 31 of AVX-512's 32 registers; per step it
     * issues 28 fused multiply-adds for 16 loads, where the 6 × 2 kernel issues 12 for 8, so the
     * two FMA ports stay busier (111 → 138 GFLOP/s at 512³ on one Sapphire Rapids core).
     */
    private static void kernel14(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int ci, int ldc) {
        FloatVector c0a = FloatVector.zero(F), c0b = FloatVector.zero(F), c1a = FloatVector.zero(F), c1b = FloatVector.zero(F);
        FloatVector c2a = FloatVector.zero(F), c2b = FloatVector.zero(F), c3a = FloatVector.zero(F), c3b = FloatVector.zero(F);
        FloatVector c4a = FloatVector.zero(F), c4b = FloatVector.zero(F), c5a = FloatVector.zero(F), c5b = FloatVector.zero(F);
        FloatVector c6a = FloatVector.zero(F), c6b = FloatVector.zero(F), c7a = FloatVector.zero(F), c7b = FloatVector.zero(F);
        FloatVector c8a = FloatVector.zero(F), c8b = FloatVector.zero(F), c9a = FloatVector.zero(F), c9b = FloatVector.zero(F);
        FloatVector c10a = FloatVector.zero(F), c10b = FloatVector.zero(F), c11a = FloatVector.zero(F), c11b = FloatVector.zero(F);
        FloatVector c12a = FloatVector.zero(F), c12b = FloatVector.zero(F), c13a = FloatVector.zero(F), c13b = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * MR;
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector av = FloatVector.broadcast(F, ap[ai]);
            c0a = av.fma(b0, c0a);
            c0b = av.fma(b1, c0b);
            av = FloatVector.broadcast(F, ap[ai + 1]);
            c1a = av.fma(b0, c1a);
            c1b = av.fma(b1, c1b);
            av = FloatVector.broadcast(F, ap[ai + 2]);
            c2a = av.fma(b0, c2a);
            c2b = av.fma(b1, c2b);
            av = FloatVector.broadcast(F, ap[ai + 3]);
            c3a = av.fma(b0, c3a);
            c3b = av.fma(b1, c3b);
            av = FloatVector.broadcast(F, ap[ai + 4]);
            c4a = av.fma(b0, c4a);
            c4b = av.fma(b1, c4b);
            av = FloatVector.broadcast(F, ap[ai + 5]);
            c5a = av.fma(b0, c5a);
            c5b = av.fma(b1, c5b);
            av = FloatVector.broadcast(F, ap[ai + 6]);
            c6a = av.fma(b0, c6a);
            c6b = av.fma(b1, c6b);
            av = FloatVector.broadcast(F, ap[ai + 7]);
            c7a = av.fma(b0, c7a);
            c7b = av.fma(b1, c7b);
            av = FloatVector.broadcast(F, ap[ai + 8]);
            c8a = av.fma(b0, c8a);
            c8b = av.fma(b1, c8b);
            av = FloatVector.broadcast(F, ap[ai + 9]);
            c9a = av.fma(b0, c9a);
            c9b = av.fma(b1, c9b);
            av = FloatVector.broadcast(F, ap[ai + 10]);
            c10a = av.fma(b0, c10a);
            c10b = av.fma(b1, c10b);
            av = FloatVector.broadcast(F, ap[ai + 11]);
            c11a = av.fma(b0, c11a);
            c11b = av.fma(b1, c11b);
            av = FloatVector.broadcast(F, ap[ai + 12]);
            c12a = av.fma(b0, c12a);
            c12b = av.fma(b1, c12b);
            av = FloatVector.broadcast(F, ap[ai + 13]);
            c13a = av.fma(b0, c13a);
            c13b = av.fma(b1, c13b);
        }
        c0a.add(FloatVector.fromArray(F, c, ci)).intoArray(c, ci);
        c0b.add(FloatVector.fromArray(F, c, ci + L)).intoArray(c, ci + L);
        c1a.add(FloatVector.fromArray(F, c, ci + ldc)).intoArray(c, ci + ldc);
        c1b.add(FloatVector.fromArray(F, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
        c2a.add(FloatVector.fromArray(F, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
        c2b.add(FloatVector.fromArray(F, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
        c3a.add(FloatVector.fromArray(F, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
        c3b.add(FloatVector.fromArray(F, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
        c4a.add(FloatVector.fromArray(F, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
        c4b.add(FloatVector.fromArray(F, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
        c5a.add(FloatVector.fromArray(F, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
        c5b.add(FloatVector.fromArray(F, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        c6a.add(FloatVector.fromArray(F, c, ci + 6 * ldc)).intoArray(c, ci + 6 * ldc);
        c6b.add(FloatVector.fromArray(F, c, ci + 6 * ldc + L)).intoArray(c, ci + 6 * ldc + L);
        c7a.add(FloatVector.fromArray(F, c, ci + 7 * ldc)).intoArray(c, ci + 7 * ldc);
        c7b.add(FloatVector.fromArray(F, c, ci + 7 * ldc + L)).intoArray(c, ci + 7 * ldc + L);
        c8a.add(FloatVector.fromArray(F, c, ci + 8 * ldc)).intoArray(c, ci + 8 * ldc);
        c8b.add(FloatVector.fromArray(F, c, ci + 8 * ldc + L)).intoArray(c, ci + 8 * ldc + L);
        c9a.add(FloatVector.fromArray(F, c, ci + 9 * ldc)).intoArray(c, ci + 9 * ldc);
        c9b.add(FloatVector.fromArray(F, c, ci + 9 * ldc + L)).intoArray(c, ci + 9 * ldc + L);
        c10a.add(FloatVector.fromArray(F, c, ci + 10 * ldc)).intoArray(c, ci + 10 * ldc);
        c10b.add(FloatVector.fromArray(F, c, ci + 10 * ldc + L)).intoArray(c, ci + 10 * ldc + L);
        c11a.add(FloatVector.fromArray(F, c, ci + 11 * ldc)).intoArray(c, ci + 11 * ldc);
        c11b.add(FloatVector.fromArray(F, c, ci + 11 * ldc + L)).intoArray(c, ci + 11 * ldc + L);
        c12a.add(FloatVector.fromArray(F, c, ci + 12 * ldc)).intoArray(c, ci + 12 * ldc);
        c12b.add(FloatVector.fromArray(F, c, ci + 12 * ldc + L)).intoArray(c, ci + 12 * ldc + L);
        c13a.add(FloatVector.fromArray(F, c, ci + 13 * ldc)).intoArray(c, ci + 13 * ldc);
        c13b.add(FloatVector.fromArray(F, c, ci + 13 * ldc + L)).intoArray(c, ci + 13 * ldc + L);
    }
}
