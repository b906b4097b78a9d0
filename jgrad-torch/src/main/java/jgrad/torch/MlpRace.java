package jgrad.torch;

import java.util.Locale;
import jgrad.tensor.kernel.KernelParameters;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.pytorch.global.torch;

/**
 * Training steps per second of the same float32 MLPs ({@link MlpPair}) in jgrad and in libtorch,
 * in one JVM, with the same thread count: 784-256-256-10 at batch 128, micrograd's 2-16-16-1 at
 * batch 100 and 784-128-10 at batch 32. A step is forward, backward, SGD update and zeroing the
 * gradients. Run by {@link KernelRace} (one command, see {@code docs/benchmarks-tensor.md}), or
 * alone with {@code KernelRace <window ms> mlp}.
 *
 * <pre>{@code
 * MlpRace.table(250_000_000L);   // prints the markdown table
 * }</pre>
 */
public final class MlpRace {
    private MlpRace() {
    }

    /** Prints the table, timing each library with best-of-5 windows of {@code windowNanos}. */
    public static void table(long windowNanos) {
        int[][] models = {{784, 256, 256, 10}, {2, 16, 16, 1}, {784, 128, 10}};
        int[] batches = {128, 100, 32};
        System.out.println("MLP training steps per second (forward, backward, SGD update), float32:");
        System.out.println();
        System.out.println("| model | batch | threads | jgrad steps/s | libtorch steps/s | jgrad / libtorch |");
        System.out.println("|---|---|---|---|---|---|");
        for (int threads = 1; threads <= 2; threads++) {
            KernelParameters.setThreads(threads);
            torch.set_num_threads(threads);
            openblas.blas_set_num_threads(threads);
            for (int m = 0; m < models.length; m++) {
                MlpPair pair = new MlpPair(models[m], batches[m], 0.01, 7 + m);
                double jgrad = 1 / KernelRace.best(pair::jgradStep, windowNanos);
                double libtorch = 1 / KernelRace.best(pair::torchStep, windowNanos);
                StringBuilder name = new StringBuilder();
                for (int s : models[m]) {
                    name.append(name.length() == 0 ? "" : "-").append(s);
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f | %.2f |%n",
                        name, batches[m], threads, jgrad, libtorch, jgrad / libtorch);
            }
        }
        System.out.println();
    }
}
