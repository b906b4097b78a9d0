package jgrad.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated two-dimensional classification datasets, deterministic given the {@code Random}.
 *
 * <p>{@link #moons} and {@link #circles} follow scikit-learn's {@code make_moons} and
 * {@code make_circles} step for step (points on arcs, then a shuffle, then Gaussian noise), and
 * {@link #spiral} follows the CS231n notes; the numbers differ from Python's because the random
 * generator differs. Classes are named "0", "1", ...
 *
 * <pre>{@code
 * Dataset moons = Datasets.moons(100, 0.1, new Random(1337));   // micrograd's demo data
 * Dataset spiral = Datasets.spiral(300, 3, 0.2, new Random(0));  // 3 arms of 100 points
 * }</pre>
 *
 * <p>Every generator throws {@link IllegalArgumentException} for a negative or non-finite noise
 * and for too few samples (fewer than one per class).
 */
public final class Datasets {
    private Datasets() {
    }

    /**
     * Two interleaving half circles, as scikit-learn's {@code make_moons}: {@code n / 2} points of
     * class 0 on the upper arc {@code (cos t, sin t)} and the rest, class 1, on the lower arc
     * {@code (1 - cos t, 1 - sin t - 0.5)}, {@code t} evenly spaced over [0, π]; then the rows are
     * shuffled and Gaussian noise with standard deviation {@code noise} is added to every coordinate.
     */
    public static Dataset moons(int n, double noise, Random rng) {
        check("moons", n, 2, noise);
        int nOut = n / 2;
        int nIn = n - nOut;
        double[][] x = new double[n][];
        int[] y = new int[n];
        double[] tOut = linspace(0, Math.PI, nOut);
        double[] tIn = linspace(0, Math.PI, nIn);
        for (int i = 0; i < nOut; i++) {
            x[i] = new double[] {Math.cos(tOut[i]), Math.sin(tOut[i])};
        }
        for (int i = 0; i < nIn; i++) {
            x[nOut + i] = new double[] {1 - Math.cos(tIn[i]), 1 - Math.sin(tIn[i]) - 0.5};
            y[nOut + i] = 1;
        }
        return shuffleAndNoise(x, y, 2, noise, rng);
    }

    /**
     * Two concentric circles, as scikit-learn's {@code make_circles}: {@code n / 2} points of class
     * 0 on the unit circle and the rest, class 1, on a circle of radius {@code factor}, at angles
     * evenly spaced over [0, 2π) (end point excluded); then shuffle and noise.
     *
     * @throws IllegalArgumentException also unless {@code 0 <= factor < 1}
     */
    public static Dataset circles(int n, double noise, double factor, Random rng) {
        check("circles", n, 2, noise);
        if (!(factor >= 0 && factor < 1)) {
            throw new IllegalArgumentException("Datasets.circles: factor must be in [0, 1), got " + factor);
        }
        int nOut = n / 2;
        int nIn = n - nOut;
        double[][] x = new double[n][];
        int[] y = new int[n];
        double stepOut = 2 * Math.PI / nOut;
        double stepIn = 2 * Math.PI / nIn;
        for (int i = 0; i < nOut; i++) {
            double t = i * stepOut;
            x[i] = new double[] {Math.cos(t), Math.sin(t)};
        }
        for (int i = 0; i < nIn; i++) {
            double t = i * stepIn;
            x[nOut + i] = new double[] {factor * Math.cos(t), factor * Math.sin(t)};
            y[nOut + i] = 1;
        }
        return shuffleAndNoise(x, y, 2, noise, rng);
    }

    /**
     * {@code classes} spiral arms, as in the CS231n notes: arm {@code j} has radii
     * {@code r = linspace(0, 1)} and angles {@code t = linspace(4j, 4(j+1)) + noise · N(0, 1)}, and
     * points {@code (r sin t, r cos t)}. The {@code n} points are split as evenly as possible over
     * the arms (earlier arms get the remainder); rows are grouped by arm, not shuffled, as in the
     * notes.
     *
     * @throws IllegalArgumentException also if {@code classes < 2}
     */
    public static Dataset spiral(int n, int classes, double noise, Random rng) {
        if (classes < 2) {
            throw new IllegalArgumentException("Datasets.spiral: need at least 2 classes, got " + classes);
        }
        check("spiral", n, classes, noise);
        double[][] x = new double[n][];
        int[] y = new int[n];
        int row = 0;
        for (int j = 0; j < classes; j++) {
            int count = n / classes + (j < n % classes ? 1 : 0);
            double[] r = linspace(0, 1, count);
            double[] t = linspace(4 * j, 4 * (j + 1), count);
            for (int i = 0; i < count; i++) {
                double ti = t[i] + noise * rng.nextGaussian();
                x[row] = new double[] {r[i] * Math.sin(ti), r[i] * Math.cos(ti)};
                y[row++] = j;
            }
        }
        return new Dataset(x, y, classNames(classes));
    }

    /**
     * The XOR pattern: points uniform in [−1, 1]², class 1 where exactly one coordinate is
     * positive, class 0 elsewhere; then Gaussian noise of standard deviation {@code noise} on the
     * coordinates (labels are assigned before the noise, so noise blurs the border).
     */
    public static Dataset xor(int n, double noise, Random rng) {
        check("xor", n, 2, noise);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double a = -1 + 2 * rng.nextDouble();
            double b = -1 + 2 * rng.nextDouble();
            y[i] = (a > 0) != (b > 0) ? 1 : 0;
            x[i] = new double[] {a + noise * rng.nextGaussian(), b + noise * rng.nextGaussian()};
        }
        return new Dataset(x, y, classNames(2));
    }

    /**
     * Gaussian blobs, as scikit-learn's {@code make_blobs} in two dimensions: {@code centers}
     * centers drawn uniformly from [−10, 10]², then {@code n} points split as evenly as possible
     * (earlier blobs get the remainder), each its center plus {@code N(0, std²)} per coordinate,
     * labelled by blob; then the rows are shuffled.
     *
     * @throws IllegalArgumentException also if {@code centers < 1}
     */
    public static Dataset blobs(int n, int centers, double std, Random rng) {
        if (centers < 1) {
            throw new IllegalArgumentException("Datasets.blobs: need at least 1 center, got " + centers);
        }
        check("blobs", n, centers, std, "std");
        double[][] c = new double[centers][];
        for (int j = 0; j < centers; j++) {
            c[j] = new double[] {-10 + 20 * rng.nextDouble(), -10 + 20 * rng.nextDouble()};
        }
        double[][] x = new double[n][];
        int[] y = new int[n];
        int row = 0;
        for (int j = 0; j < centers; j++) {
            int count = n / centers + (j < n % centers ? 1 : 0);
            for (int i = 0; i < count; i++) {
                x[row] = new double[] {c[j][0] + std * rng.nextGaussian(), c[j][1] + std * rng.nextGaussian()};
                y[row++] = j;
            }
        }
        return shuffleAndNoise(x, y, centers, 0, rng);
    }

    /** numpy's {@code linspace(start, stop, num)}: {@code start + i·step}, the last point exactly {@code stop}. */
    static double[] linspace(double start, double stop, int num) {
        double[] out = new double[num];
        if (num == 0) {
            return out;
        }
        if (num == 1) {
            out[0] = start;
            return out;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = start + i * step;
        }
        out[num - 1] = stop;
        return out;
    }

    /** Shuffles the rows with {@code rng}, then adds noise row by row, coordinate by coordinate. */
    private static Dataset shuffleAndNoise(double[][] x, int[] y, int classes, double noise, Random rng) {
        int[] order = Dataset.permutation(x.length, rng);
        double[][] xs = new double[x.length][];
        int[] ys = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = x[order[i]].clone();
            ys[i] = y[order[i]];
        }
        if (noise > 0) {
            for (double[] row : xs) {
                for (int j = 0; j < row.length; j++) {
                    row[j] += noise * rng.nextGaussian();
                }
            }
        }
        return new Dataset(xs, ys, classNames(classes));
    }

    private static List<String> classNames(int k) {
        List<String> names = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            names.add(Integer.toString(j));
        }
        return names;
    }

    private static void check(String name, int n, int minimum, double noise) {
        check(name, n, minimum, noise, "noise");
    }

    private static void check(String name, int n, int minimum, double noise, String noiseName) {
        if (n < minimum) {
            throw new IllegalArgumentException("Datasets." + name + ": need at least " + minimum
                    + " samples (one per class), got " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("Datasets." + name + ": " + noiseName + " must be finite and >= 0, got "
                    + noise);
        }
    }
}
