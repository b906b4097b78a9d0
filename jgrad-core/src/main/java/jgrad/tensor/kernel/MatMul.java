package jgrad.tensor.kernel;

/**
 * Matrix multiplication over row-major arrays with offsets, in float32 ({@link SimdMatMul}) and
 * float64 ({@link SimdMatMul64}) with the Vector API when {@link KernelParameters#simd()}, else
 * their scalar twin {@link ScalarMatMul}.
 * Names follow EJML: {@code mult} computes C = A·B, {@code multTransA} C = Aᵀ·B,
 * {@code multTransB} C = A·Bᵀ, and the {@code multAdd*} forms add to C instead of overwriting it
 * (what backward needs: dA += dC·Bᵀ, dB += Aᵀ·dC).
 *
 * <p>Shapes: C is m×n and k is the shared dimension; A is stored m×k (k×m for {@code TransA}) and
 * B is stored k×n (n×k for {@code TransB}). Products of at least
 * {@link KernelParameters#MATMUL_PARALLEL_THRESHOLD} multiply-adds are split into blocks of C over
 * {@link KernelParameters#threads()} threads. C must not overlap A or B.
 *
 * <pre>{@code
 * float[] a = {1, 2, 3, 4, 5, 6};          // 2×3
 * float[] b = {1, 0, 0, 1, 1, 1};          // 3×2
 * float[] c = new float[4];                // 2×2
 * MatMul.mult(a, 0, b, 0, c, 0, 2, 3, 2);  // c = {4, 5, 10, 11}
 * }</pre>
 *
 * @throws IllegalArgumentException (every method) if a dimension is negative or an array is too
 *         short for its offset and shape
 */
public final class MatMul {
    private static final boolean SIMD = KernelParameters.simd();
    /** Column blocks handed to threads are multiples of this, so that the SIMD tiles stay whole. */
    private static final int COLUMN_ALIGN = 32;

    private MatMul() {
    }

    /** C = A·B: A is m×k, B is k×n, C is m×n. */
    public static void mult(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        matmul(false, false, a, aOff, b, bOff, c, cOff, m, k, n, false);
    }

