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

    /** Fits the mean and population std of every feature of {@code train}. @throws IllegalArgumentException if it is empty */
    public static Standardizer fit(Dataset train) {
        return fit(train.features());
    }

    /**
     * Fits the mean and population std of every column of {@code rows}.
     *
     * @throws IllegalArgumentException if there are no rows or rows differ in length
     */
    public static Standardizer fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("Standardizer.fit: no rows to fit on");
        }
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] row : rows) {
            if (row.length != d) {
                throw new IllegalArgumentException("Standardizer.fit: rows have " + d + " and " + row.length + " features");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                std[j] += c * c;
            }
        }
        double n = rows.length;
        double eps = Math.ulp(1.0);
        for (int j = 0; j < d; j++) {
            double variance = std[j] / n;
            // NOTE: a constant feature maps to 0, as in scikit-learn. "Constant" allows for rounding:
            // 0.1 three times has a mean of 0.10000000000000002 and a variance of 1e-34, which
            // would blow 0.2 up to 7e15. scikit-learn's bound (_is_constant_feature) catches that.
            double bound = n * eps * variance + Math.pow(n * Math.abs(mean[j]) * eps, 2);
            std[j] = variance <= bound ? 1 : Math.sqrt(variance);
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

    /** Every row of {@code data} transformed; labels and names kept. */
    public Dataset transform(Dataset data) {
        double[][] x = data.features();
        for (int i = 0; i < x.length; i++) {
            x[i] = transform(x[i]);
        }
        return new Dataset(x, data.labels(), data.classNames(), data.featureNames());
    }
}
