package jgrad.tensor.functional;

import jgrad.tensor.DType;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/**
 * Losses, activations and softmax for the tensor engine, as {@code torch.nn.functional}: static
 * functions of tensors, each a composition of the public operations of {@link Tensor} (fused ones,
 * such as {@link Tensor#logSoftmax}, stay in the engine and are called from here), so their
 * gradients come from the engine's primitives and none is written by hand.
 *
 * <pre>{@code
 * import static jgrad.tensor.functional.Functional.*;
 *
 * Tensor loss = crossEntropy(model.forward(x), labels);        // mean over the batch, as PyTorch
 * Tensor sum = mse(pred, target, Reduction.SUM);               // reduction='sum'
 * Tensor h = gelu(x.matmul(w));
 * }</pre>
 *
 * <p>Every loss takes a {@link Reduction}; the overload without one means {@link Reduction#MEAN},
 * PyTorch's default. Bad input throws {@link IllegalArgumentException} naming the function and the
 * shapes.
 */
public final class Functional {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private Functional() {
    }

    // ================================================================ activations

    /** max(0, x) elementwise; the gradient at exactly 0 is 0, as in micrograd. */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** tanh(x) elementwise. */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /** 1 / (1 + e^-x) elementwise, without overflow. */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /**
     * The Gaussian error linear unit in PyTorch's tanh form,
     * {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}: {@code F.gelu(x, approximate='tanh')}.
     *
     * <p>NOTE: PyTorch's default is the exact {@code x·Φ(x)} with the error function, which the
     * engine does not have as an operation (erf cannot be composed from exp, log and tanh); the tanh
     * form differs from it by less than 5e-4 everywhere.
     */
    public static Tensor gelu(Tensor x) {
        Tensor inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(SQRT_2_OVER_PI);
        return x.mul(inner.tanh().add(1)).mul(0.5);
    }

    /** exp(x_i) / Σ_j exp(x_j) along {@code dim} (negative counts from the end), stable. */
    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    /** log(softmax(x)) along {@code dim}, computed without log(0). */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    // ================================================================ regression losses

    /** The mean squared error mean((input - target)²), broadcasting. */
    public static Tensor mse(Tensor input, Tensor target) {
        return mse(input, target, Reduction.MEAN);
    }

