package jgrad.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What a worker needs to rebuild the network: layer sizes (input first), the hidden activation,
 * the loss, and the element type. Serializable, so it travels in Spark closures; equal specs share
 * a cached network on each executor thread.
 *
 * <pre>{@code
 * ModelSpec spec = new ModelSpec(new int[] {4, 32, 3}, "relu", "cross_entropy", "float64");
 * spec.outputs();   // 3
 * }</pre>
 */
public final class ModelSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The hidden activations the workers know. */
    public static final String[] ACTIVATIONS = {"relu", "tanh", "sigmoid"};
    /** The losses: cross-entropy over class logits, mean squared and mean absolute error. */
    public static final String[] LOSSES = {"cross_entropy", "mse", "mae"};
    /** The element types. */
    public static final String[] DTYPES = {"float32", "float64"};

    private final int[] sizes;
    private final String activation;
    private final String loss;
    private final String dtype;

    /**
     * @throws IllegalArgumentException for fewer than two sizes, a size below 1, or an unknown
     *     activation, loss or dtype (the message lists the known ones)
     */
    public ModelSpec(int[] sizes, String activation, String loss, String dtype) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("ModelSpec: give at least an input and an output size, got "
                    + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("ModelSpec: every layer size must be >= 1, got "
                        + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        this.activation = oneOf("activation", activation, ACTIVATIONS);
        this.loss = oneOf("loss", loss, LOSSES);
        this.dtype = oneOf("dtype", dtype, DTYPES);
        if (this.loss.equals("cross_entropy") && outputs() < 2) {
            throw new IllegalArgumentException("ModelSpec: cross_entropy needs at least 2 outputs (one per class), got "
                    + Arrays.toString(sizes));
        }
    }

    static String oneOf(String what, String value, String[] known) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        for (String k : known) {
            if (k.equals(v)) {
                return k;
            }
        }
        throw new IllegalArgumentException("jgrad-spark: unknown " + what + " \"" + value + "\"; use one of "
                + Arrays.toString(known));
    }

    /** The layer sizes, input first. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The number of input features. */
    public int inputs() {
        return sizes[0];
    }

    /** The number of outputs (classes for cross-entropy, 1 for a regression). */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** The hidden activation: relu, tanh or sigmoid. */
    public String activation() {
        return activation;
    }

    /** The loss: cross_entropy, mse or mae. */
    public String loss() {
        return loss;
    }

    /** The element type: float32 or float64. */
    public String dtype() {
        return dtype;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && Arrays.equals(sizes, s.sizes) && activation.equals(s.activation)
                && loss.equals(s.loss) && dtype.equals(s.dtype);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sizes), activation, loss, dtype);
    }

    @Override
    public String toString() {
        return "ModelSpec" + Arrays.toString(sizes) + " " + activation + " " + loss + " " + dtype;
    }
}
