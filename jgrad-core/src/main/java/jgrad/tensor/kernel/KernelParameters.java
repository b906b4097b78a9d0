package jgrad.tensor.kernel;

/**
 * The sizes, thresholds and switches of the kernels, in one place (as EJML's
 * {@code EjmlParameters}). The block sizes were tuned on a 2-core AMD EPYC (Zen 5 class, 48 KiB L1d,
 * 1 MiB L2 per core) with 512-bit vectors; see {@code docs/design-notes.md}, "Tensor kernels and
 * libtorch", for the experiments.
 *
 * <p>Two system properties are read once, when the kernels are first used:
 * <ul>
 *   <li>{@code jgrad.simd} ({@code true} or {@code false}, default {@code true}):
 *       {@code false} forces the scalar kernels even when the Vector API is present;</li>
 *   <li>{@code jgrad.threads} (a positive integer, default the number of available processors):
 *       the number of threads matmul may use; {@link #setThreads(int)} changes it later.</li>
 * </ul>
 * A malformed value throws {@link IllegalArgumentException} naming the property.
 *
 * <pre>{@code
 * KernelParameters.setThreads(1);          // single-threaded matmul from now on
 * boolean fast = KernelParameters.simd();  // true with --add-modules jdk.incubator.vector
 * }</pre>
 */
public final class KernelParameters {
    /**
     * Rows of C computed at once by the matmul micro-kernel (register block) for vectors of up to
     * 256 bits, and by the scalar kernels. The SIMD kernel is written out for 6 × 2 vectors (12
     * accumulators: AVX2 has 16 registers); changing these means writing a new micro-kernel.
     */
    public static final int MATMUL_MR = 6;
    /**
     * Rows of the micro-kernel for vectors of {@link #MATMUL_WIDE_BITS} bits (AVX-512, 32
     * registers), float32 and float64 alike: 14 × 2 vectors, 28 accumulators. On a Sapphire Rapids core it reaches 138
     * GFLOP/s at 512³ where 6 × 2 reaches 111; 12 × 2, 9 × 3 and 6 × 4 reach 127 to 129.
     */
    public static final int MATMUL_MR_WIDE = 14;
    /** The vector width in bits from which {@link #MATMUL_MR_WIDE} and {@link #MATMUL_MC_WIDE} apply. */
    public static final int MATMUL_WIDE_BITS = 512;
    /** Vectors of C columns computed at once by the matmul micro-kernel (2 × 16 floats with AVX-512). */
    public static final int MATMUL_NR_VECTORS = 2;
    /** Depth of one packed panel (cache block along the shared dimension k): kc × NR fits L1. */
    public static final int MATMUL_KC = 256;
    /** Rows of A packed at once (cache block along m): mc × kc fits L2. */
    public static final int MATMUL_MC = 96;
    /** {@link #MATMUL_MC} for the 14-row kernel: 168 rows (12 panels; 168 KiB of packed A at kc = 256). */
    public static final int MATMUL_MC_WIDE = 168;

    /**
     * The rows of the micro-kernel in use: {@link #MATMUL_MR_WIDE} with SIMD kernels of 512-bit
     * vectors, else {@link #MATMUL_MR}. Parallel bands of rows are cut at multiples of it.
     */
    static int matmulRows() {
        return vectorBits() >= MATMUL_WIDE_BITS ? MATMUL_MR_WIDE : MATMUL_MR;
    }
    /** Columns of B packed at once (cache block along n): kc × nc fits L3. */
    public static final int MATMUL_NC = 2048;
    /**
     * Up to this many multiply-adds (m·k·n) the SIMD matmul skips packing and cache blocking, as
     * long as at most {@link #MATMUL_SMALL_TAIL} of them fall in the columns past the last whole
     * vector (done in scalar code). For the layers of a small MLP packing costs more than the
     * product: 100×16×16 takes 0.56 µs unpacked, 3.3 µs packed; 64³ is faster packed.
     */
    public static final int MATMUL_SMALL = 32 * 32 * 32;
    /** See {@link #MATMUL_SMALL}: 100×16×1 (1600 scalar multiply-adds) is still faster unpacked. */
    public static final int MATMUL_SMALL_TAIL = 4096;
    /**
     * A·Bᵀ with at most this many columns, and Aᵀ·B with at most this many rows, take
     * {@link SimdMatMulNarrow}'s kernels instead of the packed ones, which pad the narrow side to a
     * whole micro-tile: the forward pass and the weight gradient of an output layer with a few
     * outputs.
     */
    public static final int MATMUL_NARROW = 8;

    /**
     * Whether matmul uses {@link SimdMatMulNarrow} at all ({@code -Djgrad.matmul.narrow=true};
     * default false; the {@code jgrad} launcher sets it). Off by default because of a slowdown
     * not yet explained: in the MLP race (a JVM that trains 784-256-256-10, 2-16-16-1, whose
     * output layer takes the narrow kernels, and 784-128-10), 3 of 10 JVMs with it on ran both
     * 10-output models 25-35% slower for their whole life, 0 of 15 without it, although those
     * models never take the narrow kernels; a different C2 compilation, which only a disassembler
     * could show (design notes). A command trains one model per process, where it is 3-5x faster
     * on an output layer of a few columns.
     */
    public static final boolean MATMUL_NARROW_ON = Boolean.getBoolean("jgrad.matmul.narrow");
    /**
     * Below this many multiply-adds (m·k·n) matmul stays on the calling thread: handing work to
     * the other threads costs a few microseconds, and each band repacks the shared operand. It was
     * raised to 256·256·64 while the kernels ran on a {@code ForkJoinPool} whose workers parked at
     * once (784-128-10 at batch 32, 3.2 M multiply-adds a product, ran slower on 2 threads than on
     * 1); with threads that spin {@link #PARALLEL_SPIN_NANOS} first it went back to 128·128·64:
     * 128³ takes 19 µs on 2 threads against 25 on 1, and that MLP step runs 1.3x faster on 2.
     * Now 128³: below it a second thread saves a few microseconds a product once the JIT has
     * compiled the kernels, and before that its spinning takes the core the JIT compiles on. The
     * 20-64-64-3 MLP of the 100,000-row table (256·64·64 products) trains as fast on 1 thread as on
     * 2 when warm, and its whole {@code jgrad train} took 4.2 s at 128·128·64, 4.0 s at 128³.
     */
    public static final long MATMUL_PARALLEL_THRESHOLD = 128L * 128 * 128;

