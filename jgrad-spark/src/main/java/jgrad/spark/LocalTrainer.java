package jgrad.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-process reference of {@link SparkTrainer}: the same shards, batches, per-shard sums
 * and shard-ordered reduction, computed in this thread without Spark. With the same data and
 * {@link TrainConfig} both give the same parameters bit for bit; this is what the equivalence and
 * fault tests compare against.
 *
 * <pre>{@code
 * TrainResult r = LocalTrainer.fit(cfg, x, y);   // x: n rows of features, y: n targets
 * }</pre>
 */
public final class LocalTrainer {
    private LocalTrainer() {
    }

    /**
     * Trains on rows {@code x} with targets {@code y} (class indices for cross-entropy).
     *
     * @throws IllegalArgumentException if the data is empty, ragged, or does not fit the spec
     */
    public static TrainResult fit(TrainConfig cfg, double[][] x, double[] y) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("LocalTrainer: need as many targets as rows (and at least one row), got "
                    + n + " rows and " + y.length + " targets");
        }
        int d = cfg.spec.inputs();
        long[] bounds = Shard.bounds(n, cfg.shards);
        List<Shard> shards = new ArrayList<>();
        for (int k = 0; k < cfg.shards; k++) {
            int lo = (int) bounds[k], hi = (int) bounds[k + 1];
            double[] sx = new double[(hi - lo) * d], sy = new double[hi - lo];
            for (int i = lo; i < hi; i++) {
                if (x[i].length != d) {
                    throw new IllegalArgumentException("LocalTrainer: row " + i + " has " + x[i].length
                            + " features, the network takes " + d);
                }
                System.arraycopy(x[i], 0, sx, (i - lo) * d, d);
                sy[i - lo] = y[i];
            }
            shards.add(new Shard(k, lo, hi - lo, d, sx, sy));
        }
        TensorBridge net = new TensorBridge(cfg.spec);
        StepRunner runner = new StepRunner() {
            @Override
            List<ShardResult> shardSums(double[] params, int[] batch, int step) {
                net.setParameters(params);
                List<ShardResult> out = new ArrayList<>();
                for (Shard s : shards) {
                    ShardResult r = s.step(net, batch);
                    if (r != null) {
                        out.add(r);
                    }
                }
                return out;
            }
        };
        return runner.run(cfg, n, null);
    }
}
