package jgrad.torch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import jgrad.tensor.kernel.Elementwise;
import jgrad.tensor.kernel.KernelParameters;
import jgrad.tensor.kernel.MatMul;
import jgrad.tensor.kernel.Reductions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Races only jgrad's row softmax and log-softmax against libtorch's {@code softmax_out} and
 * {@code log_softmax_out}, 1 thread, 1M elements (float32 at 1024×1024 and 256×4096, float64 at
 * 1024×1024), optionally after a prelude that reproduces what runs before them in
 * {@link KernelRace}: it is the tool that explained why softmax ran at 0.3 to 0.5× libtorch inside
 * the race and at 1× alone (docs/benchmarks-tensor.md, "Softmax in the race").
 *
 * <p>Arguments: the window in milliseconds (default 200), the prelude (default {@code none}), and
 * the number of rounds of the table (default 2). Preludes:
 * <ul>
 *   <li>{@code none}: softmax first, in a fresh JVM;</li>
 *   <li>{@code elementwise}: the race's other elementwise rows first (add, mul, exp, tanh,
 *       sigmoid, relu, sum: the same kernels, other shapes and call sites);</li>
 *   <li>{@code exp-first}: only {@code Elementwise.exp} over 1M floats, hot, before softmax;</li>
 *   <li>{@code mm}: 3 s of matmul, 512³ on 2 threads, jgrad, libtorch and OpenBLAS in turn;
 *       {@code mm-jgrad}, {@code mm-torch}, {@code mm-openblas}: 1 s of one of them;
 *       {@code jgrad-warmup}: the race's 6 s JIT warm-up of jgrad's matmul (1 and 2 threads);</li>
 *   <li>{@code elementwise-table}: the race's elementwise table, jgrad's and libtorch's rows;
 *       {@code matmul-tables}: the race's JIT warm-up and matmul tables;</li>
 *   <li>{@code race}: the race itself up to softmax (its JIT warm-up, matmul tables and
 *       elementwise table), then the table here.</li>
 * </ul>
 * Run: {@code mvn -B -ntp -q -Ptorch -pl jgrad-torch -am package -DskipTests -Djgrad.race
 * -Djgrad.race.main=jgrad.torch.SoftmaxRace -Djgrad.race.tables=none} (the pom passes the window,
 * then {@code jgrad.race.tables} as the prelude; {@code -Djgrad.race.jvmArg=-XX:MaxVectorSize=32}
 * for the 256-bit path). The header and footer print the load average from /proc/loadavg.
 */
public final class SoftmaxRace {
    private SoftmaxRace() {
    }

