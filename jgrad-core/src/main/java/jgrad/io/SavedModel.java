package jgrad.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jgrad.data.Categorical;
import jgrad.data.Standardizer;
import jgrad.engine.Value;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.MLP;
import jgrad.tensor.DType;

/**
 * Everything a model file holds: the network, the feature standardisation it was trained with
 * (if any), the class names its outputs stand for (classification) or the target names and the
 * targets' standardisation (regression), the one-hot encodings of text feature columns, and
 * free-form metadata. {@link ModelFile} saves and loads it.
 *
 * <pre>{@code
 * SavedModel saved = new SavedModel(model, standardizer, train.featureNames(), train.classNames(),
 *         Map.of("loss", "max-margin"));
 * ModelFile.save(Path.of("moons.json"), saved);
 * SavedModel back = ModelFile.load(Path.of("moons.json"));
 * back.predict(0.5, -0.2);   // a class index; back.classNames().get(i) is its name
 * }</pre>
 */
public final class SavedModel {
    private final MLP model;
    private final Standardizer standardizer;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final Map<String, String> metadata;
    private final List<String> targetNames;
    private final Standardizer targetStandardizer;
    private final List<Categorical> categorical;

    /**
     * A regression model: {@code targetNames} name its outputs (one each); its raw outputs are
     * standardised targets, which {@link #values} turns back with {@code targetStandardizer}
     * (null when the targets were not scaled); {@code categorical} lists the text columns that
     * were one-hot encoded into some of {@code featureNames} (may be empty). For classification
     * give {@code targetNames} empty, as the other constructor does.
     *
     * @throws IllegalArgumentException if the names or standardisations do not fit the network
     */
    public SavedModel(MLP model, Standardizer standardizer, List<String> featureNames, List<String> classNames,
            List<String> targetNames, Standardizer targetStandardizer, List<Categorical> categorical,
            Map<String, String> metadata) {
        this(model, standardizer, featureNames, classNames, metadata, targetNames, targetStandardizer, categorical);
    }

    /**
     * @param standardizer may be null (the network takes raw features)
     * @param featureNames the names of the inputs, or empty if unknown
     * @param classNames empty for a network that is not a classifier; otherwise two names for one
     *     output, or one name per output
     * @throws IllegalArgumentException if the standardizer or the class names do not fit the network
     */
    public SavedModel(MLP model, Standardizer standardizer, List<String> featureNames, List<String> classNames,
            Map<String, String> metadata) {
        this(model, standardizer, featureNames, classNames, metadata, List.of(), null, List.of());
    }

    private SavedModel(MLP model, Standardizer standardizer, List<String> featureNames, List<String> classNames,
            Map<String, String> metadata, List<String> targetNames, Standardizer targetStandardizer,
            List<Categorical> categorical) {
        this.targetNames = List.copyOf(targetNames);
        this.targetStandardizer = targetStandardizer;
        this.categorical = List.copyOf(categorical);
        this.model = Objects.requireNonNull(model, "model");
        this.standardizer = standardizer;
        this.featureNames = List.copyOf(featureNames);
        if (!this.featureNames.isEmpty() && this.featureNames.size() != model.inputs()) {
            throw new IllegalArgumentException("SavedModel: " + this.featureNames.size() + " feature names "
                    + this.featureNames + " but the network takes " + model.inputs() + " inputs");
        }
        this.classNames = List.copyOf(classNames);
        if (this.classNames.stream().distinct().count() != this.classNames.size()) {
            throw new IllegalArgumentException("SavedModel: class names repeat: " + this.classNames
                    + "; each output needs its own name");
        }
        if (this.featureNames.stream().distinct().count() != this.featureNames.size()) {
            throw new IllegalArgumentException("SavedModel: feature names repeat: " + this.featureNames);
        }
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (standardizer != null && standardizer.featureCount() != model.inputs()) {
            throw new IllegalArgumentException("SavedModel: the standardizer has " + standardizer.featureCount()
                    + " features but the network takes " + model.inputs() + " inputs");
        }
        int outputs = model.outputs();
        if (!this.targetNames.isEmpty()) {
            if (!this.classNames.isEmpty()) {
                throw new IllegalArgumentException("SavedModel: both class names " + this.classNames + " and target names "
                        + this.targetNames + "; a model is a classifier or a regression, not both");
            }
            if (this.targetNames.size() != outputs) {
                throw new IllegalArgumentException("SavedModel: " + this.targetNames.size() + " target names "
                        + this.targetNames + " but the network has " + outputs + " outputs; give one per output");
            }
        }
        if (targetStandardizer != null && targetStandardizer.featureCount() != outputs) {
            throw new IllegalArgumentException("SavedModel: the target standardizer has "
                    + targetStandardizer.featureCount() + " columns but the network has " + outputs + " outputs");
        }
        if (targetStandardizer != null && this.targetNames.isEmpty()) {
            throw new IllegalArgumentException("SavedModel: a target standardizer needs target names (a regression)");
        }
        for (Categorical c : this.categorical) {
            if (!this.featureNames.containsAll(c.featureNames())) {
                throw new IllegalArgumentException("SavedModel: the encoding of " + c.column() + " makes inputs "
                        + c.featureNames() + " that are not all among the features " + this.featureNames);
            }
        }
        if (!this.classNames.isEmpty() && this.classNames.size() != (outputs == 1 ? 2 : outputs)) {
            throw new IllegalArgumentException("SavedModel: " + this.classNames.size() + " class names " + this.classNames
                    + " do not fit a network with " + outputs + " output(s); give "
                    + (outputs == 1 ? "2" : Integer.toString(outputs)) + " names, or none");
        }
    }

