package jgrad.spark;

import java.util.ArrayList;
import java.util.List;
import jgrad.optim.Optimizer;

/**
 * The driver's loop, shared by the Spark trainer and the single-process reference: for each
 * batch of the {@link BatchPlan}, ask the backend for the per-shard sums (in shard order), add
 * them in that order, divide by the global count and take one optimizer step.
 */
abstract class StepRunner {
    /** Per-shard results of one step, sorted by shard id. */
    abstract List<ShardResult> shardSums(double[] params, int[] batch, int step);

    /** Runs {@code cfg} over {@code n} rows and returns the trained parameters and the history. */
    final TrainResult run(TrainConfig cfg, int n, TrainResult.Listener listener) {
        FlatParameters params = new FlatParameters(cfg.spec, TensorBridge.initialParameters(cfg.spec, cfg.seed));
        Optimizer opt = cfg.newOptimizer(params);
        BatchPlan plan = new BatchPlan(n, cfg.batchSize, cfg.seed);
        List<TrainResult.Epoch> history = new ArrayList<>();
        int step = 0;
        int total = cfg.epochs * ((n + Math.min(cfg.batchSize, n) - 1) / Math.min(cfg.batchSize, n));
        for (int e = 0; e < cfg.epochs; e++) {
            double lossSum = 0;
            long t0 = System.nanoTime();
            for (int[] batch : plan.nextEpoch()) {
                ShardResult sum = ShardResult.sumInOrder(shardSums(params.values(), batch, step), params.size());
                if (sum.count() != batch.length) {
                    throw new IllegalStateException("jgrad-spark: step " + step + " summed " + sum.count()
                            + " rows for a batch of " + batch.length + "; a shard is missing");
                }
                if (!Double.isFinite(sum.lossSum())) {
                    throw new ArithmeticException("jgrad-spark: training diverged at step " + step + " (loss "
                            + sum.lossSum() / sum.count() + "); lower the learning rate");
                }
                params.setMeanGradient(sum.grad(), sum.count());
                opt.setLearningRate(cfg.learningRate(step, total));
                opt.step();
                lossSum += sum.lossSum();
                step++;
            }
            TrainResult.Epoch ep = new TrainResult.Epoch(e, step, lossSum / n, (System.nanoTime() - t0) / 1e9);
            history.add(ep);
            if (listener != null) {
                listener.onEpoch(ep, params.values());
            }
        }
        return new TrainResult(params.values(), history);
    }
}
