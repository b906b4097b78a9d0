package jgrad.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jgrad.data.Dataset;
import jgrad.data.Standardizer;
import jgrad.tensor.Tensor;

/**
 * What {@code jgrad train} trains on, already split: either a table (a built-in dataset or a CSV,
 * as {@link Dataset}s that both engines take) or IDX images (tensors of flattened pixels in
 * [0, 1] with class labels, which only the tensor engine takes).
 *
 * <pre>{@code
 * TrainData d = TrainData.table("moons", all, split.train(), split.validation(), null);
 * TrainData m = TrainData.images("mnist", x, y, valX, valY);
 * }</pre>
 */
final class TrainData {
    private final String name;
    private final int rows;
    private final int featureCount;
    private final List<String> classNames;
    private final List<String> featureNames;
    private final Standardizer standardizer;
    private final Dataset all;
    private final Dataset train;
    private final Dataset validation;
    private final Tensor trainX;
    private final int[] trainY;
    private final Tensor validationX;
    private final int[] validationY;
    private Standardizer targetStandardizer;
    private List<jgrad.data.Categorical> categorical = List.of();

    private TrainData(String name, int rows, int featureCount, List<String> classNames, List<String> featureNames,
            Standardizer standardizer, Dataset all, Dataset train, Dataset validation,
            Tensor trainX, int[] trainY, Tensor validationX, int[] validationY) {
        this.name = name;
        this.rows = rows;
        this.featureCount = featureCount;
        this.classNames = classNames;
        this.featureNames = featureNames;
        this.standardizer = standardizer;
        this.all = all;
        this.train = train;
        this.validation = validation;
        this.trainX = trainX;
        this.trainY = trainY;
        this.validationX = validationX;
        this.validationY = validationY;
    }

    /**
     * A table: {@code all} its rows (for the decision-boundary plot), and the training and
     * validation rows as the model sees them (standardised when {@code standardizer} is not null).
     */
    static TrainData table(String name, Dataset all, Dataset train, Dataset validation, Standardizer standardizer) {
        return new TrainData(name, all.size(), all.featureCount(), all.classNames(), all.featureNames(), standardizer,
                all, train, validation, null, null, null, null);
    }

    /**
     * Images: {@code x} [n, pixels] with labels {@code y}, and the validation images (null for
     * none); classes are named "0" to the largest label.
     */
    static TrainData images(String name, Tensor x, int[] y, Tensor validationX, int[] validationY) {
        int largest = Arrays.stream(y).max().orElse(0);
        if (validationY != null) {
            largest = Math.max(largest, Arrays.stream(validationY).max().orElse(0));
        }
        List<String> classes = new ArrayList<>();
        for (int k = 0; k <= largest; k++) {
            classes.add(Integer.toString(k));
        }
        int valRows = validationY == null ? 0 : validationY.length;
        return new TrainData(name, y.length + valRows, x.dim(1), classes, Dataset.defaultFeatureNames(x.dim(1)), null,
                null, null, null, x, y, validationX, validationY);
    }

    /**
     * A regression table whose training and validation targets were standardised with
     * {@code targetStandardizer} (null if not), and the text columns that were one-hot encoded.
     */
    TrainData withTargets(Standardizer targetStandardizer, List<jgrad.data.Categorical> categorical) {
        this.targetStandardizer = targetStandardizer;
        this.categorical = List.copyOf(categorical);
        return this;
    }

    private Dataset trainRaw;
    private Dataset validationRaw;
    private boolean[] validationMask;

    /** The training and validation rows as read (not standardised), and which rows of {@link #all()} are validation. */
    TrainData withRaw(Dataset train, Dataset validation, boolean[] isValidation) {
        this.trainRaw = train;
        this.validationRaw = validation;
        this.validationMask = isValidation;
        return this;
    }

    /** The training rows as read (raw features and targets). */
    Dataset trainRaw() {
        return trainRaw;
    }

    /** The validation rows as read. */
    Dataset validationRaw() {
        return validationRaw;
    }

    /** For each row of {@link #all()}, whether it is a validation row. */
    boolean[] validationMask() {
        return validationMask;
    }

    /** Whether the table's target is real-valued (regression). */
    boolean isRegression() {
        return all != null && all.isRegression();
    }

    /** The regression targets' standardisation, or null. */
    Standardizer targetStandardizer() {
        return targetStandardizer;
    }

    /** The one-hot encoded text columns. */
    List<jgrad.data.Categorical> categorical() {
        return categorical;
    }

    /** The names of the regression targets (empty for classification). */
    List<String> targetNames() {
        return all == null ? List.of() : all.targetNames();
    }

    /** Whether this is a table (the engines take {@link #train()}) rather than images. */
    boolean isTable() {
        return all != null;
    }

    String name() {
        return name;
    }

    /** All rows, training and validation. */
    int rows() {
        return rows;
    }

    int featureCount() {
        return featureCount;
    }

    int classCount() {
        return classNames.size();
    }

    List<String> classNames() {
        return classNames;
    }

    List<String> featureNames() {
        return featureNames;
    }

    /** The training rows' standardisation, or null. */
    Standardizer standardizer() {
        return standardizer;
    }

    /** All rows of a table, as read (for plots); null for images. */
    Dataset all() {
        return all;
    }

    Dataset train() {
        return train;
    }

    Dataset validation() {
        return validation;
    }

    Tensor trainX() {
        return trainX;
    }

    int[] trainY() {
        return trainY;
    }

    /** The validation images, or null for none. */
    Tensor validationX() {
        return validationX;
    }

    int[] validationY() {
        return validationY;
    }

    int trainSize() {
        return isTable() ? train.size() : trainY.length;
    }

    int validationSize() {
        return isTable() ? validation.size() : validationY == null ? 0 : validationY.length;
    }
}
