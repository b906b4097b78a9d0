package jgrad.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.engine.Value;

/**
 * How a classifier's outputs are scored against class labels: which loss, how many outputs the
 * network needs, and how outputs become a predicted class. {@link Trainer} uses it.
 *
 * <ul>
 *   <li>{@link #MAX_MARGIN}: micrograd's demo. One output (a score); class 1 is {@code y = +1},
 *       class 0 is {@code y = -1}; {@link Losses#maxMargin}.</li>
 *   <li>{@link #BINARY_CROSS_ENTROPY}: one output (a logit); {@link Losses#bceWithLogits}.</li>
 *   <li>{@link #CROSS_ENTROPY}: one output (a logit) per class; {@link Losses#crossEntropy}.</li>
 * </ul>
 * A single output predicts class 1 when it is above 0 (micrograd's {@code score > 0}, and
 * {@code sigmoid(x) > 0.5} for a logit); several outputs predict the largest one.
 *
 * <pre>{@code
 * ClassificationLoss.CROSS_ENTROPY.outputs(3);          // 3 outputs for 3 classes
 * ClassificationLoss.predict(new double[] {0.2, 1.5});  // 1
 * }</pre>
 */
public enum ClassificationLoss {
    /** mean(relu(1 − y·score)) with y = ±1; two classes, one output. */
    MAX_MARGIN("max-margin"),
    /** Binary cross-entropy on a logit; two classes, one output. */
    BINARY_CROSS_ENTROPY("bce"),
    /** Softmax cross-entropy; one output per class. */
    CROSS_ENTROPY("cross-entropy");

    private final String id;

    ClassificationLoss(String id) {
        this.id = id;
    }

    /** The name used on the command line and in model metadata: max-margin, bce, cross-entropy. */
    public String id() {
        return id;
    }

    /** The loss with the given {@link #id()}. @throws IllegalArgumentException naming the accepted ids */
    public static ClassificationLoss parse(String id) {
        for (ClassificationLoss l : values()) {
            if (l.id.equalsIgnoreCase(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss \"" + id + "\": use max-margin, bce or cross-entropy");
    }

    /**
     * The number of network outputs this loss needs for {@code classes} classes.
     *
     * @throws IllegalArgumentException if a binary loss is given other than two classes
     */
    public int outputs(int classes) {
        if (this == CROSS_ENTROPY) {
            if (classes < 2) {
                throw new IllegalArgumentException(id + ": needs at least 2 classes, got " + classes);
            }
            return classes;
        }
        if (classes != 2) {
            throw new IllegalArgumentException(id + ": is a two-class loss but the data has " + classes
                    + " classes; use cross-entropy");
        }
        return 1;
    }

    /**
     * The mean loss of a batch: {@code outputs.get(i)} is the network's output for an example of
     * class {@code labels[i]}.
     *
     * @throws IllegalArgumentException if counts differ or an output row has the wrong length
     */
    public Value loss(List<List<Value>> outputs, int[] labels) {
        if (outputs.size() != labels.length) {
            throw new IllegalArgumentException(id + ": " + outputs.size() + " outputs but " + labels.length + " labels");
        }
        if (this == CROSS_ENTROPY) {
            return Losses.crossEntropy(outputs, labels);
        }
        List<Value> scores = new ArrayList<>(outputs.size());
        double[] y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (outputs.get(i).size() != 1) {
                throw new IllegalArgumentException(id + ": expects one output per example, got " + outputs.get(i).size());
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(id + ": label " + labels[i] + " of row " + i + " is not 0 or 1");
            }
            scores.add(outputs.get(i).get(0));
            y[i] = this == MAX_MARGIN ? (labels[i] == 1 ? 1.0 : -1.0) : labels[i];
        }
        return this == MAX_MARGIN ? Losses.maxMargin(scores, y) : Losses.bceWithLogits(scores, y);
    }

    /** The predicted class: {@code output > 0} for one output, the index of the largest otherwise. */
    public static int predict(double[] outputs) {
        if (outputs.length == 1) {
            return outputs[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < outputs.length; j++) {
            if (outputs[j] > outputs[best]) {
                best = j;
            }
        }
        return best;
    }

    /** {@link #predict(double[])} on the data of {@code outputs}. */
    public static int predict(List<Value> outputs) {
        double[] d = new double[outputs.size()];
        for (int j = 0; j < d.length; j++) {
            d[j] = outputs.get(j).data();
        }
        return predict(d);
    }
}
