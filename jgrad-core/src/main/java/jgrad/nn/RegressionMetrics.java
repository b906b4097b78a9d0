package jgrad.nn;

/**
 * How close predicted values are to true ones, in the targets' units: MSE, RMSE, MAE and R², as
 * scikit-learn's {@code mean_squared_error}, {@code mean_squared_error(squared=False)},
 * {@code mean_absolute_error} and {@code r2_score}. With several targets each is computed per
 * target and averaged ({@code multioutput="uniform_average"}); an R² of a constant target is 1
 * for a perfect prediction and 0 otherwise ({@code force_finite=True}).
 *
 * <pre>{@code
 * RegressionMetrics m = RegressionMetrics.of(new double[][] {{1}, {2}, {3}}, new double[][] {{1}, {2}, {4}});
 * m.mse();   // 1/3
 * m.r2();    // 0.5
 * }</pre>
 *
 * @param mse mean squared error
 * @param rmse root mean squared error
 * @param mae mean absolute error
 * @param r2 coefficient of determination, 1 − SS_res / SS_tot
 */
public record RegressionMetrics(double mse, double rmse, double mae, double r2) {

    /**
     * The metrics of {@code predicted} against {@code truth}, one row per example, one column per
     * target.
     *
     * @throws IllegalArgumentException if the shapes differ or there are no examples
     */
    public static RegressionMetrics of(double[][] truth, double[][] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("RegressionMetrics: " + truth.length + " true rows but "
                    + predicted.length + " predicted rows");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("RegressionMetrics: no examples to score");
        }
        int n = truth.length;
        int k = truth[0].length;
        double[] mean = new double[k];
        for (int i = 0; i < n; i++) {
            if (truth[i].length != k || predicted[i].length != k) {
                throw new IllegalArgumentException("RegressionMetrics: row " + i + " has " + truth[i].length
                        + " true and " + predicted[i].length + " predicted values, expected " + k);
            }
            for (int j = 0; j < k; j++) {
                mean[j] += truth[i][j];
            }
        }
        for (int j = 0; j < k; j++) {
            mean[j] /= n;
        }
        double mse = 0, rmse = 0, mae = 0, r2 = 0;
        for (int j = 0; j < k; j++) {
            double se = 0, ae = 0, tot = 0;
            for (int i = 0; i < n; i++) {
                double r = predicted[i][j] - truth[i][j];
                se += r * r;
                ae += Math.abs(r);
                double d = truth[i][j] - mean[j];
                tot += d * d;
            }
            mse += se / n;
            rmse += Math.sqrt(se / n);
            mae += ae / n;
            r2 += tot == 0 ? (se == 0 ? 1 : 0) : 1 - se / tot;
        }
        return new RegressionMetrics(mse / k, rmse / k, mae / k, r2 / k);
    }
}
