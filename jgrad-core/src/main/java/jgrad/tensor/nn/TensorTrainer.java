package jgrad.tensor.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import jgrad.data.Dataset;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.Objective;
import jgrad.nn.RegressionLoss;
import jgrad.nn.RegressionMetrics;
import jgrad.nn.Trainer;
import jgrad.nn.TrainingLoop;
import jgrad.optim.Optimizer;
import jgrad.tensor.DType;
import jgrad.tensor.NoGrad;
import jgrad.tensor.Tensor;
import jgrad.tensor.functional.Functional;

/**
 * The training loop of {@link Trainer} for tensor models: the same losses
 * ({@link ClassificationLoss}), optimizers, schedules, L2, mini-batches and progress records
 * ({@link Trainer.Step}, {@link Trainer.Epoch}, {@link Trainer.Listener}), but each batch is one
 * tensor forward pass instead of a graph per example.
 *
 * <pre>{@code
 * MLP model = new MLP(new Random(1), DType.FLOAT32, 2, 64, 5);
 * Optimizer adam = new Adam(ParameterGroup.of(model.parameters()), 0.01, 0.9, 0.999, 1e-8, 0);
 * List<Trainer.Epoch> history = new TensorTrainer(model, ClassificationLoss.CROSS_ENTROPY, adam)
 *         .batchSize(64)
 *         .fit(train, validation, 20);
 * }</pre>
 *
 * <p>Rows are ordered and batched exactly as {@link Trainer} does, from the trainer's
 * {@code Random}: a batch as large as the data is the full batch in data order. Data that is
 * already a tensor (MNIST from {@link jgrad.io.Idx}) trains through
 * {@link #fit(Tensor, int[], Tensor, int[], int)} without a {@link Dataset}.
 */
public final class TensorTrainer extends TrainingLoop<TensorTrainer> {
    private static final int EVAL_CHUNK = 1024;

    private final TensorModule model;
    private final DType dtype;

    /**
     * A trainer for {@code model} whose inputs are made in the dtype of its first parameter;
     * {@code optimizer} must update the model's parameters (see
     * {@link jgrad.optim.ParameterGroup}).
     */
    public TensorTrainer(TensorModule model, ClassificationLoss loss, Optimizer optimizer) {
        this(model, Objective.classification(Objects.requireNonNull(loss, "loss")), optimizer);
    }

    /**
     * A trainer for {@code model} on {@code objective}: classification as above, or regression,
     * for which the model has one output per target.
     */
    public TensorTrainer(TensorModule model, Objective objective, Optimizer optimizer) {
        super(objective, optimizer);
        this.model = Objects.requireNonNull(model, "model");
        List<Tensor> ps = model.parameters();
        this.dtype = ps.isEmpty() ? DType.FLOAT32 : ps.get(0).dtype();
    }

    @Override
    protected double[] saveParameters() {
        List<Tensor> ps = model.parameters();
        int total = 0;
        for (Tensor p : ps) {
            total += p.numel();
        }
        double[] out = new double[total];
        int at = 0;
        for (Tensor p : ps) {
            double[] d = p.toDoubleArray();
            System.arraycopy(d, 0, out, at, d.length);
            at += d.length;
        }
        return out;
    }

    @Override
    protected void restoreParameters(double[] values) {
        int at = 0;
        for (Tensor p : model.parameters()) {
            int n = p.numel();
            p.copyFrom(Tensor.of(p.dtype(), Arrays.copyOfRange(values, at, at + n), p.shape().toArray()));
            at += n;
        }
    }

    /**
     * Trains for {@code epochs} epochs over {@code train}, measuring {@code validation} (may be
     * null or empty) after each.
     *
     * @throws IllegalArgumentException if the data is empty or does not fit the loss
     */
    public List<Trainer.Epoch> fit(Dataset train, Dataset validation, int epochs) {
        objective.outputs(train);
        boolean hasValidation = validation != null && validation.size() > 0;
        if (regression != null) {
            return fitRegression(features(train), targets(train), hasValidation ? features(validation) : null,
                    hasValidation ? targets(validation) : null, epochs);
        }
        return fit(features(train), train.labels(), hasValidation ? features(validation) : null,
                hasValidation ? validation.labels() : null, epochs);
    }

    /**
     * Trains for {@code epochs} epochs over the rows of {@code x} ([n, features]) with class
     * labels {@code y}, measuring the validation rows (may be null) after each epoch: the path for
     * data that is already a tensor, such as {@link jgrad.io.Idx#readImages} gives.
     *
     * @throws IllegalArgumentException if the data is empty, the counts differ, or a label does
     *     not fit the loss
     */
    public List<Trainer.Epoch> fit(Tensor x, int[] y, Tensor validationX, int[] validationY, int epochs) {
        checkData("training", x, y);
        if (validationX != null) {
            checkData("validation", validationX, validationY);
        }
        int n = y.length;
        return runEpochs(n, epochs,
                (rows, e) -> fullBatch(n) ? step(x, y, e) : step(x.indexSelect(0, rows), pick(y, rows), e),
                () -> evaluate(x, y), validationX == null ? null : () -> evaluate(validationX, validationY));
    }

