package jgrad.nn;

import java.util.List;
import java.util.Objects;
import jgrad.engine.Value;

/**
 * The numbers an {@link Optimizer} updates, seen as one flat, indexed array of (value, gradient)
 * pairs. The optimizers' math is written once against this interface, so the scalar engine
 * ({@link #of(List)}) and a tensor engine (a group over its tensors' flat storage) share it.
 *
 * <p>The size and the meaning of each index must not change between {@link Optimizer#step()}
 * calls: optimizers keep per-index state (momentum, Adam's moments).
 *
 * <pre>{@code
 * ParameterGroup group = ParameterGroup.of(model.parameters());
 * Optimizer sgd = new SGD(group, 0.1);
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

    /** A group over scalar-engine parameters: index {@code i} is {@code parameters.get(i)}. */
    static ParameterGroup of(List<Value> parameters) {
        Value[] ps = parameters.toArray(new Value[0]);
        for (int i = 0; i < ps.length; i++) {
            Objects.requireNonNull(ps[i], "parameter " + i);
        }
        return new ParameterGroup() {
            @Override public int size() { return ps.length; }
            @Override public double value(int i) { return ps[i].data(); }
            @Override public double grad(int i) { return ps[i].grad(); }
            @Override public void setValue(int i, double v) { ps[i].setData(v); }
            @Override public void zeroGrad() {
                for (Value p : ps) {
                    p.zeroGrad();
                }
            }
        };
    }
}