    /** C = Aᵀ·B: A is stored k×m, B is k×n, C is m×n. */
    public static void multTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        matmul(true, false, a, aOff, b, bOff, c, cOff, m, k, n, false);
    }

    /** C = A·Bᵀ: A is m×k, B is stored n×k, C is m×n. */
    public static void multTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        matmul(false, true, a, aOff, b, bOff, c, cOff, m, k, n, false);
    }

    /** C += A·B. */
    public static void multAdd(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        matmul(false, false, a, aOff, b, bOff, c, cOff, m, k, n, true);
    }

    /** C += Aᵀ·B (A stored k×m): the weight gradient of y = x·W is dW += xᵀ·dy. */
    public static void multAddTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        matmul(true, false, a, aOff, b, bOff, c, cOff, m, k, n, true);
    }

    /** C += A·Bᵀ (B stored n×k): the input gradient of y = x·W is dx += dy·Wᵀ. */
    public static void multAddTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        matmul(false, true, a, aOff, b, bOff, c, cOff, m, k, n, true);
    }

    /**
     * C (+)= op(A)·op(B) in float32, the general form the named methods call: op(A) is Aᵀ when
     * {@code transA}, op(B) is Bᵀ when {@code transB}; {@code accumulate} adds to C.
     */
    public static void matmul(boolean transA, boolean transB, float[] a, int aOff, float[] b, int bOff,
                              float[] c, int cOff, int m, int k, int n, boolean accumulate) {
        check(a.length, aOff, b.length, bOff, c.length, cOff, m, k, n);
        boolean narrow = KernelParameters.MATMUL_NARROW_ON && narrow(transA, transB, m, n);
        if (narrow || !parallel(m, k, n)) {   // no lambda, no pool: small products are common in backward
            if (!vector(m, k, n)) {   // SIMD off, or a small product in a cold JVM
                ScalarMatMul.block(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, 0, m, 0, n);
            } else if (narrow) {
                SimdMatMulNarrow.matmul(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            } else if (SimdMatMul.isSmall(m, k, n)) {
                SimdMatMul.small(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            } else {
                SimdMatMul.block(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, 0, m, 0, n);
            }
            return;
        }
        forBlocks(transA, transB, m, k, n, (i0, i1, j0, j1) -> {
            if (SIMD) {
                SimdMatMul.block(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, i0, i1, j0, j1);
            } else {
                ScalarMatMul.block(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, i0, i1, j0, j1);
            }
        });
    }

    /** C = A·B in float64. */
    public static void mult(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        matmul(false, false, a, aOff, b, bOff, c, cOff, m, k, n, false);
    }

    /** C = Aᵀ·B in float64 (A stored k×m). */
    public static void multTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        matmul(true, false, a, aOff, b, bOff, c, cOff, m, k, n, false);
    }

    /** C = A·Bᵀ in float64 (B stored n×k). */
    public static void multTransB(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        matmul(false, true, a, aOff, b, bOff, c, cOff, m, k, n, false);
    }

    /** C += A·B in float64. */
    public static void multAdd(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        matmul(false, false, a, aOff, b, bOff, c, cOff, m, k, n, true);
    }

    /** C += Aᵀ·B in float64 (A stored k×m). */
    public static void multAddTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        matmul(true, false, a, aOff, b, bOff, c, cOff, m, k, n, true);
    }

    /** C += A·Bᵀ in float64 (B stored n×k). */
    public static void multAddTransB(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        matmul(false, true, a, aOff, b, bOff, c, cOff, m, k, n, true);
    }

    /** C (+)= op(A)·op(B) in float64; see the float32 form. */
    public static void matmul(boolean transA, boolean transB, double[] a, int aOff, double[] b, int bOff,
                              double[] c, int cOff, int m, int k, int n, boolean accumulate) {
        check(a.length, aOff, b.length, bOff, c.length, cOff, m, k, n);
        boolean narrow = KernelParameters.MATMUL_NARROW_ON && narrow(transA, transB, m, n);
        if (narrow || !parallel(m, k, n)) {
            if (!vector(m, k, n)) {   // SIMD off, or a small product in a cold JVM
                ScalarMatMul.block(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, 0, m, 0, n);
            } else if (narrow) {
                SimdMatMulNarrow.matmul(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            } else if (SimdMatMul64.isSmall(m, k, n)) {
                SimdMatMul64.small(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            } else {
                SimdMatMul64.block(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, 0, m, 0, n);
            }
            return;
        }
        forBlocks(transA, transB, m, k, n, (i0, i1, j0, j1) -> {
            if (SIMD) {
                SimdMatMul64.block(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, i0, i1, j0, j1);
            } else {
                ScalarMatMul.block(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, i0, i1, j0, j1);
            }
        });
    }

    /** A rectangle of C, rows [i0, i1) and columns [j0, j1), computed by one thread. */
    interface BlockTask {
        void run(int i0, int i1, int j0, int j1);
    }

    /**
     * Whether this product takes the SIMD kernels: always when SIMD is on and the product has at
     * least {@link KernelParameters#COLD_MATMUL} multiply-adds, and smaller ones once the cold
     * start's budget is spent ({@link KernelParameters#vectorCall}).
     */
    private static boolean vector(int m, int k, int n) {
        return SIMD && KernelParameters.vectorCall((long) m * k * n, KernelParameters.COLD_MATMUL);
    }

    /**
     * Whether op(A)·op(B) has the shape {@link SimdMatMulNarrow} takes (which it does only with
     * {@link KernelParameters#MATMUL_NARROW_ON}): A·Bᵀ with at most
     * {@link KernelParameters#MATMUL_NARROW} columns or Aᵀ·B with at most that many rows. These run
     * on the calling thread: they read each operand about once and are bound by memory.
     */
    static boolean narrow(boolean transA, boolean transB, int m, int n) {
        return (!transA && transB && n <= KernelParameters.MATMUL_NARROW)
                || (transA && !transB && m <= KernelParameters.MATMUL_NARROW);
    }

    private static boolean parallel(int m, int k, int n) {
        return KernelParameters.threads() > 1 && (long) m * k * n >= KernelParameters.MATMUL_PARALLEL_THRESHOLD;
    }

    /**
     * Splits C into at most {@link KernelParameters#threads()} bands of rows or of columns (see
     * {@link #splitByColumns}), and
     * runs them in parallel; small products run whole on the calling thread.
     */
    static void forBlocks(boolean transA, boolean transB, int m, int k, int n, BlockTask task) {
        long work = (long) m * k * n;
        int threads = work < KernelParameters.MATMUL_PARALLEL_THRESHOLD ? 1 : KernelParameters.threads();
        boolean byColumns = splitByColumns(transA, transB, m, k, n, threads);
        int align = byColumns ? COLUMN_ALIGN : KernelParameters.matmulRows();
        int extent = byColumns ? n : m;
        int units = (extent + align - 1) / align;
        int chunks = Math.max(1, Math.min(threads, units));
        if (chunks == 1) {
            task.run(0, m, 0, n);
            return;
        }
        Parallel.forEach(chunks, chunk -> {
            int from = Math.min(extent, (int) ((long) units * chunk / chunks) * align);
            int to = Math.min(extent, (int) ((long) units * (chunk + 1) / chunks) * align);
            if (byColumns) {
                task.run(0, m, from, to);
            } else {
                task.run(from, to, 0, n);
            }
        });
    }

    /**
     * Whether bands of columns repack less than bands of rows. Every band packs the whole of the
     * operand it shares: bands of rows each pack all of op(B), bands of columns each pack all of
     * op(A) (where one thread would pack A once per {@link KernelParameters#MATMUL_NC} columns).
     * A transposing copy (B stored n×k, or A stored m×k, read across rows) counts twice a plain
     * one. Measured on 2 threads (Xeon, AVX-512): 1024³ by rows 340 GFLOP/s, by columns 297; the
     * 784-256-256-10 step's products keep columns.
     */
    static boolean splitByColumns(boolean transA, boolean transB, int m, int k, int n, int threads) {
        int rowUnits = (m + KernelParameters.matmulRows() - 1) / KernelParameters.matmulRows();
        int columnUnits = (n + COLUMN_ALIGN - 1) / COLUMN_ALIGN;
        if (rowUnits < threads || columnUnits < threads) {
            return columnUnits >= rowUnits;
        }
        long rowsRepack = (long) (threads - 1) * k * n * (transB ? 2 : 1);
        long columnBlocks = (n + KernelParameters.MATMUL_NC - 1) / KernelParameters.MATMUL_NC;
        long columnsRepack = Math.max(0, threads - columnBlocks) * m * k * (transA ? 1 : 2);
        return columnsRepack <= rowsRepack;
    }

    private static void check(int aLen, int aOff, int bLen, int bOff, int cLen, int cOff, int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("matmul: dimensions must be >= 0, got m=" + m + ", k=" + k + ", n=" + n);
        }
        checkArray("A", aLen, aOff, (long) m * k, m, k);
        checkArray("B", bLen, bOff, (long) k * n, k, n);
        checkArray("C", cLen, cOff, (long) m * n, m, n);
    }

    private static void checkArray(String name, int length, int offset, long size, int rows, int cols) {
        if (offset < 0 || offset + size > length) {
            throw new IllegalArgumentException("matmul: " + name + " needs " + size + " elements (" + rows + "x" + cols
                    + ") from offset " + offset + " but its array has length " + length);
        }
    }
}
