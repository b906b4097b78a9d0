package jgrad.spark;

import java.util.Objects;
import jgrad.optim.Adam;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Optimizer;
import jgrad.optim.ParameterGroup;
import jgrad.optim.SGD;

/**
 * The settings of one data-parallel run: the network, the optimizer and its learning rate, the
 * global batch size, the epochs, the seed (initial weights and batch order), and the shard count,
 * which fixes the order of the gradient sum (see {@link Shard}). Immutable; the {@code with}
 * methods return changed copies.
 *
 * <pre>{@code
 * TrainConfig cfg = new TrainConfig(spec).withOptimizer("adam", 0.01).withBatchSize(256).withEpochs(5);
 * }</pre>
 */
public final class TrainConfig {
    /** The optimizers: Adam (PyTorch's defaults but the learning rate) and plain SGD. */
    public static final String[] OPTIMIZERS = {"adam", "sgd"};

    final ModelSpec spec;
    final String optimizer;
    final double learningRate;
    final int batchSize;
    final int epochs;
    final long seed;
    final int shards;
    final TaskHook hook;
    final String schedule;

    /** Adam at 0.001, batch 32, 10 epochs, seed 0, 16 shards. */
    public TrainConfig(ModelSpec spec) {
        this(spec, "adam", 0.001, 32, 10, 0, 16, TaskHook.NONE, "constant");
    }

    /** The learning-rate schedules: constant, or cosine from the learning rate to 0 over the run. */
    public static final String[] SCHEDULES = {"constant", "cosine"};

    private TrainConfig(ModelSpec spec, String optimizer, double learningRate, int batchSize, int epochs, long seed,
            int shards, TaskHook hook, String schedule) {
        this.schedule = ModelSpec.oneOf("schedule", schedule, SCHEDULES);
        this.spec = Objects.requireNonNull(spec, "spec");
        this.optimizer = ModelSpec.oneOf("optimizer", optimizer, OPTIMIZERS);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("jgrad-spark: learningRate must be finite and > 0, got " + learningRate);
        }
        if (batchSize < 1 || epochs < 0 || shards < 1) {
            throw new IllegalArgumentException("jgrad-spark: need batchSize >= 1, epochs >= 0 and shards >= 1, got "
                    + batchSize + ", " + epochs + ", " + shards);
        }
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.seed = seed;
        this.shards = shards;
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /** The network. */
    public ModelSpec spec() {
        return spec;
    }

    /** With another optimizer ("adam" or "sgd") and learning rate. */
    public TrainConfig withOptimizer(String name, double lr) {
        return new TrainConfig(spec, name, lr, batchSize, epochs, seed, shards, hook, schedule);
    }

    /** With another global batch size. */
    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(spec, optimizer, learningRate, b, epochs, seed, shards, hook, schedule);
    }

    /** With another epoch count. */
    public TrainConfig withEpochs(int e) {
        return new TrainConfig(spec, optimizer, learningRate, batchSize, e, seed, shards, hook, schedule);
    }

    /** With another seed. */
    public TrainConfig withSeed(long s) {
        return new TrainConfig(spec, optimizer, learningRate, batchSize, epochs, s, shards, hook, schedule);
    }

    /** With another shard count (the unit of the ordered gradient sum). */
    public TrainConfig withShards(int s) {
        return new TrainConfig(spec, optimizer, learningRate, batchSize, epochs, seed, s, hook, schedule);
    }

    /** With a task hook (tests: fault injection). */
    public TrainConfig withHook(TaskHook h) {
        return new TrainConfig(spec, optimizer, learningRate, batchSize, epochs, seed, shards, h, schedule);
    }

    /** With a learning-rate schedule: "constant" (the default) or "cosine" (to 0 at the last step). */
    public TrainConfig withSchedule(String name) {
        return new TrainConfig(spec, optimizer, learningRate, batchSize, epochs, seed, shards, hook, name);
    }

    /** The learning rate of step {@code k} of {@code total}. */
    double learningRate(int k, int total) {
        return schedule.equals("cosine") ? LearningRateSchedule.cosine(learningRate, 0, total).learningRate(k)
                : learningRate;
    }

    /** A fresh optimizer of this configuration over {@code params}. */
    Optimizer newOptimizer(ParameterGroup params) {
        return optimizer.equals("sgd") ? new SGD(params, learningRate, 0, 0)
                : new Adam(params, learningRate, 0.9, 0.999, 1e-8, 0);
    }
}
