package jgrad.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import jgrad.data.Dataset;
import jgrad.engine.CompiledGraph;
import jgrad.engine.Value;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;

/**
 * A small training loop for classifiers: mini-batches, a loss, L2 regularisation, an optimizer,
 * a learning-rate schedule, accuracy, and a {@link Listener} to show progress.
 *
 * <p>One step on a batch is micrograd's: {@code zeroGrad}; build the loss graph
 * ({@link #lossGraph}); {@code backward}; {@link Optimizer#step()} with the schedule's rate for
 * this step. Each epoch visits every row once in batches of {@link #batchSize(int)}, in an order
 * drawn from the trainer's {@code Random}; a batch as large as the data (the default) is the
 * whole data in its order, micrograd's full batch. The reported loss and accuracy of a step are
 * those of its forward pass, before the update, as micrograd's demo prints them.
 *
 * <p>When the same batch comes back step after step (full-batch training) with the max-margin
 * loss, whose graph does not depend on the data, the trainer compiles the first step's graph into
 * a {@link CompiledGraph} and replays it instead of building it again: the same numbers bit for
 * bit. {@link #replay(boolean) replay(false)} turns that off.
 *
 * <pre>{@code
 * MLP model = new MLP(new Random(1337), 2, 16, 16, 1);
 * Trainer trainer = new Trainer(model, ClassificationLoss.MAX_MARGIN, new SGD(model.parameters(), 1.0))
 *         .l2(1e-4)
 *         .schedule(LearningRateSchedule.linear(1.0, 0.1, 100))
 *         .listener(new Trainer.Listener() {
 *             public void onStep(Trainer.Step s) { System.out.println(s); }
 *         });
 * trainer.fit(moons, null, 100);     // micrograd's demo: 100 full-batch steps
 * }</pre>
 */
public final class Trainer extends TrainingLoop<Trainer> {
    /** Examples per graph when evaluating, to bound memory on large sets. */
    private static final int EVAL_CHUNK = 256;

    private final MLP model;
    private boolean replay = true;
    /** The full-batch graph compiled for replay, and what it was built from; null until then. */
    private CompiledGraph compiled;
    private LossGraph compiledGraph;
    private Dataset compiledData;
    private int[] compiledRows;
    private double compiledL2;

    /**
     * Loss and score over some rows: for classification the accuracy ({@code regression} null);
     * for regression {@code accuracy} is NaN and {@code regression} holds MSE, RMSE, MAE and R²
     * in the targets' units.
     */
    public record Metrics(double loss, double accuracy, RegressionMetrics regression) {
        /** Classification metrics: a loss and an accuracy. */
        public Metrics(double loss, double accuracy) {
            this(loss, accuracy, null);
        }

        /** Whether these are regression metrics. */
        public boolean isRegression() {
            return regression != null;
        }
    }

    /** What one optimizer step saw: the loss and accuracy of its batch before the update. */
    public record Step(int step, int epoch, double learningRate, int batchSize, double loss, double accuracy) { }

    /**
     * The end of an epoch: {@code steps} is the number of steps taken since training began (the
     * trainer's {@code stepCount()}, not this epoch's); {@code train} averages this epoch's steps
     * (weighted by batch size); {@code validation} is measured after the epoch, or is null without
     * validation data.
     */
    public record Epoch(int epoch, int steps, Metrics train, Metrics validation) { }

    /** Receives progress; both methods do nothing unless overridden. */
    public interface Listener {
        /** After each optimizer step. */
        default void onStep(Step step) { }

        /** After each epoch. */
        default void onEpoch(Epoch epoch) { }
    }

    /** A batch's loss graph: the total loss (data loss plus L2) and the network's outputs. */
    public static final class LossGraph {
        private final Value loss;
        private final List<List<Value>> outputs;

        /** A loss node and the outputs it was computed from, one list per example. */
        public LossGraph(Value loss, List<List<Value>> outputs) {
            this.loss = loss;
            this.outputs = outputs;
        }

        /** The root to call {@code backward()} on. */
        public Value loss() {
            return loss;
        }

        /** The network's outputs, one list per example of the batch. */
        public List<List<Value>> outputs() {
            return outputs;
        }
    }

