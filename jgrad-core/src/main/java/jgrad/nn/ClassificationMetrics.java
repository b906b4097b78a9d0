package jgrad.nn;

import java.util.Arrays;

/**
 * How well predicted classes match true ones: accuracy, the confusion matrix, and per-class
 * precision, recall and F1, with the definitions of scikit-learn's {@code accuracy_score},
 * {@code confusion_matrix} and {@code precision_recall_fscore_support} ({@code zero_division=0}:
 * a class never predicted has precision 0, a class never present has recall 0).
 *
 * <pre>{@code
 * ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 1, 1}, new int[] {0, 1, 0}, 2);
 * m.accuracy();        // 2/3
 * m.confusion()[1][0]; // 1: one example of class 1 predicted as 0
 * m.recall(1);         // 0.5
 * }</pre>
 */
public final class ClassificationMetrics {
    private final long[][] confusion;
    private final long total;

    private ClassificationMetrics(long[][] confusion, long total) {
        this.confusion = confusion;
        this.total = total;
    }

    /**
     * The metrics of {@code predicted} against {@code truth}, both class indices in
     * {@code [0, classes)}.
     *
     * @throws IllegalArgumentException if the lengths differ, there are no examples, or an index
     *     is outside the classes
     */
    public static ClassificationMetrics of(int[] truth, int[] predicted, int classes) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("ClassificationMetrics: " + truth.length + " true classes but "
                    + predicted.length + " predictions");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("ClassificationMetrics: no examples to score");
        }
        long[][] c = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("ClassificationMetrics: example " + i + " has class " + truth[i]
                        + " predicted " + predicted[i] + ", outside [0, " + classes + ")");
            }
            c[truth[i]][predicted[i]]++;
        }
        return new ClassificationMetrics(c, truth.length);
    }

    /** The number of classes. */
    public int classCount() {
        return confusion.length;
    }

    /** The number of examples scored. */
    public long count() {
        return total;
    }

    /** The fraction of examples whose predicted class is the true one. */
    public double accuracy() {
        long right = 0;
        for (int k = 0; k < confusion.length; k++) {
            right += confusion[k][k];
        }
        return (double) right / total;
    }

    /** A copy of the confusion matrix: {@code [t][p]} counts examples of class t predicted as p. */
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int k = 0; k < copy.length; k++) {
            copy[k] = confusion[k].clone();
        }
        return copy;
    }

    /** Of the examples predicted as class {@code k}, the fraction that are (0 if none was). */
    public double precision(int k) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[k];
        }
        return predicted == 0 ? 0 : (double) confusion[k][k] / predicted;
    }

    /** Of the examples of class {@code k}, the fraction predicted as such (0 if there are none). */
    public double recall(int k) {
        long actual = Arrays.stream(confusion[k]).sum();
        return actual == 0 ? 0 : (double) confusion[k][k] / actual;
    }

    /** The harmonic mean of precision and recall of class {@code k} (0 when both are 0). */
    public double f1(int k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The number of examples of class {@code k} (scikit-learn's support). */
    public long support(int k) {
        return Arrays.stream(confusion[k]).sum();
    }

    /** The unweighted mean of the per-class F1 scores (scikit-learn's {@code average="macro"}). */
    public double macroF1() {
        double sum = 0;
        for (int k = 0; k < confusion.length; k++) {
            sum += f1(k);
        }
        return sum / confusion.length;
    }
}
