package jgrad.tensor.kernel;

import java.util.Arrays;

/**
 * The plain-Java twin of the Vector API matmul: C = op(A)·op(B) over row-major arrays, where C is
 * m×n, the shared dimension is k, op(A) is A (stored m×k) or Aᵀ (A stored k×m), and op(B) is B
 * (stored k×n) or Bᵀ (B stored n×k). It is the fallback without the Vector API and the oracle of
 * the SIMD kernel's tests. The i-p-j loop order lets the JIT vectorize the innermost loop; A·Bᵀ
 * is a dot product per element.
 *
 * <p>Each method computes the block of C with rows {@code [i0, i1)} and columns {@code [j0, j1)},
 * so that {@link MatMul} can hand disjoint blocks to threads. Nothing is checked here.
 *
 * <pre>{@code
 * float[] c = new float[m * n];
 * ScalarMatMul.block(false, false, a, 0, b, 0, c, 0, m, k, n, false, 0, m, 0, n);
 * }</pre>
 */
public final class ScalarMatMul {
    private ScalarMatMul() {
    }

    /** C[i0:i1, j0:j1] (+)= op(A)·op(B) in float32; {@code accumulate} adds to C instead of overwriting. */
    public static void block(boolean transA, boolean transB, float[] a, int aOff, float[] b, int bOff,
                             float[] c, int cOff, int m, int k, int n, boolean accumulate,
                             int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            int ci = cOff + i * n;
            if (!accumulate) {
                Arrays.fill(c, ci + j0, ci + j1, 0f);
            }
            if (transB) {
                for (int j = j0; j < j1; j++) {
                    int bj = bOff + j * k;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += (transA ? a[aOff + p * m + i] : a[aOff + i * k + p]) * b[bj + p];
                    }
                    c[ci + j] += s;
                }
            } else {
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    int bp = bOff + p * n;
                    for (int j = j0; j < j1; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }

    /** C[i0:i1, j0:j1] (+)= op(A)·op(B) in float64; {@code accumulate} adds to C instead of overwriting. */
    public static void block(boolean transA, boolean transB, double[] a, int aOff, double[] b, int bOff,
                             double[] c, int cOff, int m, int k, int n, boolean accumulate,
                             int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            int ci = cOff + i * n;
            if (!accumulate) {
                Arrays.fill(c, ci + j0, ci + j1, 0.0);
            }
            if (transB) {
                for (int j = j0; j < j1; j++) {
                    int bj = bOff + j * k;
                    double s = 0.0;
                    for (int p = 0; p < k; p++) {
                        s += (transA ? a[aOff + p * m + i] : a[aOff + i * k + p]) * b[bj + p];
                    }
                    c[ci + j] += s;
                }
            } else {
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    int bp = bOff + p * n;
                    for (int j = j0; j < j1; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }
}