    /**
     * Regression: trains for {@code epochs} epochs over the rows of {@code x} ([n, features])
     * with targets {@code t} ([n, outputs], in the scale the model learns, e.g. standardised),
     * measuring the validation rows (may be null) after each epoch.
     *
     * @throws IllegalArgumentException if this trainer's objective is not regression, the data is
     *     empty, or the shapes do not fit
     */
    public List<Trainer.Epoch> fitRegression(Tensor x, Tensor t, Tensor validationX, Tensor validationT, int epochs) {
        checkTargets("training", x, t);
        if (validationX != null) {
            checkTargets("validation", validationX, validationT);
        }
        int n = x.dim(0);
        return runEpochs(n, epochs,
                (rows, e) -> fullBatch(n) ? stepRegression(x, t, e)
                        : stepRegression(x.indexSelect(0, rows), t.indexSelect(0, rows), e),
                () -> evaluateRegression(x, t), validationX == null ? null
                        : () -> evaluateRegression(validationX, validationT));
    }

    private void checkTargets(String what, Tensor x, Tensor t) {
        if (regression == null) {
            throw new IllegalArgumentException("TensorTrainer: real-valued targets need a regression objective; this"
                    + " trainer minimises " + objective.id());
        }
        if (x.rank() != 2 || x.dim(0) == 0) {
            throw new IllegalArgumentException("TensorTrainer: " + what + " features of shape " + x.shape()
                    + " must be [rows >= 1, features]");
        }
        if (t.rank() != 2 || t.dim(0) != x.dim(0) || t.dim(1) != regression.outputs()) {
            throw new IllegalArgumentException("TensorTrainer: " + what + " targets of shape " + t.shape() + " must be ["
                    + x.dim(0) + ", " + regression.outputs() + "] for features of shape " + x.shape());
        }
    }

