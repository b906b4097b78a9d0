package jgrad.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jgrad.engine.Value;
import jgrad.nn.MLP;

/**
 * The moons demo as a learner writes it: {@link MLP#forward(double...)} per example, the max-margin
 * loss and the L2 term by hand, {@code zeroGrad}, {@code backward}, the SGD update, no
 * {@code CompiledGraph}. Run in a fresh JVM with default flags, it times every step with the wall
 * clock, from the first: JIT warm-up and the collector's start are part of what a learner sees.
 * It prints each step and, last, {@code median-ms WALL CPU} over the 40 steps after 5 warm-up
 * steps: wall-clock time, and the main thread's CPU time, which a busy machine disturbs less.
 * {@code java -cp jgrad-bench/target/benchmarks.jar jgrad.bench.LearnersLoop}; {@link SameRunRace}
 * runs it in a fresh JVM beside Python micrograd.
 *
 * <p>The starting parameters are micrograd's (the demo's fixture), so that every loss can be
 * checked against the reference; a learner's own random start costs the same per step.
 */
public final class LearnersLoop {
    /** Steps timed but not counted, then steps counted. */
    static final int WARMUP = 5;
    static final int STEPS = 40;

    private LearnersLoop() {
    }

    /** Runs the loop; see the class comment. */
    public static void main(String[] args) {
        MoonsData data = MoonsData.load();
        double[][] x = data.x;
        double[] y = data.y;
        double[] ms = new double[WARMUP + STEPS];
        double[] cpu = new double[WARMUP + STEPS];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();

        // ---- the learner's code, as in the README's demo
        MLP model = new MLP(new Random(0), 2, 16, 16, 1);
        model.setParameterData(data.initialParameters);
        for (int k = 0; k < WARMUP + STEPS; k++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            List<Value> losses = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                Value score = model.forward(x[i]).get(0);
                losses.add(score.mul(-y[i]).add(1).relu());         // max-margin: relu(1 - y * score)
            }
            Value dataLoss = Value.of(0);
            for (Value l : losses) {
                dataLoss = dataLoss.add(l);
            }
            dataLoss = dataLoss.mul(1.0 / losses.size());
            Value reg = Value.of(0);
            for (Value p : model.parameters()) {
                reg = reg.add(p.mul(p));
            }
            Value loss = dataLoss.add(reg.mul(1e-4));               // + alpha * sum(p * p)
            model.zeroGrad();
            loss.backward();
            double learningRate = 1.0 - 0.9 * k / 100;
            for (Value p : model.parameters()) {
                p.setData(p.data() - learningRate * p.grad());
            }
            // ---- end of the learner's code
            ms[k] = (System.nanoTime() - t0) / 1e6;
            cpu[k] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            check(k, loss.data(), data.losses[k]);
        }
        for (int k = 0; k < ms.length; k++) {   // printed afterwards: no formatting code to JIT mid-run
            System.out.printf("step %d %.3f ms (CPU %.3f ms) loss %.12f%n", k, ms[k], cpu[k], data.losses[k]);
        }
        System.out.printf("median-ms %.4f %.4f%n", median(Arrays.copyOfRange(ms, WARMUP, WARMUP + STEPS)),
                median(Arrays.copyOfRange(cpu, WARMUP, WARMUP + STEPS)));
    }

    static void check(int k, double loss, double reference) {
        if (Math.abs(loss - reference) > 1e-9 * Math.max(1, Math.abs(reference))) {
            throw new IllegalStateException("moons step " + k + ": loss " + loss
                    + " differs from micrograd's " + reference);
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
