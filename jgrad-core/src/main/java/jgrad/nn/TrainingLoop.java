package jgrad.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import jgrad.data.Dataset;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Optimizer;

/**
 * What every jgrad training loop shares, whatever computes its loss: the settings (L2, schedule,
 * batch size, the {@code Random} that orders batches, the listener), the step counter, and the
 * epoch loop. {@link Trainer} builds a scalar graph per batch; {@code jgrad.tensor.nn.TensorTrainer}
 * runs one tensor forward pass. Both report {@link Trainer.Step}s and {@link Trainer.Epoch}s.
 *
 * <p>Each epoch visits every row once in batches of {@link #batchSize(int)}, in an order drawn from
 * the trainer's {@code Random}; a batch as large as the data (the default) is the whole data in its
 * order, micrograd's full batch.
 *
 * @param <T> the concrete trainer, so that the setters chain
 */
public abstract class TrainingLoop<T extends TrainingLoop<T>> {
    /** The loss every step minimises. */
    protected final ClassificationLoss loss;
    /** The optimizer that updates the model's parameters. */
    protected final Optimizer optimizer;
    /** The L2 coefficient alpha in {@code alpha · sum(p²)}; 0 for none. */
    protected double l2;
    private LearningRateSchedule schedule;
    private int batchSize = Integer.MAX_VALUE;
    private Random rng = new Random(0);
    private Trainer.Listener listener = new Trainer.Listener() { };
    private int step;

    /** One optimizer step on some rows of the training data. */
    @FunctionalInterface
    protected interface BatchStep {
        /** Trains on {@code rows} and returns what the step saw; {@code epoch} is only reported. */
        Trainer.Step apply(int[] rows, int epoch);
    }

    /** A loop minimising {@code loss} with {@code optimizer}; the settings start at their defaults. */
    protected TrainingLoop(ClassificationLoss loss, Optimizer optimizer) {
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    private String name() {
        return getClass().getSimpleName();
    }

    /** Adds {@code alpha · sum(p²)} over the model's parameters to the loss (default 0). */
    public T l2(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException(name() + ".l2: alpha must be finite and >= 0, got " + alpha);
        }
        this.l2 = alpha;
        return self();
    }

    /** Sets the learning rate before every step from {@code schedule} (default: keep the optimizer's). */
    public T schedule(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return self();
    }

    /** Examples per step (default: all, a full batch). @throws IllegalArgumentException if below 1 */
    public T batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(name() + ".batchSize: must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return self();
    }

    /** The generator that orders mini-batches (default {@code new Random(0)}). */
    public T random(Random rng) {
        this.rng = Objects.requireNonNull(rng, "rng");
        return self();
    }

    /** Receives a call after every step and epoch. */
    public T listener(Trainer.Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /** The number of steps taken so far; the next step's index, which the schedule sees. */
    public int stepCount() {
        return step;
    }

    /** The number of steps one epoch over {@code rows} rows takes. */
    public int stepsPerEpoch(int rows) {
        return rows == 0 ? 0 : (rows + Math.min(batchSize, rows) - 1) / Math.min(batchSize, rows);
    }

    /** Whether a batch of this trainer covers all {@code n} rows in their order. */
    protected boolean fullBatch(int n) {
        return batchSize >= n;
    }

    /** Sets and returns the learning rate of the step about to be taken. */
    protected double startStep() {
        double lr = optimizer.learningRate();
        if (schedule != null) {
            lr = schedule.learningRate(step);
            optimizer.setLearningRate(lr);
        }
        return lr;
    }

    /**
     * Records a finished step (loss and accuracy before the update) and tells the listener.
     *
     * @throws ArithmeticException if the loss is NaN or infinite: training has diverged, and every
     *     further step would only carry the NaN on
     */
    protected Trainer.Step finishStep(int epoch, double lr, int batch, double batchLoss, double accuracy) {
        if (!Double.isFinite(batchLoss)) {
            throw new ArithmeticException(name() + ": training diverged at step " + step + " (loss " + batchLoss
                    + ", learning rate " + lr + "); lower the learning rate, or check the data for huge or"
                    + " missing values");
        }
        Trainer.Step s = new Trainer.Step(step, epoch, lr, batch, batchLoss, accuracy);
        step++;
        listener.onStep(s);
        return s;
    }

    /**
     * The epoch loop: {@code epochs} passes over {@code n} rows in batches, each trained by
     * {@code train}; {@code validation} (null for none) is measured after each epoch.
     */
    protected List<Trainer.Epoch> runEpochs(int n, int epochs, BatchStep train,
            Supplier<Trainer.Metrics> validation) {
        if (epochs < 0) {
            throw new IllegalArgumentException(name() + ".fit: epochs must be >= 0, got " + epochs);
        }
        List<Trainer.Epoch> history = new ArrayList<>(epochs);
        for (int e = 0; e < epochs; e++) {
            double lossSum = 0;
            double accSum = 0;
            for (int[] batch : batches(n)) {
                Trainer.Step s = train.apply(batch, e);
                lossSum += s.loss() * batch.length;
                accSum += s.accuracy() * batch.length;
            }
            Trainer.Metrics val = validation == null ? null : validation.get();
            Trainer.Epoch epoch = new Trainer.Epoch(e, step, new Trainer.Metrics(lossSum / n, accSum / n), val);
            history.add(epoch);
            listener.onEpoch(epoch);
        }
        return history;
    }

    /** One epoch's batches of row indices. */
    private List<int[]> batches(int n) {
        if (batchSize >= n) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return List.of(all);
        }
        int[] order = Dataset.permutation(n, rng);
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            out.add(Arrays.copyOfRange(order, start, Math.min(n, start + batchSize)));
        }
        return out;
    }
}
