package jgrad.data;

/**
 * Feature standardisation {@code (x - mean) / std}, per feature, as scikit-learn's
 * {@code StandardScaler}: the mean and the population standard deviation are fitted on the
 * training rows only, then applied unchanged to validation, test and new data. A constant feature
 * (std 0) gets std 1, so it maps to 0 instead of NaN. The statistics are saved with the model
 * ({@code jgrad.io.ModelFile}).
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(split.train());
 * Dataset train = s.transform(split.train());
 * Dataset test = s.transform(split.test());
 * double[] x = s.transform(new double[] {0.3, 1.2});
 * }</pre>
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] std;

    /**
     * Given statistics (as read from a model file).
     *
     * @throws IllegalArgumentException if the lengths differ, a mean is not finite, or a std is not
     *     finite and positive
     */
    public Standardizer(double[] mean, double[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("Standardizer: " + mean.length + " means but " + std.length + " stds");
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j]) || !(std[j] > 0) || Double.isInfinite(std[j])) {
                throw new IllegalArgumentException("Standardizer: feature " + j + " has mean " + mean[j]
                        + " and std " + std[j] + "; need a finite mean and a finite std > 0");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * The largest magnitude a feature may have: {@code (x - mean) / std} stays finite for any data
     * within it. Larger values are refused rather than silently left unscaled.
     */
    public static final double MAX_MAGNITUDE = 1e300;

    /**
     * Fits the mean and population std of every feature of {@code train}.
     *
     * @throws IllegalArgumentException if it is empty, or a feature (named) exceeds {@link #MAX_MAGNITUDE}
     */
    public static Standardizer fit(Dataset train) {
        return fit(train.features(), train.featureNames());
    }

    /**
     * Fits the mean and population std of every column of {@code rows}.
     *
     * @throws IllegalArgumentException if there are no rows, rows differ in length, or a value is
     *     not finite or exceeds {@link #MAX_MAGNITUDE}
     */
    public static Standardizer fit(double[][] rows) {
        return fit(rows, null);
    }

    private static Standardizer fit(double[][] rows, java.util.List<String> names) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("Standardizer.fit: no rows to fit on");
        }
        int d = rows[0].length;
        double[] max = new double[d];
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row.length != d) {
                throw new IllegalArgumentException("Standardizer.fit: rows have " + d + " and " + row.length + " features");
            }
            for (int j = 0; j < d; j++) {
                double a = Math.abs(row[j]);
                if (!(a <= MAX_MAGNITUDE)) {
                    throw new IllegalArgumentException("Standardizer.fit: feature "
                            + (names == null ? Integer.toString(j) : "\"" + names.get(j) + "\"") + " is " + row[j]
                            + " in row " + i + "; standardising handles magnitudes up to " + MAX_MAGNITUDE
                            + " (beyond that the variance overflows): rescale the column, or train without"
                            + " --standardize");
                }
                max[j] = Math.max(max[j], a);
            }
        }
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            // NOTE: the sums of squares overflow past about 1e154; columns that large are scaled by
            // their maximum first. Others take the direct path, whose rounding earlier versions had.
            double scale = max[j] > 1e100 ? max[j] : 1;
            double n = rows.length;
            double m = 0;
            for (double[] row : rows) {
                m += row[j] / scale;
            }
            m /= n;
            double sq = 0;
            for (double[] row : rows) {
                double c = row[j] / scale - m;
                sq += c * c;
            }
            double variance = sq / n;
            // NOTE: a constant feature maps to 0, as in scikit-learn. "Constant" allows for rounding:
            // 0.1 three times has a mean of 0.10000000000000002 and a variance of 1e-34, which
            // would blow 0.2 up to 7e15. scikit-learn's bound (_is_constant_feature) catches that.
            // Both sides scale with scale^2, so the test is the same in scaled units.
            double eps = Math.ulp(1.0);
            double bound = n * eps * variance + Math.pow(n * Math.abs(m) * eps, 2);
            mean[j] = m * scale;
            std[j] = variance <= bound ? 1 : Math.sqrt(variance) * scale;
        }
        return new Standardizer(mean, std);
    }

    /** The number of features. */
    public int featureCount() {
        return mean.length;
    }

    /** A copy of the fitted means. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the fitted standard deviations (1 for constant features). */
    public double[] std() {
        return std.clone();
    }

    /** {@code (x - mean) / std}, as a new array. @throws IllegalArgumentException if the length differs */
    public double[] transform(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("Standardizer.transform: fitted on " + mean.length
                    + " features, got " + x.length);
        }
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = (x[j] - mean[j]) / std[j];
        }
        return out;
    }

    /** Every row of {@code data} transformed; labels (or targets) and names kept. */
    public Dataset transform(Dataset data) {
        double[][] x = data.features();
        for (int i = 0; i < x.length; i++) {
            x[i] = transform(x[i]);
        }
        return data.withFeatures(x, data.featureNames());
    }
}
