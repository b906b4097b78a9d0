package jgrad.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The race's generated table: {@code d} standard-normal features; the label is the argmax of a
 * fixed random teacher network (d → 16 tanh → classes, weights N(0, 1) from {@code new Random(seed)}),
 * with 5% of labels replaced by a uniformly random class, so no model can reach 100% and a
 * linear one falls well short.
 */
final class RaceData {
    final int d;
    final int classes;
    final List<double[]> rows = new ArrayList<>();   // features then label

    RaceData(long seed, int n, int d, int classes) {
        this.d = d;
        this.classes = classes;
        Random rng = new Random(seed);
        int h = 16;
        double[][] w1 = new double[h][d], w2 = new double[classes][h];
        for (double[] r : w1) {
            for (int j = 0; j < d; j++) {
                r[j] = rng.nextGaussian();
            }
        }
        for (double[] r : w2) {
            for (int j = 0; j < h; j++) {
                r[j] = rng.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            double[] row = new double[d + 1];
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
            double[] hid = new double[h];
            for (int a = 0; a < h; a++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += w1[a][j] * row[j];
                }
                hid[a] = Math.tanh(s / Math.sqrt(d));
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double s = 0;
                for (int a = 0; a < h; a++) {
                    s += w2[k][a] * hid[a];
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            row[d] = rng.nextDouble() < 0.05 ? rng.nextInt(classes) : best;
            rows.add(row);
        }
    }
}