    /** The squared error (input - target)², reduced by {@code reduction}, broadcasting. */
    public static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        Tensor diff = input.sub(target);
        return reduce(diff.mul(diff), reduction);
    }

    /** The mean absolute error mean|input - target|, broadcasting; the gradient at 0 is 0. */
    public static Tensor l1(Tensor input, Tensor target) {
        return l1(input, target, Reduction.MEAN);
    }

    /** The absolute error |input - target|, reduced by {@code reduction}, broadcasting. */
    public static Tensor l1(Tensor input, Tensor target, Reduction reduction) {
        return reduce(input.sub(target).abs(), reduction);
    }

    /** The mean Huber loss with PyTorch's default {@code delta = 1}. */
    public static Tensor huber(Tensor input, Tensor target) {
        return huber(input, target, 1.0, Reduction.MEAN);
    }

    /** The mean Huber loss; see {@link #huber(Tensor, Tensor, double, Reduction)}. */
    public static Tensor huber(Tensor input, Tensor target, double delta) {
        return huber(input, target, delta, Reduction.MEAN);
    }

    /**
     * The Huber loss of {@code d = input - target}, as PyTorch's {@code huber_loss}: {@code ½d²}
     * where {@code |d| < delta}, else {@code delta·(|d| - ½delta)}. Composed as
     * {@code ½q² + delta·(|d| - q)} with {@code q = min(|d|, delta)}.
     *
     * @throws IllegalArgumentException if {@code delta} is not a positive finite number
     */
    public static Tensor huber(Tensor input, Tensor target, double delta, Reduction reduction) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be a positive finite number, got " + delta
                    + " (PyTorch's default is 1.0)");
        }
        Tensor a = input.sub(target).abs();
        Tensor q = a.minimum(Tensor.scalar(a.dtype(), delta));
        return reduce(q.mul(q).mul(0.5).add(a.sub(q).mul(delta)), reduction);
    }

    // ================================================================ classification losses

    /**
     * The mean cross-entropy of {@code logits} of shape [N, C] against class indices
     * {@code targets} (N of them, each in [0, C)): {@code -mean_n logSoftmax(x)[n, target_n]}, as
     * PyTorch's {@code cross_entropy}.
     *
     * @throws IllegalArgumentException if the logits are not 2-D, the counts differ, or a class is
     *     out of range
     */
    public static Tensor crossEntropy(Tensor logits, int... targets) {
        return crossEntropy(logits, targets, Reduction.MEAN);
    }

    /** The cross-entropy of each row, reduced by {@code reduction} ({@code NONE} gives shape [N]). */
    public static Tensor crossEntropy(Tensor logits, int[] targets, Reduction reduction) {
        Tensor index = classIndex("crossEntropy", "logits", logits, targets);
        return pick(logits.logSoftmax(1), index, reduction);
    }

    /**
     * The mean cross-entropy against int64 class targets of shape [N], as PyTorch's
     * {@code cross_entropy(logits, targets)} with a {@code torch.long} target.
     *
     * @throws IllegalArgumentException if the targets are not a 1-D int64 tensor, or as
     *     {@link #crossEntropy(Tensor, int...)}
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets) {
        return crossEntropy(logits, targets, Reduction.MEAN);
    }

    /** The cross-entropy against int64 class targets, reduced by {@code reduction}. */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, Reduction reduction) {
        return pick(logits.logSoftmax(1), classIndex("crossEntropy", "logits", logits, targets), reduction);
    }

    /**
     * The mean negative log-likelihood of log-probabilities of shape [N, C] (a
     * {@link #logSoftmax}) against class indices: {@code -mean_n logProbs[n, target_n]}, as
     * PyTorch's {@code nll_loss}. {@code crossEntropy(x, t)} is {@code nll(logSoftmax(x, 1), t)}.
     *
     * @throws IllegalArgumentException as {@link #crossEntropy(Tensor, int...)}
     */
    public static Tensor nll(Tensor logProbs, int... targets) {
        return nll(logProbs, targets, Reduction.MEAN);
    }

    /** The negative log-likelihood of each row, reduced by {@code reduction}. */
    public static Tensor nll(Tensor logProbs, int[] targets, Reduction reduction) {
        return pick(logProbs, classIndex("nll", "log-probabilities", logProbs, targets), reduction);
    }

    /** The mean negative log-likelihood against int64 class targets of shape [N]. */
    public static Tensor nll(Tensor logProbs, Tensor targets) {
        return nll(logProbs, targets, Reduction.MEAN);
    }

    /** The negative log-likelihood against int64 class targets, reduced by {@code reduction}. */
    public static Tensor nll(Tensor logProbs, Tensor targets, Reduction reduction) {
        return pick(logProbs, classIndex("nll", "log-probabilities", logProbs, targets), reduction);
    }

    /**
     * The mean binary cross-entropy of {@code logits} against targets in [0, 1], computed stably
     * as {@code mean(max(x, 0) - x·y + log(1 + e^-|x|))}, which never overflows; PyTorch's
     * {@code binary_cross_entropy_with_logits}.
     *
     * @throws IllegalArgumentException if the target does not broadcast to the logits' shape
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor target) {
        return bceWithLogits(logits, target, Reduction.MEAN);
    }

    /** The binary cross-entropy on logits of each element, reduced by {@code reduction}. */
    public static Tensor bceWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        DType dtype = logits.dtype();
        Tensor y = target.cast(dtype);
        if (!Shape.broadcast(logits.shape(), y.shape(), "bceWithLogits").equals(logits.shape())) {
            throw new IllegalArgumentException("bceWithLogits: target shape " + target.shape()
                    + " does not broadcast to the logits' shape " + logits.shape());
        }
        // max(x, 0) rather than relu: at x = 0 relu's gradient is 0 and abs's is 0, which would give
        // -y instead of sigmoid(0) - y; maximum splits the tie, 0.5 to each side, which makes it right
        Tensor positivePart = logits.maximum(Tensor.zeros(dtype, logits.shape().toArray()));
        return reduce(positivePart.sub(logits.mul(y)).add(logits.abs().neg().exp().add(1).log()), reduction);
    }

    /**
     * micrograd's SVM max-margin (hinge) loss, {@code mean(relu(1 - y·score))} for labels
     * {@code y = ±1}, broadcasting; built as micrograd's demo does, {@code relu(-(score·y) + 1)}.
     */
    public static Tensor maxMargin(Tensor scores, Tensor y) {
        return maxMargin(scores, y, Reduction.MEAN);
    }

    /** The hinge terms {@code relu(1 - y·score)}, reduced by {@code reduction}. */
    public static Tensor maxMargin(Tensor scores, Tensor y, Reduction reduction) {
        return reduce(scores.mul(y).neg().add(1).relu(), reduction);
    }

    // ================================================================ helpers

    private static Tensor reduce(Tensor terms, Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException("reduction must be MEAN, SUM or NONE, got null");
        }
        switch (reduction) {
            case SUM: return terms.sum();
            case NONE: return terms;
            default: return terms.mean();
        }
    }

    /** -x[n, index_n] for each row, reduced. */
    private static Tensor pick(Tensor x, Tensor index, Reduction reduction) {
        Tensor picked = x.gather(1, index);
        if (reduction == Reduction.NONE) {
            return picked.reshape(index.dim(0)).neg();
        }
        return reduce(picked, reduction).neg();
    }

    /** The targets as an [N, 1] index for {@code gather}, after checking them against {@code x}. */
    private static Tensor classIndex(String op, String what, Tensor x, int[] targets) {
        long[] idx = new long[targets.length];
        for (int i = 0; i < targets.length; i++) {
            idx[i] = targets[i];
        }
        return classIndex(op, what, x, idx);
    }

    /** An int64 target vector [N] as an [N, 1] index, after checking it against {@code x}. */
    private static Tensor classIndex(String op, String what, Tensor x, Tensor targets) {
        if (targets.dtype() != DType.INT64 || targets.rank() != 1) {
            throw new IllegalArgumentException(op + ": class targets must be a 1-D int64 tensor, got "
                    + targets.dtype() + " " + targets.shape() + "; make them with Tensor.of(long...) or "
                    + "targets.cast(DType.INT64)");
        }
        return classIndex(op, what, x, targets.toLongArray());
    }

    private static Tensor classIndex(String op, String what, Tensor x, long[] targets) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(op + ": " + what + " must have shape [N, C], got " + x.shape());
        }
        if (x.dim(0) == 0 || x.dim(1) == 0) {
            throw new IllegalArgumentException(op + ": " + what + " of shape " + x.shape() + " are empty ("
                    + (x.dim(0) == 0 ? "no rows, so there is no loss to average" : "no classes to choose from")
                    + "); give at least one row and one class");
        }
        if (targets.length != x.dim(0)) {
            throw new IllegalArgumentException(op + ": " + targets.length + " targets for " + x.dim(0)
                    + " rows of " + what + " " + x.shape());
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= x.dim(1)) {
                throw new IllegalArgumentException(op + ": target " + targets[i] + " at row " + i
                        + " is not a class in [0, " + x.dim(1) + ")");
            }
        }
        return Tensor.of(targets, targets.length, 1);
    }
}