    /**
     * A trainer for {@code model}, which must have {@code loss.outputs(classes)} outputs;
     * {@code optimizer} must update {@code model.parameters()}.
     */
    public Trainer(MLP model, ClassificationLoss loss, Optimizer optimizer) {
        super(loss, optimizer);
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * A trainer for {@code model} on {@code objective}: classification as above, or regression,
     * for which the model has one output per target.
     */
    public Trainer(MLP model, Objective objective, Optimizer optimizer) {
        super(objective, optimizer);
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    protected double[] saveParameters() {
        return model.parameterData();
    }

    @Override
    protected void restoreParameters(double[] values) {
        model.setParameterData(values);
        compiled = null;
    }

    /**
     * Whether to replay a compiled graph while the batch repeats (default true). Replay gives the
     * numbers of rebuilding bit for bit; it applies only to the max-margin loss, whose graph has
     * the same shape for any data, and to batches that repeat exactly (full batch).
     */
    public Trainer replay(boolean enabled) {
        this.replay = enabled;
        this.compiled = null;
        return this;
    }

    /**
     * Trains for {@code epochs} epochs over {@code train}, measuring {@code validation} (may be
     * null or empty) after each epoch.
     *
     * @return one entry per epoch
     * @throws IllegalArgumentException if the data does not fit the model or the loss, or is empty
     */
    public List<Epoch> fit(Dataset train, Dataset validation, int epochs) {
        checkData(train, "training");
        if (validation != null && validation.size() > 0) {
            checkData(validation, "validation");
        }
        boolean validate = validation != null && validation.size() > 0;
        return runEpochs(train.size(), epochs, (rows, e) -> step(train, rows, e), () -> evaluate(train),
                validate ? () -> evaluate(validation) : null);
    }

    /** One optimizer step on the given rows of {@code data}; {@code epoch} is only reported. */
    public Step step(Dataset data, int[] rows, int epoch) {
        double lr = startStep();
        model.zeroGrad();
        LossGraph graph;
        if (compiled != null && data == compiledData && l2 == compiledL2 && Arrays.equals(rows, compiledRows)) {
            graph = compiledGraph;
            compiled.forward();
            compiled.backward();
            compiled.writeBack(); // the outputs' data, for the accuracy
        } else {
            graph = lossGraph(data, rows);
            graph.loss().backward();
            compiled = null;
            if (replay && loss == ClassificationLoss.MAX_MARGIN && rows.length == data.size()) {
                compiled = CompiledGraph.compile(graph.loss());
                compiledGraph = graph;
                compiledData = data;
                compiledRows = rows.clone();
                compiledL2 = l2;
            }
        }
        optimizer.step();
        return finishStep(epoch, lr, rows.length, graph.loss().data(),
                regression != null ? Double.NaN : accuracy(graph.outputs(), data, rows));
    }

    /**
     * Builds the loss graph for the given rows of {@code data}: the network's outputs on each row,
     * the loss's mean over them, plus {@code alpha · sum(p²)} when L2 is on. This is the one
     * place that builds a training graph; a faster way to compute the same loss and gradients can
     * replace it.
     */
    public LossGraph lossGraph(Dataset data, int[] rows) {
        List<List<Value>> outputs = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            outputs.add(model.forward(data.features(rows[i])));
        }
        Value total = dataLoss(outputs, data, rows);
        if (l2 > 0) {
            total = total.add(Losses.l2(model.parameters(), l2));
        }
        return new LossGraph(total, outputs);
    }

    /**
     * The loss (with L2, as in training) and the accuracy of the model on all of {@code data},
     * without changing any parameter or gradient that matters (gradients are not computed).
     */
    public Metrics evaluate(Dataset data) {
        checkData(data, "evaluation");
        if (regression != null) {
            return evaluateRegression(data);
        }
        double lossSum = 0;
        int correct = 0;
        for (int start = 0; start < data.size(); start += EVAL_CHUNK) {
            int[] rows = new int[Math.min(EVAL_CHUNK, data.size() - start)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = start + i;
            }
            List<List<Value>> outputs = new ArrayList<>(rows.length);
            int[] labels = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                outputs.add(model.forward(data.features(rows[i])));
                labels[i] = data.label(rows[i]);
                if (ClassificationLoss.predict(outputs.get(i)) == labels[i]) {
                    correct++;
                }
            }
            lossSum += loss.loss(outputs, labels).data() * rows.length;
        }
        double reg = l2 > 0 ? Losses.l2(model.parameters(), l2).data() : 0;
        return new Metrics(lossSum / data.size() + reg, (double) correct / data.size());
    }

    /** The mean data loss of the rows' outputs under the objective. */
    private Value dataLoss(List<List<Value>> outputs, Dataset data, int[] rows) {
        if (regression != null) {
            double[][] targets = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                targets[i] = data.target(rows[i]);
            }
            return regression.loss().loss(outputs, targets);
        }
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = data.label(rows[i]);
        }
        return loss.loss(outputs, labels);
    }

    private Metrics evaluateRegression(Dataset data) {
        double lossSum = 0;
        double[][] truth = new double[data.size()][];
        double[][] predicted = new double[data.size()][];
        for (int start = 0; start < data.size(); start += EVAL_CHUNK) {
            int[] rows = new int[Math.min(EVAL_CHUNK, data.size() - start)];
            List<List<Value>> outputs = new ArrayList<>(rows.length);
            for (int i = 0; i < rows.length; i++) {
                rows[i] = start + i;
                List<Value> out = model.forward(data.features(rows[i]));
                outputs.add(out);
                double[] p = new double[out.size()];
                for (int j = 0; j < p.length; j++) {
                    p[j] = out.get(j).data();
                }
                predicted[rows[i]] = regression.toTargetUnits(p);
                truth[rows[i]] = regression.toTargetUnits(data.target(rows[i]));
            }
            lossSum += dataLoss(outputs, data, rows).data() * rows.length;
        }
        double reg = l2 > 0 ? Losses.l2(model.parameters(), l2).data() : 0;
        return new Metrics(lossSum / data.size() + reg, Double.NaN, RegressionMetrics.of(truth, predicted));
    }

    private static double accuracy(List<List<Value>> outputs, Dataset data, int[] rows) {
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            if (ClassificationLoss.predict(outputs.get(i)) == data.label(rows[i])) {
                correct++;
            }
        }
        return (double) correct / rows.length;
    }

    private void checkData(Dataset data, String what) {
        Objects.requireNonNull(data, what + " data");
        if (data.size() == 0) {
            throw new IllegalArgumentException("Trainer: the " + what + " data is empty");
        }
        if (data.featureCount() != model.inputs()) {
            throw new IllegalArgumentException("Trainer: the model takes " + model.inputs() + " inputs but the "
                    + what + " data has " + data.featureCount() + " features " + data.featureNames());
        }
        int needed = objective.outputs(data);
        if (needed != model.outputs()) {
            throw new IllegalArgumentException("Trainer: " + objective.id() + " on " + (regression != null
                    ? data.targetCount() + " targets" : data.classCount() + " classes") + " needs " + needed
                    + " outputs but the model has " + model.outputs());
        }
    }
}
