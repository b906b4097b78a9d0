package jgrad.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/** Seeded test data and local Spark sessions for the tests. */
final class TestData {
    private TestData() {
    }

    /** {@code n} rows of {@code d} features in {@code classes} Gaussian blobs (label = blob index). */
    static double[][] blobs(long seed, int n, int d, int classes, double[] labelsOut) {
        Random rng = new Random(seed);
        double[][] centers = new double[classes][d];
        for (double[] c : centers) {
            for (int j = 0; j < d; j++) {
                c[j] = rng.nextGaussian() * 2;
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(classes);
            labelsOut[i] = k;
            for (int j = 0; j < d; j++) {
                x[i][j] = centers[k][j] + rng.nextGaussian();
            }
        }
        return x;
    }

    /** Rows as SparkTrainer takes them: features then the target. */
    static List<double[]> rows(double[][] x, double[] y) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double[] r = java.util.Arrays.copyOf(x[i], x[i].length + 1);
            r[x[i].length] = y[i];
            out.add(r);
        }
        return out;
    }

    /** A local session on {@code master} (for example local[2] or local[2,3]), without UI. */
    static SparkSession session(String master) {
        return SparkSession.builder().master(master).appName("jgrad-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }
}
