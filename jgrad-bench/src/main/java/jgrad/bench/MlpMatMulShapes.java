package jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jgrad.tensor.kernel.KernelParameters;
import jgrad.tensor.kernel.MatMul;

/**
 * Times, one by one, the float32 matrix products of an MLP's training step (forward y = x·Wᵀ,
 * then dx = dy·W and dW = dyᵀ·x per layer) on one thread, and prints a table: microseconds
 * (median of this thread's CPU time over many calls, which other processes disturb less than
 * wall time) and GFLOP/s per product, and their sum. For finding the shapes a step loses time on,
 * such as an output layer of a few columns.
 *
 * <pre>
 * mvn -B -ntp -q -pl jgrad-bench -am package -DskipTests &amp;&amp; java --add-modules jdk.incubator.vector \
 *     -Djgrad.threads=1 -cp jgrad-bench/target/benchmarks.jar jgrad.bench.MlpMatMulShapes [batch] [sizes...]
 * </pre>
 * The default is the scikit-learn comparison's 100,000-row table: batch 256, sizes 20 64 64 3.
 */
public final class MlpMatMulShapes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private MlpMatMulShapes() {
    }

    /** Prints the table; see the class comment for the arguments. */
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {20, 64, 64, 3};
        List<int[]> products = new ArrayList<>();   // {transA, transB, m, k, n}
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l], out = sizes[l + 1];
            products.add(new int[] {0, 1, batch, in, out});        // y = x·Wᵀ
            if (l > 0) {
                products.add(new int[] {0, 0, batch, out, in});    // dx = dy·W (none for the data)
            }
            products.add(new int[] {1, 0, out, batch, in});        // dW = dyᵀ·x
        }
        int largest = products.stream().mapToInt(p -> Math.max(p[2] * p[3], Math.max(p[3] * p[4], p[2] * p[4])))
                .max().orElse(1);
        Random rnd = new Random(0);
        float[] a = new float[largest], b = new float[largest], c = new float[largest];
        for (int i = 0; i < largest; i++) {
            a[i] = (float) rnd.nextGaussian();
            b[i] = (float) rnd.nextGaussian();
        }
        System.out.printf("MLP %s at batch %d; SIMD %s, %d-bit vectors, %d kernel thread(s); %s%n",
                Arrays.toString(sizes), batch, KernelParameters.simd(),
                KernelParameters.simd() ? KernelParameters.vectorBits() : 0,
                KernelParameters.threads(), System.getProperty("java.vm.version"));
        System.out.println("| product | m × k × n | µs | GFLOP/s |");
        System.out.println("|---|---|---|---|");
        double total = 0;
        for (int[] p : products) {
            boolean ta = p[0] == 1, tb = p[1] == 1;
            int m = p[2], k = p[3], n = p[4];
            int calls = (int) Math.max(20, 5e6 / ((long) m * k * n));
            for (int warm = 0; warm < 30; warm++) {   // past the JIT's compilation, then measured
                run(ta, tb, a, b, c, m, k, n, calls);
            }
            double[] us = new double[15];
            for (int r = 0; r < us.length; r++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                run(ta, tb, a, b, c, m, k, n, calls);
                us[r] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e3 / calls;
            }
            Arrays.sort(us);
            double median = us[us.length / 2];
            total += median;
            System.out.printf("| %s%s | %d × %d × %d | %.2f | %.1f |%n", ta ? "T" : "N", tb ? "T" : "N", m, k, n,
                    median, 2.0 * m * k * n / median / 1e3);
        }
        System.out.printf("| all | | %.1f | |%n", total);
    }

    private static void run(boolean ta, boolean tb, float[] a, float[] b, float[] c, int m, int k, int n, int calls) {
        for (int i = 0; i < calls; i++) {
            MatMul.matmul(ta, tb, a, 0, b, 0, c, 0, m, k, n, false);
        }
    }
}
