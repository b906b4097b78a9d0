package jgrad.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.engine.Value;

/**
 * Loss functions, each a composition of {@link Value} operations, so their gradients come from
 * the engine's primitives and no derivative is written by hand here.
 *
 * <p>Targets are plain numbers (data, not parameters). Sums are built as Python's {@code sum}
 * builds them, {@code ((0 + l0) + l1) + ...}, and means as micrograd's demo does,
 * {@code sum * (1.0 / n)}, so the moons demo's loss graph matches the reference node for node.
 *
 * <pre>{@code
 * List<Value> scores = model.forward ... ;            // one score per example
 * Value dataLoss = Losses.maxMargin(scores, y);        // mean(relu(1 - y·score)), y = ±1
 * Value loss = dataLoss.add(Losses.l2(model.parameters(), 1e-4));
 * loss.backward();
 * }</pre>
 *
 * <p>Every function throws {@link IllegalArgumentException} when predictions and targets differ
 * in count, the batch is empty, or a target is not finite.
 */
public final class Losses {
    /** How per-example losses are combined. */
    public enum Reduction {
        /** Their sum, as in the lecture's {@code sum((yout - ygt)**2)}. */
        SUM,
        /** Their mean. */
        MEAN
    }

    private Losses() {
    }

    /** {@code 0 + x0 + x1 + ...}: Python's {@code sum}; a new leaf 0 for an empty list. */
    public static Value sum(List<Value> xs) {
        Value s = Value.of(0);
        for (Value x : xs) {
            s = s.add(x);
        }
        return s;
    }

    /** {@code sum(xs) * (1.0 / n)}. @throws IllegalArgumentException if {@code xs} is empty */
    public static Value mean(List<Value> xs) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("Losses.mean: the mean of no values is undefined; give at least one");
        }
        return sum(xs).mul(1.0 / xs.size());
    }

    /**
     * Squared error {@code (pred_i - target_i)^2}, summed or averaged. The lecture's loss is
     * {@code mse(ypred, ys, Reduction.SUM)}.
     */
    public static Value mse(List<Value> pred, double[] target, Reduction reduction) {
        check("mse", pred.size(), target);
        List<Value> terms = new ArrayList<>(pred.size());
        for (int i = 0; i < pred.size(); i++) {
            terms.add(pred.get(i).add(-target[i]).pow(2)); // micrograd's yout - ygt is yout + (-ygt)
        }
        return reduction == Reduction.SUM ? sum(terms) : mean(terms);
    }

    /**
     * micrograd's SVM max-margin (hinge) loss, {@code mean(relu(1 - y_i·score_i))} for labels
     * {@code y_i = ±1}. Built as in the demo, {@code relu(score·(-y) + 1)}.
     */
    public static Value maxMargin(List<Value> scores, double[] y) {
        return mean(maxMarginTerms(scores, y));
    }

    /**
     * The per-example terms of {@link #maxMargin}, {@code relu(1 - y_i · score_i)}, before the mean:
     * for drawing or inspecting one example's share of the loss.
     *
     * @throws IllegalArgumentException as {@link #maxMargin}
     */
    public static List<Value> maxMarginTerms(List<Value> scores, double[] y) {
        check("maxMargin", scores.size(), y);
        List<Value> terms = new ArrayList<>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            terms.add(scores.get(i).mul(-y[i]).add(1).relu());
        }
        return terms;
    }

    /**
     * Binary cross-entropy on logits, {@code mean(-y·log σ(x) - (1-y)·log(1-σ(x)))} for targets
     * {@code y} in [0, 1], in the stable form {@code max(x, 0) - x·y + log(1 + e^-|x|)}: the
     * exponent is never positive, so nothing overflows for any logit. Its gradient is
     * {@code (σ(x) - y) / n}.
     *
     * <p>NOTE: {@code max(x, 0)} and {@code |x|} are resolved on the data, as
     * {@code x + log(1 + e^-x)} for {@code x >= 0} and {@code log(1 + e^x)} below, rather than
     * composed from {@code relu}: relu's gradient 0 at the kink would give the wrong gradient
     * {@code -y} at exactly {@code x = 0}, where the true one is {@code 0.5 - y}.
     */
    public static Value bceWithLogits(List<Value> logits, double[] y) {
        check("bceWithLogits", logits.size(), y);
        List<Value> terms = new ArrayList<>(logits.size());
        for (int i = 0; i < logits.size(); i++) {
            Value x = logits.get(i);
            Value softplus = x.data() >= 0 ? x.add(x.neg().exp().add(1).log()) : x.exp().add(1).log();
            terms.add(softplus.sub(x.mul(y[i])));
        }
        return mean(terms);
    }

    /**
     * Softmax cross-entropy for several classes, {@code mean(logsumexp(z) - z_c)} over examples
     * with logits {@code z} and class index {@code c}. The log-sum-exp subtracts the largest logit
     * {@code m} first, {@code m + log(sum_j e^(z_j - m))}, so no exponent exceeds 0; {@code m} is a
     * constant, which leaves the gradient ({@code softmax(z) - onehot(c)}, over n) unchanged.
     *
     * @throws IllegalArgumentException also if a row is empty, rows differ in length, or a class
     *     index is out of range
     */
    public static Value crossEntropy(List<List<Value>> logits, int[] classes) {
        if (logits.size() != classes.length) {
            throw new IllegalArgumentException("Losses.crossEntropy: " + logits.size() + " rows of logits but "
                    + classes.length + " class labels");
        }
        if (logits.isEmpty()) {
            throw new IllegalArgumentException("Losses.crossEntropy: empty batch");
        }
        int k = logits.get(0).size();
        List<Value> terms = new ArrayList<>(logits.size());
        for (int i = 0; i < logits.size(); i++) {
            List<Value> z = logits.get(i);
            if (z.size() != k || k == 0) {
                throw new IllegalArgumentException("Losses.crossEntropy: row " + i + " has " + z.size()
                        + " logits, expected " + k + " (and at least 1)");
            }
            if (classes[i] < 0 || classes[i] >= k) {
                throw new IllegalArgumentException("Losses.crossEntropy: class " + classes[i] + " of row " + i
                        + " is out of range for " + k + " logits");
            }
            double m = Double.NEGATIVE_INFINITY;
            for (Value zj : z) {
                m = Math.max(m, zj.data());
            }
            List<Value> exps = new ArrayList<>(k);
            for (Value zj : z) {
                exps.add(zj.add(-m).exp());
            }
            Value logSumExp = sum(exps).log().add(m);
            terms.add(logSumExp.sub(z.get(classes[i])));
        }
        return mean(terms);
    }

    /**
     * L2 regularisation {@code alpha · sum(p·p)}, as in micrograd's demo (there alpha = 1e-4).
     *
     * @throws IllegalArgumentException if {@code alpha} is negative or not finite
     */
    public static Value l2(List<Value> parameters, double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Losses.l2: alpha must be finite and >= 0, got " + alpha);
        }
        List<Value> squares = new ArrayList<>(parameters.size());
        for (Value p : parameters) {
            squares.add(p.mul(p));
        }
        return sum(squares).mul(alpha);
    }

    private static void check(String op, int n, double[] target) {
        if (n != target.length) {
            throw new IllegalArgumentException("Losses." + op + ": " + n + " predictions but "
                    + target.length + " targets");
        }
        if (n == 0) {
            throw new IllegalArgumentException("Losses." + op + ": empty batch");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(target[i])) {
                throw new IllegalArgumentException("Losses." + op + ": target " + i + " is " + target[i]);
            }
        }
    }
}