    /** The network. */
    public MLP model() {
        return model;
    }

    /** The standardisation to apply to raw features before the network, if any. */
    public Optional<Standardizer> standardizer() {
        return Optional.ofNullable(standardizer);
    }

    /** The names of the network's inputs (empty if unknown). */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The class names: output {@code > 0} means class 1 for one output, else the largest output's index. */
    public List<String> classNames() {
        return classNames;
    }

    /** Free-form key/value notes saved with the model (data set, loss, accuracy, ...). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Whether this is a regression model (its outputs are target values), rather than a classifier. */
    public boolean isRegression() {
        return !targetNames.isEmpty();
    }

    /** The names of the regression targets, one per output (empty for a classifier). */
    public List<String> targetNames() {
        return targetNames;
    }

    /** The standardisation of the regression targets, undone by {@link #values}, if any. */
    public Optional<Standardizer> targetStandardizer() {
        return Optional.ofNullable(targetStandardizer);
    }

    /** The one-hot encoded text columns (empty if none). */
    public List<Categorical> categorical() {
        return categorical;
    }

    /** A regression model's predictions for raw features {@code x}, in the targets' units. */
    public double[] values(double... x) {
        double[] out = outputs(x);
        if (targetStandardizer == null) {
            return out;
        }
        double[] mean = targetStandardizer.mean();
        double[] std = targetStandardizer.std();
        for (int j = 0; j < out.length; j++) {
            out[j] = out[j] * std[j] + mean[j];
        }
        return out;
    }

    /**
     * A classifier's class probabilities from its outputs: the softmax of several outputs, or for
     * one output the sigmoid as the probability of class 1 (exact for a BCE-trained logit; for a
     * max-margin score only a squashing of the score).
     */
    public static double[] probabilities(double[] outputs) {
        if (outputs.length == 1) {
            double p = 1 / (1 + Math.exp(-outputs[0]));
            return new double[] {1 - p, p};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double o : outputs) {
            max = Math.max(max, o);
        }
        double sum = 0;
        double[] out = new double[outputs.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.exp(outputs[j] - max);
            sum += out[j];
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= sum;
        }
        return out;
    }

    /** The network's outputs for raw features {@code x}, standardised first if there is a standardizer. */
    public double[] outputs(double... x) {
        double[] in = standardizer == null ? x : standardizer.transform(x);
        List<Value> out = model.forward(in);
        double[] d = new double[out.size()];
        for (int j = 0; j < d.length; j++) {
            d[j] = out.get(j).data();
        }
        return d;
    }

    /** The predicted class index for raw features {@code x}; see {@link ClassificationLoss#predict(double[])}. */
    public int predict(double... x) {
        return ClassificationLoss.predict(outputs(x));
    }

    /**
     * The network's outputs for many rows of raw features at once (standardised first, as by
     * {@link #outputs(double...)}), computed in batches by the tensor engine in float64: one matrix
     * product per layer and batch instead of one {@code Value} per weight and row, so that big
     * networks predict and plot in seconds. Equal to {@code outputs(row)} for each row up to
     * rounding in the last bits (the order of the sums differs).
     *
     * @throws IllegalArgumentException if a row does not have the network's number of inputs
     */
    public double[][] outputs(double[][] rows) {
        return outputs(rows, DType.FLOAT64);
    }

    /**
     * As {@link #outputs(double[][])}, computed in {@code dtype}: float32 is several times faster
     * (twice the elements per vector), and enough for a picture of the predicted classes; its outputs
     * agree with float64 to about 1e-6 relative. A model trained in float32 is also evaluated in
     * float32 by {@code jgrad train}'s report, whose kernels are then already compiled.
     */
    public double[][] outputs(double[][] rows, DType dtype) {
        double[][] in = rows;
        if (standardizer != null) {
            in = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                in[r] = standardizer.transform(rows[r]);
            }
        }
        return new BatchedForward(model, Objects.requireNonNull(dtype, "dtype")).outputs(in);
    }

    /** A regression model's predictions for many rows, in the targets' units, from {@link #outputs(double[][])}. */
    public double[][] values(double[][] rows) {
        return values(rows, DType.FLOAT64);
    }

    /** As {@link #values(double[][])}, computed in {@code dtype} ({@link #outputs(double[][], DType)}). */
    public double[][] values(double[][] rows, DType dtype) {
        return toTargetUnits(outputs(rows, dtype));
    }

    /**
     * A regression model's outputs ({@link #outputs(double[][])}) in the targets' units, in place:
     * {@link #values(double[][])} without running the network again. Returns {@code outputs}.
     */
    public double[][] toTargetUnits(double[][] outputs) {
        double[][] out = outputs;
        if (targetStandardizer != null) {
            double[] mean = targetStandardizer.mean();
            double[] std = targetStandardizer.std();
            for (double[] row : out) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = row[j] * std[j] + mean[j];
                }
            }
        }
        return out;
    }

    /** The predicted class of every row, from {@link #outputs(double[][])}. */
    public int[] predict(double[][] rows) {
        return predict(rows, DType.FLOAT64);
    }

    /** The predicted class of every row, from {@link #outputs(double[][], DType)}. */
    public int[] predict(double[][] rows, DType dtype) {
        double[][] out = outputs(rows, dtype);
        int[] classes = new int[out.length];
        for (int r = 0; r < out.length; r++) {
            classes[r] = ClassificationLoss.predict(out[r]);
        }
        return classes;
    }
}
