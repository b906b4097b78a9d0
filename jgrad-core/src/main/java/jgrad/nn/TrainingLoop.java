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
    /** What every step minimises: a classification or a regression objective. */
    protected final Objective objective;
    /** The classification loss every step minimises; null for a regression objective. */
    protected final ClassificationLoss loss;
    /** The regression objective; null for classification. */
    protected final Objective.Regression regression;
    /** The optimizer that updates the model's parameters. */
    protected final Optimizer optimizer;
    /** The L2 coefficient alpha in {@code alpha · sum(p²)}; 0 for none. */
    protected double l2;
    private LearningRateSchedule schedule;
    private int batchSize = Integer.MAX_VALUE;
    private Random rng = new Random(0);
    private Trainer.Listener listener = new Trainer.Listener() { };
    private int step;
    private int patience;
    private boolean measureAfterEpoch;
    private int keptEpoch = -1;
    private boolean stoppedEarly;

    /** One optimizer step on some rows of the training data. */
    @FunctionalInterface
    protected interface BatchStep {
        /** Trains on {@code rows} and returns what the step saw; {@code epoch} is only reported. */
        Trainer.Step apply(int[] rows, int epoch);
    }

    /** A loop minimising {@code loss} with {@code optimizer}; the settings start at their defaults. */
    protected TrainingLoop(ClassificationLoss loss, Optimizer optimizer) {
        this(Objective.classification(Objects.requireNonNull(loss, "loss")), optimizer);
    }

    /** A loop minimising {@code objective} (classification or regression) with {@code optimizer}. */
    protected TrainingLoop(Objective objective, Optimizer optimizer) {
        this.objective = Objects.requireNonNull(objective, "objective");
        this.loss = objective instanceof Objective.Classification c ? c.loss() : null;
        this.regression = objective instanceof Objective.Regression r ? r : null;
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /** The objective this loop minimises. */
    public Objective objective() {
        return objective;
    }

    /**
     * Early stopping: after each epoch, if the validation loss has not improved on its best for
     * {@code epochs} epochs, training stops, and at the end the parameters of the epoch with the
     * lowest validation loss are restored ({@link #keptEpoch()}). 0 (the default) turns it off.
     * Needs validation data.
     */
    public T patience(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException(name() + ".patience: must be >= 0 (0 for none), got " + epochs);
        }
        this.patience = epochs;
        return self();
    }

    /**
     * Whether each epoch's training metrics are measured on all training rows after the epoch
     * (true), so that they are the model's metrics at that point, the same numbers a later
     * {@code evaluate} gives; or (false, the default, micrograd's printout) averaged over the
     * epoch's steps, each measured before its update, which costs nothing extra.
     */
    public T measureAfterEpoch(boolean enabled) {
        this.measureAfterEpoch = enabled;
        return self();
    }

    /**
     * The epoch (from 0) whose parameters the model holds after the last {@code fit}: the last
     * epoch, or with {@link #patience(int)} the one with the lowest validation loss; -1 before any.
     */
    public int keptEpoch() {
        return keptEpoch;
    }

    /** Whether the last {@code fit} stopped before its last epoch because of {@link #patience(int)}. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** A copy of every parameter's value, in a fixed order, for early stopping. */
    protected abstract double[] saveParameters();

    /** Puts back values from {@link #saveParameters()}. */
    protected abstract void restoreParameters(double[] values);

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
            Supplier<Trainer.Metrics> trainMetrics, Supplier<Trainer.Metrics> validation) {
        if (epochs < 0) {
            throw new IllegalArgumentException(name() + ".fit: epochs must be >= 0, got " + epochs);
        }
        if (patience > 0 && validation == null) {
            throw new IllegalArgumentException(name() + ".fit: patience " + patience + " watches the validation loss,"
                    + " but there is no validation data; give validation rows or set patience(0)");
        }
        List<Trainer.Epoch> history = new ArrayList<>(epochs);
        stoppedEarly = false;
        keptEpoch = -1;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        double[] bestParameters = null;
        for (int e = 0; e < epochs; e++) {
            double lossSum = 0;
            double accSum = 0;
            for (int[] batch : batches(n)) {
                Trainer.Step s = train.apply(batch, e);
                lossSum += s.loss() * batch.length;
                accSum += s.accuracy() * batch.length;
            }
            Trainer.Metrics trained = measureAfterEpoch ? trainMetrics.get()
                    : new Trainer.Metrics(lossSum / n, accSum / n);
            Trainer.Metrics val = validation == null ? null : validation.get();
            Trainer.Epoch epoch = new Trainer.Epoch(e, step, trained, val);
            history.add(epoch);
            keptEpoch = e;
            listener.onEpoch(epoch);
            if (patience > 0) {
                if (val.loss() < best) {
                    best = val.loss();
                    bestEpoch = e;
                    bestParameters = saveParameters();
                } else if (e - bestEpoch >= patience) {
                    stoppedEarly = e < epochs - 1;
                    break;
                }
            }
        }
        if (patience > 0 && bestParameters != null && bestEpoch != keptEpoch) {
            restoreParameters(bestParameters);
            keptEpoch = bestEpoch;
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