    private void checkData(String what, Tensor x, int[] y) {
        if (loss == null) {
            throw new IllegalArgumentException("TensorTrainer: class labels need a classification objective; this"
                    + " trainer minimises " + objective.id() + " (regression): give real-valued targets");
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("TensorTrainer: the " + what + " data is empty");
        }
        if (x.rank() != 2 || x.dim(0) != y.length) {
            throw new IllegalArgumentException("TensorTrainer: " + what + " features of shape " + x.shape()
                    + " must be [" + y.length + ", features] for " + y.length + " labels");
        }
        int classes = loss == ClassificationLoss.CROSS_ENTROPY ? Integer.MAX_VALUE : 2;
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("TensorTrainer: " + what + " label " + y[i] + " of row " + i
                        + " does not fit the " + loss.id() + " loss" + (classes == 2 ? " (labels must be 0 or 1)" : ""));
            }
        }
    }

    /** One optimizer step on the given rows of {@code data}; {@code epoch} is only reported. */
    public Trainer.Step step(Dataset data, int[] rows, int epoch) {
        Dataset batch = data.subset(rows);
        return regression != null ? stepRegression(features(batch), targets(batch), epoch)
                : step(features(batch), batch.labels(), epoch);
    }

    /** One regression step on {@code x} ([batch, features]) with targets {@code t} ([batch, outputs]). */
    public Trainer.Step stepRegression(Tensor x, Tensor t, int epoch) {
        double lr = startStep();
        optimizer.zeroGrad();
        Tensor outputs = model.forward(x.cast(dtype));
        Tensor data = regressionLoss(outputs, t.cast(dtype));
        Tensor total = l2 > 0 ? data.add(l2Term()) : data;
        total.backward();
        optimizer.step();
        return finishStep(epoch, lr, x.dim(0), total.item(), Double.NaN);
    }

    /** The mean regression loss of a batch ({@link Functional}'s mse, l1 or huber with delta 1). */
    private Tensor regressionLoss(Tensor outputs, Tensor t) {
        return switch (regression.loss()) {
            case MSE -> Functional.mse(outputs, t);
            case MAE -> Functional.l1(outputs, t);
            case HUBER -> Functional.huber(outputs, t, RegressionLoss.HUBER_DELTA);
        };
    }

    /**
     * One optimizer step on the batch {@code x} ([batch, features]) with labels {@code y};
     * reports the batch's loss and accuracy before the update.
     */
    public Trainer.Step step(Tensor x, int[] y, int epoch) {
        double lr = startStep();
        optimizer.zeroGrad();
        Tensor outputs = model.forward(x.cast(dtype));
        Tensor total = lossOf(outputs, y, true);
        total.backward();
        optimizer.step();
        return finishStep(epoch, lr, y.length, total.item(), accuracy(outputs, y));
    }

    /** The loss (with L2) and accuracy (or regression metrics) on all of {@code data}, without recording a graph. */
    public Trainer.Metrics evaluate(Dataset data) {
        objective.outputs(data);
        return regression != null ? evaluateRegression(features(data), targets(data))
                : evaluate(features(data), data.labels());
    }

    /**
     * The loss (with L2) and MSE, RMSE, MAE and R² (in the targets' units, see
     * {@link Objective#regression}) on the rows of {@code x} with targets {@code t}, without
     * recording a graph.
     */
    public Trainer.Metrics evaluateRegression(Tensor x, Tensor t) {
        checkTargets("evaluation", x, t);
        int n = x.dim(0);
        int k = t.dim(1);
        double[][] truth = new double[n][];
        double[][] predicted = new double[n][];
        try (NoGrad scope = Tensor.noGrad()) {
            double lossSum = 0;
            for (int start = 0; start < n; start += EVAL_CHUNK) {
                int end = Math.min(n, start + EVAL_CHUNK);
                Tensor tt = t.slice(0, start, end).cast(dtype);
                Tensor outputs = model.forward(x.slice(0, start, end).cast(dtype));
                lossSum += regressionLoss(outputs, tt).item() * (end - start);
                double[] out = outputs.toDoubleArray();
                double[] tv = tt.toDoubleArray();
                for (int i = start; i < end; i++) {
                    int o = (i - start) * k;
                    predicted[i] = regression.toTargetUnits(Arrays.copyOfRange(out, o, o + k));
                    truth[i] = regression.toTargetUnits(Arrays.copyOfRange(tv, o, o + k));
                }
            }
            double reg = l2 > 0 ? l2Term().item() : 0;
            return new Trainer.Metrics(lossSum / n + reg, Double.NaN, RegressionMetrics.of(truth, predicted));
        }
    }

    /** The loss (with L2) and accuracy on the rows of {@code x}, without recording a graph. */
    public Trainer.Metrics evaluate(Tensor x, int[] y) {
        checkData("evaluation", x, y);
        try (NoGrad scope = Tensor.noGrad()) {
            double lossSum = 0, correct = 0;
            for (int start = 0; start < y.length; start += EVAL_CHUNK) {
                int end = Math.min(y.length, start + EVAL_CHUNK);
                int[] labels = Arrays.copyOfRange(y, start, end);
                Tensor outputs = model.forward(x.slice(0, start, end).cast(dtype));
                lossSum += lossOf(outputs, labels, false).item() * labels.length;
                correct += accuracy(outputs, labels) * labels.length;
            }
            double reg = l2 > 0 ? l2Term().item() : 0;
            return new Trainer.Metrics(lossSum / y.length + reg, correct / y.length);
        }
    }

    private static int[] pick(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    /** The mean data loss of a batch, plus L2 if asked. */
    private Tensor lossOf(Tensor outputs, int[] labels, boolean withL2) {
        Tensor data;
        if (loss == ClassificationLoss.CROSS_ENTROPY) {
            data = Functional.crossEntropy(outputs, labels);
        } else {
            if (outputs.dim(-1) != 1) {
                throw new IllegalArgumentException(loss.id() + ": expects one output per example, got shape "
                        + outputs.shape());
            }
            double[] y = new double[labels.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = loss == ClassificationLoss.MAX_MARGIN ? (labels[i] == 1 ? 1 : -1) : labels[i];
            }
            Tensor target = Tensor.of(dtype, y, labels.length, 1);
            data = loss == ClassificationLoss.MAX_MARGIN
                    ? Functional.maxMargin(outputs, target)
                    : Functional.bceWithLogits(outputs, target);
        }
        return withL2 && l2 > 0 ? data.add(l2Term()) : data;
    }

    private Tensor l2Term() {
        Tensor sum = Tensor.scalar(dtype, 0);
        for (Tensor p : model.parameters()) {
            sum = sum.add(p.mul(p).sum());
        }
        return sum.mul(l2);
    }

    private Tensor features(Dataset data) {
        int d = data.featureCount();
        double[] flat = new double[data.size() * d];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(data.features(i), 0, flat, i * d, d);
        }
        return Tensor.of(dtype, flat, data.size(), d);
    }

    private Tensor targets(Dataset data) {
        int k = data.targetCount();
        double[] flat = new double[data.size() * k];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(data.target(i), 0, flat, i * k, k);
        }
        return Tensor.of(dtype, flat, data.size(), k);
    }

    private static double accuracy(Tensor outputs, int[] labels) {
        double[] out = outputs.toDoubleArray();
        int k = outputs.dim(-1), correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += ClassificationLoss.predict(Arrays.copyOfRange(out, i * k, i * k + k)) == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
