package jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import jgrad.engine.CompiledGraph;
import jgrad.engine.Value;

/**
 * A rough timer for A/B experiments on a busy machine: the median of this thread's CPU time per
 * run, which other processes on the same cores disturb much less than wall-clock time (caches and
 * frequency are still shared). The figures in docs/benchmarks.md come from JMH; this is for
 * deciding quickly between two versions of the engine.
 * {@code java -cp jgrad-bench/target/benchmarks.jar jgrad.bench.QuickTimer [seconds]}
 */
public final class QuickTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private QuickTimer() {
    }

    /** Prints median CPU times per step; see the class comment for the arguments. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        MoonsDemo demo = new MoonsDemo(MoonsData.load());
        demo.verify();
        time("moons step, rebuild", seconds, k -> demo.step(k % 100));
        demo.reset();
        CompiledGraph compiled = CompiledGraph.compile(demo.loss());
        time("moons step, compiled", seconds, k -> {
            double loss = compiled.forward();
            demo.zeroGrad();
            compiled.backward();
            demo.update(k % 100);
            return loss;
        });
        Value a = Value.of(0.5);
        Value b = Value.of(1.0);
        time("chain 1M, build", seconds, k -> ChainBenchmark.chain(a, b, ChainBenchmark.OPS).data());
        Value chain = ChainBenchmark.chain(a, b, ChainBenchmark.OPS);
        time("chain 1M, backward", seconds, k -> {
            chain.backward();
            return a.grad();
        });
    }

    private static void time(String what, double seconds, IntToDoubleFunction run) {
        double sink = 0;
        long end = System.nanoTime() + (long) (seconds * 0.4e9);
        int k = 0;
        while (System.nanoTime() < end) { // warm-up
            sink += run.applyAsDouble(k++);
        }
        double[] cpu = new double[100_000];
        int n = 0;
        end = System.nanoTime() + (long) (seconds * 0.6e9);
        while (System.nanoTime() < end && n < cpu.length) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            sink += run.applyAsDouble(k++);
            cpu[n++] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        Arrays.sort(cpu, 0, n);
        System.out.printf("%-24s median %9.3f ms CPU  (%d runs)%s%n", what, cpu[n / 2], n, sink == 42 ? " " : "");
    }
}
