package jgrad.tensor.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * The shared pool the kernels split work over. Chunk 0 runs on the calling thread, the others on a
 * {@link ForkJoinPool} of daemon threads sized by {@link KernelParameters#threads()}; a change of
 * the thread count replaces the pool at the next call.
 */
final class Parallel {
    private static ForkJoinPool pool;

    private Parallel() {
    }

    /** Runs {@code body.accept(c)} for every chunk {@code c} below {@code chunks} and waits for all. */
    static void forEach(int chunks, IntConsumer body) {
        if (chunks <= 1) {
            if (chunks == 1) {
                body.accept(0);
            }
            return;
        }
        ForkJoinPool p = pool();
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int chunk = c;
            tasks[c - 1] = p.submit(() -> body.accept(chunk));
        }
        body.accept(0);
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }

    private static synchronized ForkJoinPool pool() {
        int wanted = Math.max(1, KernelParameters.threads() - 1);
        if (pool == null || pool.getParallelism() != wanted) {
            if (pool != null) {
                pool.shutdown();
            }
            // Common-pool-style workers are daemon threads: the pool never keeps the JVM alive.
            pool = new ForkJoinPool(wanted);
        }
        return pool;
    }
}