    /** Runs the prelude and the table; see the class comment for the arguments. */
    public static void main(String[] args) {
        long window = (args.length > 0 ? Long.parseLong(args[0]) : 200) * 1_000_000L;
        String prelude = args.length > 1 ? args[1] : "none";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.printf(Locale.ROOT, "SoftmaxRace: %s, %d cores; JVM %s; vector width %d bits; JVM flags: %s; "
                        + "prelude: %s; load average: %s%n%n", KernelRace.cpuName(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                KernelParameters.vectorBits(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-XX:")).collect(java.util.stream.Collectors.joining(" ")),
                prelude, loadAverage());
        switch (prelude) {
            case "none" -> { }
            case "elementwise" -> otherElementwiseRows(window);
            case "exp-first" -> expFirst(window);
            case "mm" -> matmulPrelude(0, 1, 2);
            case "mm-jgrad" -> matmulPrelude(0);
            case "mm-torch" -> matmulPrelude(1);
            case "mm-openblas" -> matmulPrelude(2);
            case "jgrad-warmup" -> KernelRace.warmUp();
            case "elementwise-table" -> KernelRace.elementwiseTable();
            case "matmul-tables" -> {
                KernelRace.warmUp();
                KernelRace.matmulTable();
                KernelRace.smallMatmulTable();
            }
            case "race" -> {
                KernelRace.warmUp();
                KernelRace.matmulTable();
                KernelRace.smallMatmulTable();
                KernelRace.elementwiseTable();
            }
            default -> throw new IllegalArgumentException("SoftmaxRace: unknown prelude '" + prelude
                    + "'; use none, elementwise, exp-first, mm, mm-jgrad, mm-torch, mm-openblas, jgrad-warmup, elementwise-table, matmul-tables or race");
        }
        KernelRace.setThreads(1);
        for (int round = 1; round <= rounds; round++) {
            table(window, round);
        }
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
    }

    private static void table(long window, int round) {
        System.out.printf(Locale.ROOT, "Round %d, 1 thread, M elements/s:%n%n", round);
        System.out.println("| op | dtype | rows×cols | jgrad | libtorch | jgrad / libtorch | jgrad bytes allocated per call |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int[] shape : new int[][] {{1024, 1024}, {256, 4096}}) {
            int rows = shape[0], cols = shape[1], n = rows * cols;
            float[] x = KernelRace.random(new Random(11), n), out = new float[n];
            Tensor tx = TorchArrays.tensor(x, rows, cols), tout = TorchArrays.tensor(out, rows, cols);
            row(window, n, "softmax", "float32", shape, () -> Reductions.softmaxRows(x, 0, rows, cols, out, 0),
                    () -> torch.softmax_out(tout, tx, 1));
            row(window, n, "logSoftmax", "float32", shape, () -> Reductions.logSoftmaxRows(x, 0, rows, cols, out, 0),
                    () -> torch.log_softmax_out(tout, tx, 1));
        }
        int rows = 1024, cols = 1024, n = rows * cols;
        double[] x = KernelRace.random64(new Random(11), n), out = new double[n];
        Tensor tx = TorchArrays.tensor(x, rows, cols), tout = TorchArrays.tensor(out, rows, cols);
        int[] shape = {rows, cols};
        row(window, n, "softmax", "float64", shape, () -> Reductions.softmaxRows(x, 0, rows, cols, out, 0),
                () -> torch.softmax_out(tout, tx, 1));
        row(window, n, "logSoftmax", "float64", shape, () -> Reductions.logSoftmaxRows(x, 0, rows, cols, out, 0),
                () -> torch.log_softmax_out(tout, tx, 1));
        System.out.println();
    }

    private static void row(long window, int n, String op, String dtype, int[] shape, Runnable jgrad, Runnable libtorch) {
        double jg = n / KernelRace.best(jgrad, window) * 1e-6;
        double tt = n / KernelRace.best(libtorch, window) * 1e-6;
        // NOTE: a kernel whose vectors C2 failed to keep in registers boxes them: it allocates
        long before = allocated();
        for (int i = 0; i < 10; i++) {
            jgrad.run();
        }
        long perCall = (allocated() - before) / 10;
        System.out.printf(Locale.ROOT, "| %s | %s | %d×%d | %.0f | %.0f | %.2f | %d |%n", op, dtype, shape[0], shape[1],
                jg, tt, jg / tt, perCall);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** The race's elementwise rows before softmax, jgrad's side only. */
    private static void otherElementwiseRows(long window) {
        int n = 1024 * 1024;
        Random rnd = new Random(11);
        float[] x = KernelRace.random(rnd, n), y = KernelRace.random(rnd, n), out = new float[n];
        Runnable[] ops = {
            () -> Elementwise.add(x, 0, y, 0, out, 0, n), () -> Elementwise.mul(x, 0, y, 0, out, 0, n),
            () -> Elementwise.exp(x, 0, out, 0, n), () -> Elementwise.tanh(x, 0, out, 0, n),
            () -> Elementwise.sigmoid(x, 0, out, 0, n), () -> Elementwise.relu(x, 0, out, 0, n),
            () -> Reductions.sum(x, 0, n),
        };
        for (Runnable op : ops) {
            KernelRace.best(op, window);
        }
    }

    private static void expFirst(long window) {
        int n = 1024 * 1024;
        float[] x = KernelRace.random(new Random(11), n), out = new float[n];
        KernelRace.best(() -> Elementwise.exp(x, 0, out, 0, n), window);
    }

    private static void matmulPrelude(int... which) {
        KernelRace.setThreads(2);
        int n = 512;
        Random rnd = new Random(7);
        float[] a = KernelRace.random(rnd, n * n), b = KernelRace.random(rnd, n * n), c = new float[n * n];
        Tensor ta = TorchArrays.tensor(a, n, n), tb = TorchArrays.tensor(b, n, n), tc = TorchArrays.tensor(c, n, n);
        try (org.bytedeco.javacpp.FloatPointer pa = new org.bytedeco.javacpp.FloatPointer(a);
             org.bytedeco.javacpp.FloatPointer pb = new org.bytedeco.javacpp.FloatPointer(b);
             org.bytedeco.javacpp.FloatPointer pc = new org.bytedeco.javacpp.FloatPointer(c)) {
            Runnable[] libs = {
                () -> MatMul.mult(a, 0, b, 0, c, 0, n, n, n),
                () -> torch.mm_out(tc, ta, tb),
                () -> org.bytedeco.openblas.global.openblas.cblas_sgemm(org.bytedeco.openblas.global.openblas.CblasRowMajor,
                        org.bytedeco.openblas.global.openblas.CblasNoTrans, org.bytedeco.openblas.global.openblas.CblasNoTrans,
                        n, n, n, 1f, pa, n, pb, n, 0f, pc, n),
            };
            for (int w : which) {
                Runnable lib = libs[w];
                long end = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < end) {
                    lib.run();
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
