package jgrad.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Synchronous data-parallel training with PyTorch DDP's semantics on Spark: the driver holds the
 * parameters and the optimizer; each step sends the parameters out (in the task closure, or as a
 * broadcast above {@link #BROADCAST_ABOVE} scalars), each partition computes the summed loss and
 * gradient of its shards' part of the global batch, the driver collects the results by partition
 * and adds them in shard order, divides by the batch size and takes one step of a jgrad
 * {@code Optimizer}.
 *
 * <p>Rows are numbered by {@code zipWithIndex} (the RDD's order), cut into
 * {@link TrainConfig#withShards contiguous shards}, and shards are spread over the partitions in
 * ranges. The result does not depend on the number of partitions, of executors, or on which task
 * finishes first: it equals {@link LocalTrainer}'s bit for bit.
 *
 * <pre>{@code
 * JavaRDD<double[]> rows = ...;                   // features then the target, per row
 * TrainResult r = new SparkTrainer(jsc).fit(cfg, rows);
 * }</pre>
 */
public final class SparkTrainer {
    /** Models with more scalars than this travel as a broadcast, smaller ones in the closure. */
    public static final int BROADCAST_ABOVE = 1 << 16;

    private final JavaSparkContext sc;
    private int partitions;
    private TrainResult.Listener listener;

    /** A trainer on {@code sc}, with {@code sc.defaultParallelism()} partitions. */
    public SparkTrainer(JavaSparkContext sc) {
        this.sc = sc;
        this.partitions = sc.defaultParallelism();
    }

    /** Sets the number of partitions the shards are spread over (the result does not change). */
    public SparkTrainer partitions(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("SparkTrainer.partitions: must be >= 1, got " + p);
        }
        this.partitions = p;
        return this;
    }

    /** Sets a listener called on the driver after each epoch. */
    public SparkTrainer listener(TrainResult.Listener l) {
        this.listener = l;
        return this;
    }

    /**
     * Trains on {@code rows}, each the features followed by the target (a class index for
     * cross-entropy). Checks on the data (lengths, finiteness, labels) belong to the caller:
     * {@link InputCheck} does them for DataFrames.
     *
     * @throws IllegalArgumentException if there are no rows or more than {@code Integer.MAX_VALUE}
     */
    public TrainResult fit(TrainConfig cfg, JavaRDD<double[]> rows) {
        JavaRDD<Shard> shards = shards(cfg, rows);
        try {
            int n = (int) shards.map(s -> (long) s.rows).reduce(Long::sum).longValue();
            ModelSpec spec = cfg.spec;
            TaskHook hook = cfg.hook;
            StepRunner runner = new StepRunner() {
                @Override
                List<ShardResult> shardSums(double[] params, int[] batch, int step) {
                    Broadcast<double[]> bc = params.length > BROADCAST_ABOVE ? sc.broadcast(params) : null;
                    double[] inClosure = bc == null ? params : null;
                    List<List<ShardResult>> perPartition = shards.mapPartitionsWithIndex(
                            (Integer pid, Iterator<Shard> it) -> {
                                hook.beforeTask(pid, TaskContext.get().attemptNumber(), step);
                                TensorBridge net = TensorBridge.forThread(spec);
                                net.setParameters(bc == null ? inClosure : bc.value());
                                List<ShardResult> out = new ArrayList<>();
                                while (it.hasNext()) {
                                    ShardResult r = it.next().step(net, batch);
                                    if (r != null) {
                                        out.add(r);
                                    }
                                }
                                return List.<List<ShardResult>>of(out).iterator();
                            }, true).collect();
                    if (bc != null) {
                        bc.destroy();
                    }
                    // collect() returns partition 0's results first, then 1's, ...: partition order,
                    // and within a partition the shards come sorted, so this is shard order
                    List<ShardResult> ordered = new ArrayList<>();
                    perPartition.forEach(ordered::addAll);
                    return ordered;
                }
            };
            return runner.run(cfg, n, listener);
        } finally {
            shards.unpersist(false);
        }
    }

    /** The rows cut into shards, cached: shard k in partition {@code k * partitions / shards}. */
    JavaRDD<Shard> shards(TrainConfig cfg, JavaRDD<double[]> rows) {
        long n = rows.count();
        if (n == 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SparkTrainer: need between 1 and " + Integer.MAX_VALUE
                    + " rows, got " + n);
        }
        int shardCount = cfg.shards;
        long[] bounds = Shard.bounds(n, shardCount);
        int d = cfg.spec.inputs();
        JavaPairRDD<Long, double[]> indexed = rows.zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()));
        JavaRDD<Shard> shards = indexed
                .repartitionAndSortWithinPartitions(new ShardPartitioner(partitions, shardCount, bounds))
                .mapPartitions(it -> buildShards(it, bounds, d).iterator(), true);
        return shards.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static List<Shard> buildShards(Iterator<Tuple2<Long, double[]>> it, long[] bounds, int d) {
        List<Shard> out = new ArrayList<>();
        int current = -1;
        long first = 0;
        List<double[]> rows = new ArrayList<>();
        while (it.hasNext()) {
            Tuple2<Long, double[]> t = it.next();
            int k = Shard.shardOf(bounds, t._1());
            if (k != current) {
                if (current >= 0) {
                    out.add(shard(current, first, rows, d));
                }
                current = k;
                first = t._1();
                rows = new ArrayList<>();
            }
            rows.add(t._2());
        }
        if (current >= 0) {
            out.add(shard(current, first, rows, d));
        }
        return out;
    }

    private static Shard shard(int id, long first, List<double[]> rows, int d) {
        double[] x = new double[rows.size() * d], y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            if (r.length != d + 1) {
                throw new IllegalArgumentException("SparkTrainer: row " + (first + i) + " has " + (r.length - 1)
                        + " features, the network takes " + d);
            }
            System.arraycopy(r, 0, x, i * d, d);
            y[i] = r[d];
        }
        return new Shard(id, first, rows.size(), d, x, y);
    }

    /** Sends global row i to the partition of its shard: shard k to partition k * partitions / shards. */
    static final class ShardPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;
        private final int shards;
        private final long[] bounds;

        ShardPartitioner(int partitions, int shards, long[] bounds) {
            this.partitions = partitions;
            this.shards = shards;
            this.bounds = bounds;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) ((long) Shard.shardOf(bounds, (Long) key) * partitions / shards);
        }
    }
}
