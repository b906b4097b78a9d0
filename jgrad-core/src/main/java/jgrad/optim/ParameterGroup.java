package jgrad.optim;

import java.util.List;

/**
 * The numbers an {@link Optimizer} updates, seen as one flat, indexed array of (value, gradient)
 * pairs. The optimizers' math is written once against this interface, so the scalar engine's
 * {@code Value}s and the tensor engine's tensors share it: {@link #of(List)} concatenates any
 * {@link Parameter}s.
 *
 * <p>The size and the meaning of each index must not change between {@link Optimizer#step()}
 * calls: optimizers keep per-index state (momentum, Adam's moments).
 *
 * <pre>{@code
 * ParameterGroup group = ParameterGroup.of(model.parameters());
 * Optimizer sgd = new SGD(group, 0.1, 0.9, 0);   // momentum 0.9
 * }</pre>
 */
public interface ParameterGroup {
    /** The number of scalars. */
    int size();

    /** The current value of scalar {@code i}. */
    double value(int i);

    /** The gradient of the loss with respect to scalar {@code i}. */
    double grad(int i);

    /** Replaces the value of scalar {@code i}. */
    void setValue(int i, double v);

    /** Sets every gradient to 0. */
    void zeroGrad();

    /**
     * Copies every value into {@code values[0, size)} and every gradient into
     * {@code grads[0, size)}: what an optimizer step reads. Groups over arrays override this
     * with a tight loop; the default goes through {@link #value} and {@link #grad}.
     */
    default void read(double[] values, double[] grads) {
        for (int i = 0; i < size(); i++) {
            values[i] = value(i);
            grads[i] = grad(i);
        }
    }

    /** Sets every value from {@code values[0, size)}: what an optimizer step writes back. */
    default void write(double[] values) {
        for (int i = 0; i < size(); i++) {
            setValue(i, values[i]);
        }
    }

    /**
     * A group over {@code parameters}, in order: index {@code i} runs through the first parameter's
     * scalars, then the second's, and so on.
     *
     * @throws IllegalArgumentException if a parameter is null or cannot be trained
     */
    static ParameterGroup of(List<? extends Parameter> parameters) {
        return new ParameterList(parameters);
    }
}
