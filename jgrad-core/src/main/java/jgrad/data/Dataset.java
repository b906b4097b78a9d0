package jgrad.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A labelled dataset: {@code n} rows of numeric features and, for classification, a class index
 * per row and the class names or, for regression ({@link #regression}), a row of real-valued
 * targets per row and the target names. Immutable: arrays are copied in and out.
 *
 * <pre>{@code
 * Dataset moons = Datasets.moons(100, 0.1, new Random(1337));
 * moons.size();                    // 100
 * moons.features(0);               // {x1, x2} of the first row
 * moons.label(0);                  // 0 or 1
 * Dataset.Split s = moons.split(new Random(0), 0.8, 0.1);   // 80 / 10 / 10 rows
 * }</pre>
 */
public final class Dataset {
    private final double[][] features;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> featureNames;
    /** The regression targets, one row per example; null for a classification dataset. */
    private final double[][] targets;
    private final List<String> targetNames;

    /**
     * A dataset with features named {@code x1, x2, ...}.
     *
     * @throws IllegalArgumentException as {@link #Dataset(double[][], int[], List, List)}
     */
    public Dataset(double[][] features, int[] labels, List<String> classNames) {
        this(features, labels, classNames, defaultFeatureNames(features.length == 0 ? 0 : features[0].length));
    }

    /**
     * A dataset of {@code features[i]} with class {@code labels[i]}, the classes named by
     * {@code classNames} (label k is {@code classNames.get(k)}) and the feature columns by
     * {@code featureNames}. The arrays are copied.
     *
     * @throws IllegalArgumentException if rows differ in length or from {@code featureNames}, a
     *     feature is NaN or infinite, the label count differs from the row count, a label is outside
     *     {@code [0, classNames.size())}, or names repeat
     */
    public Dataset(double[][] features, int[] labels, List<String> classNames, List<String> featureNames) {
        this(features, labels, classNames, featureNames, true);
    }

    /** {@link #Dataset(double[][], int[], List, List)} that keeps the row arrays it is given, for readers. */
    static Dataset owning(double[][] features, int[] labels, List<String> classNames, List<String> featureNames) {
        return new Dataset(features, labels, classNames, featureNames, false);
    }

    private Dataset(double[][] features, int[] labels, List<String> classNames, List<String> featureNames, boolean copy) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException("Dataset: " + features.length + " rows of features but "
                    + labels.length + " labels");
        }
        int d = featureNames.size();
        this.features = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("Dataset: row " + i + " has " + features[i].length
                        + " features, expected " + d + " " + featureNames);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(features[i][j])) {
                    throw new IllegalArgumentException("Dataset: feature " + featureNames.get(j) + " of row " + i
                            + " is " + features[i][j]);
                }
            }
            this.features[i] = copy ? features[i].clone() : features[i];
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("Dataset: label " + labels[i] + " of row " + i
                        + " is not a class index in [0, " + classNames.size() + ") " + classNames);
            }
        }
        this.labels = labels.clone();
        this.classNames = distinct("class", classNames);
        this.featureNames = distinct("feature", featureNames);
        this.targets = null;
        this.targetNames = List.of();
    }

    private Dataset(double[][] features, double[][] targets, List<String> featureNames, List<String> targetNames) {
        if (features.length != targets.length) {
            throw new IllegalArgumentException("Dataset.regression: " + features.length + " rows of features but "
                    + targets.length + " rows of targets");
        }
        if (targetNames.isEmpty()) {
            throw new IllegalArgumentException("Dataset.regression: needs at least one target column");
        }
        int d = featureNames.size();
        int k = targetNames.size();
        this.features = new double[features.length][];
        this.targets = new double[targets.length][];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("Dataset: row " + i + " has " + features[i].length
                        + " features, expected " + d + " " + featureNames);
            }
            if (targets[i].length != k) {
                throw new IllegalArgumentException("Dataset.regression: row " + i + " has " + targets[i].length
                        + " targets, expected " + k + " " + targetNames);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(features[i][j])) {
                    throw new IllegalArgumentException("Dataset: feature " + featureNames.get(j) + " of row " + i
                            + " is " + features[i][j]);
                }
            }
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(targets[i][j])) {
                    throw new IllegalArgumentException("Dataset.regression: target " + targetNames.get(j) + " of row "
                            + i + " is " + targets[i][j] + "; a regression target must be a finite number");
                }
            }
            this.features[i] = features[i].clone();
            this.targets[i] = targets[i].clone();
        }
        this.labels = new int[0];
        this.classNames = List.of();
        this.featureNames = distinct("feature", featureNames);
        this.targetNames = distinct("target", targetNames);
    }

    /**
     * A regression dataset: {@code features[i]} with real-valued targets {@code targets[i]}
     * (one per target name; several outputs are allowed). The arrays are copied.
     *
     * <pre>{@code
     * Dataset d = Dataset.regression(new double[][] {{1}, {2}}, new double[][] {{2.5}, {4.5}},
     *         List.of("x"), List.of("y"));
     * d.isRegression();   // true
     * d.target(1);        // {4.5}
     * }</pre>
     *
     * @throws IllegalArgumentException if the row counts or lengths differ, a value is NaN or
     *     infinite, there is no target name, or names repeat
     */
    public static Dataset regression(double[][] features, double[][] targets, List<String> featureNames,
            List<String> targetNames) {
        return new Dataset(features, targets, featureNames, targetNames);
    }

    /** Whether this is a regression dataset (targets) rather than a classification one (labels). */
    public boolean isRegression() {
        return targets != null;
    }

    /** The number of targets per row (0 for classification). */
    public int targetCount() {
        return targetNames.size();
    }

    /** The names of the target columns (empty for classification). */
    public List<String> targetNames() {
        return targetNames;
    }

    /** A copy of row {@code i}'s targets. @throws IllegalStateException for a classification dataset */
    public double[] target(int i) {
        requireRegression("target");
        return targets[i].clone();
    }

    /** A copy of all targets, one row per example. @throws IllegalStateException for classification */
    public double[][] targets() {
        requireRegression("targets");
        double[][] copy = new double[targets.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = targets[i].clone();
        }
        return copy;
    }

    /** The same targets and names with other features (as many rows). */
    public Dataset withFeatures(double[][] newFeatures, List<String> names) {
        return isRegression() ? new Dataset(newFeatures, targets, names, targetNames)
                : new Dataset(newFeatures, labels, classNames, names);
    }

    /** The same features and names with other targets (as many rows). @throws IllegalStateException for classification */
    public Dataset withTargets(double[][] newTargets) {
        requireRegression("withTargets");
        return new Dataset(features, newTargets, featureNames, targetNames);
    }

    private void requireRegression(String what) {
        if (targets == null) {
            throw new IllegalStateException("Dataset." + what + ": this is a classification dataset (class labels);"
                    + " use label(i), or build one with Dataset.regression");
        }
    }

    private static List<String> distinct(String what, List<String> names) {
        List<String> copy = List.copyOf(names);
        if (copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException("Dataset: " + what + " names repeat: " + copy);
        }
        return copy;
    }

    /** {@code x1, x2, ..., xd}. */
    public static List<String> defaultFeatureNames(int d) {
        List<String> names = new ArrayList<>(d);
        for (int j = 1; j <= d; j++) {
            names.add("x" + j);
        }
        return Collections.unmodifiableList(names);
    }

    /** The number of rows. */
    public int size() {
        return features.length;
    }

    /** The number of features per row. */
    public int featureCount() {
        return featureNames.size();
    }

    /** The number of classes. */
    public int classCount() {
        return classNames.size();
    }

    /** A copy of row {@code i}'s features. */
    public double[] features(int i) {
        return features[i].clone();
    }

    /** Feature {@code j} of row {@code i}. */
    public double feature(int i, int j) {
        return features[i][j];
    }

    /** A copy of all features, one row per example. */
    public double[][] features() {
        double[][] copy = new double[features.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = features[i].clone();
        }
        return copy;
    }

    /** The class index of row {@code i}. @throws IllegalStateException for a regression dataset */
    public int label(int i) {
        if (targets != null) {
            throw new IllegalStateException("Dataset.label: this is a regression dataset; use target(i)");
        }
        return labels[i];
    }

    /** A copy of all class indices. */
    public int[] labels() {
        if (targets != null) {
            throw new IllegalStateException("Dataset.labels: this is a regression dataset; use targets()");
        }
        return labels.clone();
    }

    /** The class names; label {@code c} means {@code classNames().get(c)}. */
    public List<String> classNames() {
        return classNames;
    }

    /** The feature names (the CSV header, or x1, x2, ...). */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The rows at {@code indices}, in that order (repeats allowed), with the same names.
     *
     * @throws IndexOutOfBoundsException if an index is not a row
     */
    public Dataset subset(int[] indices) {
        if (targets != null) {
            double[][] x = new double[indices.length][];
            double[][] t = new double[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                Objects.checkIndex(indices[i], size());
                x[i] = features[indices[i]];
                t[i] = targets[indices[i]];
            }
            return new Dataset(x, t, featureNames, targetNames);
        }
        double[][] x = new double[indices.length][];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Objects.checkIndex(indices[i], size());
            x[i] = features[indices[i]];
            y[i] = labels[indices[i]];
        }
        return new Dataset(x, y, classNames, featureNames);
    }

    /**
     * Shuffles the rows with {@code rng} and cuts them into training, validation and test sets of
     * {@code round(n·trainFraction)}, {@code round(n·validationFraction)} and the remaining rows.
     *
     * @throws IllegalArgumentException unless both fractions are in [0, 1] and sum to at most 1
     */
    public Split split(Random rng, double trainFraction, double validationFraction) {
        if (!(trainFraction >= 0 && validationFraction >= 0 && trainFraction + validationFraction <= 1 + 1e-12)) {
            throw new IllegalArgumentException("Dataset.split: fractions must be >= 0 and sum to at most 1, got train="
                    + trainFraction + ", validation=" + validationFraction);
        }
        int n = size();
        int nTrain = (int) Math.round(n * trainFraction);
        int nVal = Math.min(n - nTrain, (int) Math.round(n * validationFraction));
        int[] order = permutation(n, rng);
        return new Split(subset(Arrays.copyOfRange(order, 0, nTrain)),
                subset(Arrays.copyOfRange(order, nTrain, nTrain + nVal)),
                subset(Arrays.copyOfRange(order, nTrain + nVal, n)));
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@code Dataset(100 rows, 2 features [x1, x2], 2 classes [0, 1])}. */
    @Override
    public String toString() {
        return "Dataset(" + size() + " rows, " + featureCount() + " features " + featureNames + ", "
                + (isRegression() ? targetCount() + " targets " + targetNames : classCount() + " classes " + classNames)
                + ")";
    }

    /** A dataset cut into training, validation and test rows; empty parts are allowed. */
    public static final class Split {
        private final Dataset train;
        private final Dataset validation;
        private final Dataset test;

        Split(Dataset train, Dataset validation, Dataset test) {
            this.train = train;
            this.validation = validation;
            this.test = test;
        }

        /** The rows to fit on (and to fit a {@link Standardizer} on). */
        public Dataset train() {
            return train;
        }

        /** The rows to watch during training. */
        public Dataset validation() {
            return validation;
        }

        /** The rows to report at the end. */
        public Dataset test() {
            return test;
        }
    }
}