    /**
     * How long (nanoseconds) an idle kernel thread, or a caller waiting for the other threads,
     * spins before it parks, as OpenMP runtimes do (bounded, unlike libtorch's default OpenMP
     * waits, so a busy machine loses at most this much per parallel call). A training step runs a
     * parallel product every few hundred microseconds, and on the 2-vCPU virtual machine of the
     * race a parked thread often took 50 to 200 µs to run again: a 128×256×256 product took 110 µs
     * on 2 threads against 99 µs on 1. With 100 µs of spinning it takes 60 µs, and the
     * 784-256-256-10 step at batch 128 runs 1.3-1.4x faster on 2 threads (0 µs: no gain, 20 µs:
     * most of it, 100 to 500 µs: the same within noise).
     */
    public static final long PARALLEL_SPIN_NANOS = 100_000L;

    private static final boolean SIMD = VectorSupport.decide(
            System.getProperty("jgrad.simd"),
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    private static volatile int threads = parseThreads(System.getProperty("jgrad.threads"));

    private KernelParameters() {
    }

    /**
     * Elementwise and reduction calls on fewer elements than this take the scalar twins while the
     * JVM is cold (see {@link #vectorCall}); larger ones always take the SIMD kernels.
     */
    public static final long COLD_ELEMENTS = 8_192;

    /** The same bound for matmuls, in multiply-adds. */
    public static final long COLD_MATMUL = 1L << 17;

    /**
     * The cold start's budget: small calls take the scalar twins until the work of all calls
     * (elements, or multiply-adds for a matmul) adds up to this much, then the SIMD kernels
     * ({@code -Djgrad.simd.coldWork=N}; default 0, SIMD from the first call). The {@code jgrad}
     * launcher sets 10⁹, under a second of scalar work (see {@link #vectorCall}).
     */
    public static final long COLD_WORK = Long.getLong("jgrad.simd.coldWork", 0L);

    private static long coldWork;       // racy on purpose: an approximate sum is enough
    private static boolean warm = COLD_WORK <= 0;

    /**
     * Whether an elementwise or reduction call on {@code elements} elements takes the SIMD kernel,
     * when SIMD is on at all: always from {@link #COLD_ELEMENTS} on; a smaller one only once
     * the work of all calls so far has reached {@link #COLD_WORK}. Why: until C2 has compiled a
     * Vector API kernel, the API runs its Java fallback, an object per vector operation, while the
     * scalar twins compile at once. On the 800 small steps of {@code jgrad train} on iris that was
     * 0.65 s of training against 0.20 s with the twins. Warm, the SIMD kernels make the 2-16-16-1
     * step 3.4 times faster, so a long run must switch; counting work, not calls, bounds the
     * scalar time a long run spends before it does, and counting the large calls' work too ends
     * the cold start early in a run whose big products have long compiled the SIMD kernels (the
     * 100,000-row table's output layer took the scalar twins for its whole run while its small
     * calls alone were counted; design notes: how the bounds were chosen). It
     * is a setting of the launcher, not a library default, because the switch changes rounding in
     * mid-process: two identical trainings in one JVM could differ in their last bits. The sum is
     * deterministic, so a command repeats bit for bit.
     */
    public static boolean vectorCall(long elements) {
        return vectorCall(elements, COLD_ELEMENTS);
    }

    /**
     * {@link #vectorCall(long)} for a call whose work is counted in another unit (a matmul's
     * multiply-adds), with its own bound {@code large}.
     */
    public static boolean vectorCall(long work, long large) {
        if (warm) {
            return true;
        }
        coldWork += work;   // large calls count too: the budget is how much the process has computed
        if (coldWork >= COLD_WORK) {
            warm = true;
        }
        return work >= large;
    }

    /**
     * Whether the Vector API kernels are in use: the module {@code jdk.incubator.vector} is in the
     * boot layer, the CPU has vectors of at least 4 floats, and {@code -Djgrad.simd=false} is not
     * set. Fixed for the life of the JVM.
     */
    public static boolean simd() {
        return SIMD;
    }

    /**
     * The width in bits of the vectors the SIMD kernels use (512 with AVX-512, 256 with AVX2 or
     * {@code -XX:MaxVectorSize=32}, 128 with NEON), or 0 when {@link #simd()} is false.
     */
    public static int vectorBits() {
        return SIMD ? SimdElementwise.LANES * Float.SIZE : 0;
    }

    /** The number of threads matmul may use (the caller's thread included). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads matmul may use, the caller's thread included; 1 keeps all work
     * on the calling thread.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("KernelParameters.setThreads: thread count must be >= 1, got " + n);
        }
        threads = n;
    }

    static int parseThreads(String value) {
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property jgrad.threads must be a positive integer, got '"
                + value + "'; e.g. -Djgrad.threads=2");
    }
}
