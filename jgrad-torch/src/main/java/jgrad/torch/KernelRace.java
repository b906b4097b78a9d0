package jgrad.torch;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import jgrad.tensor.kernel.Elementwise;
import jgrad.tensor.kernel.KernelParameters;
import jgrad.tensor.kernel.MatMul;
import jgrad.tensor.kernel.Reductions;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Races jgrad's float32 kernels against libtorch and OpenBLAS in one JVM and prints Markdown
 * tables: matmul GFLOP/s (square 64 to 1024 and 128×784×256) with 1 and 2 threads for jgrad,
 * libtorch {@code mm} and OpenBLAS {@code cblas_sgemm}; elementwise and softmax throughput on 1M
 * elements. Each figure is the best of several timed windows (the machine is shared, and the best
 * window is the one least disturbed); ratios compare figures from the same run.
 *
 * <p>Run: {@code mvn -B -ntp -q -Ptorch -pl jgrad-torch -am package -DskipTests -Djgrad.race}.
 * The optional arguments are the length of a timing window in milliseconds (default 250) and
 * which tables to print: {@code all} (default), {@code mlp} (only {@link MlpRace}'s), {@code matmul}
 * (the float32 matmul table and {@link MlpRace}'s), {@code layers},
 * {@code f64} (float64 matmul and elementwise against libtorch's double ops) or {@code elementwise}
 * (only the float32 and float64 elementwise tables: no matmul runs before them; compare with
 * {@code all} and with {@link SoftmaxRace}). A third, optional argument
 * is passed through the pom as one JVM flag ({@code -Djgrad.race.jvmArg=-XX:MaxVectorSize=32}
 * runs the 256-bit path on a 512-bit machine); the header prints the vector width and CPU flags.
 */
public final class KernelRace {
    private static long windowNanos = 250_000_000L;
    private static final int WINDOWS = 5;
    /** The most warm-up windows {@link #best} runs before it times (about 5 s at the default window). */
    private static final int MAX_WARM_UP_WINDOWS = 20;

    private KernelRace() {
    }

    /** Runs the race and prints the tables (see docs/benchmarks-tensor.md for the arguments and properties). */
    public static void main(String[] args) {
        if (args.length > 0) {
            windowNanos = Long.parseLong(args[0]) * 1_000_000L;
        }
        System.out.printf(Locale.ROOT, "Machine: %s, %d cores visible; JVM: %s %s; SIMD kernels: %s; date: %s%n%n",
                cpuName(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), KernelParameters.simd(), LocalDate.now());
        System.out.printf(Locale.ROOT, "Vector width: %d bits (jgrad's float species; JVM flags: %s); CPU flags: %s; "
                + "OPENBLAS_CORETYPE=%s%n%n", KernelParameters.vectorBits(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-XX:")).collect(java.util.stream.Collectors.joining(" ")),
                cpuFlags(), System.getenv("OPENBLAS_CORETYPE"));
        if (args.length >= 2 && args[1].equals("f64")) {
            warmUp64();
            matmul64Table();
            elementwise64Table();
            return;
        }
        if (args.length >= 2 && args[1].equals("elementwise")) {
            elementwiseTable();
            elementwise64Table();
            return;
        }
        if (args.length >= 2 && args[1].equals("layers")) {
            LayersRace.table(windowNanos);
            return;
        }
        if (args.length >= 2 && args[1].equals("matmul")) {
            warmUp();
            matmulTable();
            MlpRace.table(windowNanos);
            return;
        }
        boolean all = args.length < 2 || args[1].equals("all");
        if (all) {
            warmUp();
            matmulTable();
            smallMatmulTable();
            elementwiseTable();
        }
        MlpRace.table(windowNanos);
        LayersRace.table(windowNanos);
    }

    /**
     * Lets C2 compile the kernels on every path (edge tiles, transposes, accumulation, the direct
     * and the parallel call) before anything is timed: 6 seconds, whatever the window, because on
     * a busy machine the compiler threads get little CPU (a first timed 64³ once ran interpreted).
     */
    static void warmUp() {
        Random rnd = new Random(3);
        int[][] shapes = {{64, 64, 64}, {128, 128, 128}, {200, 300, 100}, {128, 784, 256}};
        long end = System.nanoTime() + 6_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
            int[] s = shapes[i % shapes.length];
            float[] a = random(rnd, s[0] * s[1]), b = random(rnd, s[1] * s[2]), c = new float[s[0] * s[2]];
            setThreads(1 + (i / shapes.length) % 2);
            for (int rep = 0; rep < 20; rep++) {
                MatMul.matmul(rep % 3 == 1, rep % 3 == 2, a, 0, b, 0, c, 0, s[0], s[1], s[2], rep % 2 == 0);
            }
        }
    }

    /** As {@link #warmUp()}, for the float64 kernels: 4 seconds over the race's shapes and both thread counts. */
    private static void warmUp64() {
        Random rnd = new Random(3);
        int[][] shapes = {{64, 64, 64}, {200, 300, 100}, {512, 512, 512}};
        long end = System.nanoTime() + 4_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
            int[] s = shapes[i % shapes.length];
            double[] a = random64(rnd, s[0] * s[1]), b = random64(rnd, s[1] * s[2]), c = new double[s[0] * s[2]];
            setThreads(1 + (i / shapes.length) % 2);
            for (int rep = 0; rep < 3; rep++) {
                MatMul.matmul(rep % 3 == 1, rep % 3 == 2, a, 0, b, 0, c, 0, s[0], s[1], s[2], rep % 2 == 0);
            }
        }
    }

    /** float64 matmul against libtorch's double {@code mm}: 512 and 1024, 1 and 2 threads, one library at a time. */
    private static void matmul64Table() {
        int[] sizes = {512, 1024};
        double[][][] gflops = new double[2][2][sizes.length];
        for (int threads = 1; threads <= 2; threads++) {
            setThreads(threads);
            for (int lib = 0; lib < 2; lib++) {
                Random rnd = new Random(7);
                for (int s = 0; s < sizes.length; s++) {
                    int n = sizes[s];
                    double[] a = random64(rnd, n * n), b = random64(rnd, n * n), c = new double[n * n];
                    double seconds;
                    if (lib == 0) {
                        seconds = best(() -> MatMul.mult(a, 0, b, 0, c, 0, n, n, n));
                    } else {
                        Tensor ta = TorchArrays.tensor(a, n, n), tb = TorchArrays.tensor(b, n, n);
                        Tensor tc = TorchArrays.tensor(c, n, n);
                        seconds = best(() -> torch.mm_out(tc, ta, tb));
                    }
                    gflops[threads - 1][lib][s] = 2.0 * n * n * n / seconds * 1e-9;
                }
            }
        }
        System.out.println("float64 matmul:");
        System.out.println();
        System.out.println("| n×n×n | threads | jgrad GFLOP/s | libtorch double mm GFLOP/s | jgrad / libtorch |");
        System.out.println("|---|---|---|---|---|");
        for (int s = 0; s < sizes.length; s++) {
            for (int t = 0; t < 2; t++) {
                System.out.printf(Locale.ROOT, "| %d×%d×%d | %d | %.1f | %.1f | %.2f |%n", sizes[s], sizes[s], sizes[s],
                        t + 1, gflops[t][0][s], gflops[t][1][s], gflops[t][0][s] / gflops[t][1][s]);
            }
        }
        System.out.println();
    }

    static void setThreads(int threads) {
        KernelParameters.setThreads(threads);
        torch.set_num_threads(threads);
        openblas.blas_set_num_threads(threads);
    }

    static void matmulTable() {
        int[][] shapes = {{64, 64, 64}, {128, 128, 128}, {256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024},
                          {128, 784, 256}};
        String[] names = {"jgrad", "libtorch", "OpenBLAS"};
        double[][][] gflops = new double[2][names.length][shapes.length];
        // NOTE: one library at a time over all shapes. Interleaved per shape, the worker threads
        // one library leaves spinning after its call steal the second core from the next library,
        // and with 2 threads libtorch and OpenBLAS fell to 1-30 GFLOP/s.
        for (int threads = 1; threads <= 2; threads++) {
            setThreads(threads);
            for (int lib = 0; lib < names.length; lib++) {
                Random rnd = new Random(7);
                for (int s = 0; s < shapes.length; s++) {
                    int m = shapes[s][0], k = shapes[s][1], n = shapes[s][2];
                    float[] a = random(rnd, m * k), b = random(rnd, k * n), c = new float[m * n];
                    double seconds;
                    if (lib == 0) {
                        seconds = best(() -> MatMul.mult(a, 0, b, 0, c, 0, m, k, n));
                    } else if (lib == 1) {
                        Tensor ta = TorchArrays.tensor(a, m, k), tb = TorchArrays.tensor(b, k, n);
                        Tensor tc = TorchArrays.tensor(c, m, n);
                        seconds = best(() -> torch.mm_out(tc, ta, tb));
                    } else {
                        try (FloatPointer pa = new FloatPointer(a); FloatPointer pb = new FloatPointer(b);
                             FloatPointer pc = new FloatPointer(c)) {
                            seconds = best(() -> openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
                                    openblas.CblasNoTrans, m, n, k, 1f, pa, k, pb, n, 0f, pc, n));
                        }
                    }
                    gflops[threads - 1][lib][s] = 2.0 * m * k * n / seconds * 1e-9;
                }
            }
        }
        System.out.println("| m×k×n | threads | jgrad GFLOP/s | libtorch mm GFLOP/s | OpenBLAS sgemm GFLOP/s "
                + "| jgrad / libtorch | jgrad / OpenBLAS |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int s = 0; s < shapes.length; s++) {
            for (int t = 0; t < 2; t++) {
                double jg = gflops[t][0][s], tt = gflops[t][1][s], ob = gflops[t][2][s];
                System.out.printf(Locale.ROOT, "| %d×%d×%d | %d | %.1f | %.1f | %.1f | %.2f | %.2f |%n",
                        shapes[s][0], shapes[s][1], shapes[s][2], t + 1, jg, tt, ob, jg / tt, jg / ob);
            }
        }
        System.out.println();
    }

    /** The products of micrograd's 2-16-16-1 MLP at batch 100, forward and backward: per-call cost. */
    static void smallMatmulTable() {
        setThreads(1);
        int[][] shapes = {{100, 2, 16}, {100, 16, 16}, {100, 16, 1}, {16, 100, 16}, {100, 1, 16}};
        System.out.println("1 thread, products of a 2-16-16-1 MLP at batch 100, µs per call:");
        System.out.println();
        System.out.println("| m×k×n | jgrad | libtorch mm | jgrad speed-up |");
        System.out.println("|---|---|---|---|");
        Random rnd = new Random(5);
        for (int[] sh : shapes) {
            int m = sh[0], k = sh[1], n = sh[2];
            float[] a = random(rnd, m * k), b = random(rnd, k * n), c = new float[m * n];
            Tensor ta = TorchArrays.tensor(a, m, k), tb = TorchArrays.tensor(b, k, n);
            Tensor tc = TorchArrays.tensor(c, m, n);
            double jg = best(() -> MatMul.mult(a, 0, b, 0, c, 0, m, k, n)) * 1e6;
            double tt = best(() -> torch.mm_out(tc, ta, tb)) * 1e6;
            System.out.printf(Locale.ROOT, "| %d×%d×%d | %.2f | %.2f | %.2f |%n", m, k, n, jg, tt, tt / jg);
        }
        System.out.println();
    }

    static void elementwiseTable() {
        setThreads(1);
        int rows = 1024, cols = 1024, n = rows * cols;
        Random rnd = new Random(11);
        float[] x = random(rnd, n), y = random(rnd, n), out = new float[n];
        Tensor tx = TorchArrays.tensor(x, rows, cols), ty = TorchArrays.tensor(y, rows, cols);
        Tensor tout = TorchArrays.tensor(out, rows, cols);
        System.out.println("1 thread, 1M float32 elements (1024×1024), M elements/s:");
        System.out.println();
        System.out.println("| op | jgrad | libtorch | jgrad / libtorch |");
        System.out.println("|---|---|---|---|");
        row(n, "add", () -> Elementwise.add(x, 0, y, 0, out, 0, n), () -> torch.add_out(tout, tx, ty));
        row(n, "mul", () -> Elementwise.mul(x, 0, y, 0, out, 0, n), () -> torch.mul_out(tout, tx, ty));
        row(n, "exp", () -> Elementwise.exp(x, 0, out, 0, n), () -> torch.exp_out(tout, tx));
        row(n, "tanh", () -> Elementwise.tanh(x, 0, out, 0, n), () -> torch.tanh_out(tout, tx));
        row(n, "sigmoid", () -> Elementwise.sigmoid(x, 0, out, 0, n), () -> torch.sigmoid_out(tout, tx));
        row(n, "relu", () -> Elementwise.relu(x, 0, out, 0, n), () -> torch.relu_out(tout, tx));
        row(n, "sum", () -> Reductions.sum(x, 0, n), () -> torch.sum(tx).close());
        row(n, "softmax (rows)", () -> Reductions.softmaxRows(x, 0, rows, cols, out, 0),
                () -> torch.softmax_out(tout, tx, 1));
        row(n, "logSoftmax (rows)", () -> Reductions.logSoftmaxRows(x, 0, rows, cols, out, 0),
                () -> torch.log_softmax_out(tout, tx, 1));
        System.out.println();
    }

    /** The float64 twins of {@link #elementwiseTable()} against libtorch's double ops, 1M elements, 1 thread. */
    static void elementwise64Table() {
        setThreads(1);
        int rows = 1024, cols = 1024, n = rows * cols;
        Random rnd = new Random(11);
        double[] x = random64(rnd, n), y = random64(rnd, n), out = new double[n];
        Tensor tx = TorchArrays.tensor(x, rows, cols), ty = TorchArrays.tensor(y, rows, cols);
        Tensor tout = TorchArrays.tensor(out, rows, cols);
        System.out.println("1 thread, 1M float64 elements (1024×1024), M elements/s:");
        System.out.println();
        System.out.println("| op | jgrad | libtorch | jgrad / libtorch |");
        System.out.println("|---|---|---|---|");
        row(n, "add", () -> Elementwise.add(x, 0, y, 0, out, 0, n), () -> torch.add_out(tout, tx, ty));
        row(n, "mul", () -> Elementwise.mul(x, 0, y, 0, out, 0, n), () -> torch.mul_out(tout, tx, ty));
        row(n, "exp", () -> Elementwise.exp(x, 0, out, 0, n), () -> torch.exp_out(tout, tx));
        row(n, "tanh", () -> Elementwise.tanh(x, 0, out, 0, n), () -> torch.tanh_out(tout, tx));
        row(n, "sigmoid", () -> Elementwise.sigmoid(x, 0, out, 0, n), () -> torch.sigmoid_out(tout, tx));
        row(n, "relu", () -> Elementwise.relu(x, 0, out, 0, n), () -> torch.relu_out(tout, tx));
        row(n, "sum", () -> Reductions.sum(x, 0, n), () -> torch.sum(tx).close());
        row(n, "softmax (rows)", () -> Reductions.softmaxRows(x, 0, rows, cols, out, 0),
                () -> torch.softmax_out(tout, tx, 1));
        row(n, "logSoftmax (rows)", () -> Reductions.logSoftmaxRows(x, 0, rows, cols, out, 0),
                () -> torch.log_softmax_out(tout, tx, 1));
        System.out.println();
    }

    private static void row(int n, String name, Runnable jgrad, Runnable libtorch) {
        double jg = n / best(jgrad) * 1e-6;
        double tt = n / best(libtorch) * 1e-6;
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f |%n", name, jg, tt, jg / tt);
    }

    private static double best(Runnable op) {
        return best(op, windowNanos);
    }

    /**
     * Seconds per call: the best of {@link #WINDOWS} windows, after warm-up windows until one is no
     * more than 3% faster than the one before (at most {@link #MAX_WARM_UP_WINDOWS}). One warm-up
     * window was not enough for a model timed first in its JVM: jgrad's 784-256-256-10 step ran at
     * 209, 563, 634 steps/s in its first three seconds while C2 compiled it, and libtorch's native
     * code needs no such time.
     */
    static double best(Runnable op, long windowNanos) {
        double previous = window(op, windowNanos);
        for (int w = 1; w < MAX_WARM_UP_WINDOWS; w++) {
            double next = window(op, windowNanos);
            if (next >= 0.97 * previous) {
                break;
            }
            previous = next;
        }
        double best = Double.MAX_VALUE;
        for (int w = 0; w < WINDOWS; w++) {
            best = Math.min(best, window(op, windowNanos));
        }
        return best;
    }

    /** Seconds per call over one window of calls. */
    private static double window(Runnable op, long windowNanos) {
        long start = System.nanoTime(), calls = 0, now;
        do {
            op.run();
            calls++;
            now = System.nanoTime();
        } while (now - start < windowNanos);
        return (now - start) * 1e-9 / calls;
    }

    static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    static double[] random64(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    /** The CPU's vector and FMA flags from /proc/cpuinfo (what decides the kernels' width). */
    static String cpuFlags() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split(" "))
                            .filter(f -> f.equals("avx2") || f.equals("fma") || f.equals("avx512f")
                                    || f.equals("avx512bw") || f.equals("avx512vl") || f.equals("avx512dq"))
                            .collect(java.util.stream.Collectors.joining(" ")))
                    .orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static String cpuName() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
        } catch (java.io.IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
