package jgrad.nn;

import java.util.List;
import jgrad.engine.Value;

/**
 * Anything with trainable parameters: micrograd's {@code Module}.
 *
 * <p>{@link #parameters()} lists the parameters in a stable, documented order. For the networks
 * here it is layer by layer, neuron by neuron, and within a neuron its weights and then its bias;
 * optimizers, model files and {@link #setParameterData} all use this order.
 *
 * <pre>{@code
 * MLP model = new MLP(new Random(0), 2, 16, 16, 1);
 * model.parameters().size();   // 337
 * model.zeroGrad();            // before each backward pass
 * }</pre>
 */
public interface Module {
    /** The trainable parameters, in this module's documented order; the same nodes on every call. */
    List<Value> parameters();

    /** Sets the gradient of every parameter to 0, as before each backward pass. */
    default void zeroGrad() {
        for (Value p : parameters()) {
            p.zeroGrad();
        }
    }

    /** A copy of the parameters' values, in {@link #parameters()} order. */
    default double[] parameterData() {
        List<Value> params = parameters();
        double[] data = new double[params.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = params.get(i).data();
        }
        return data;
    }

    /**
     * Sets every parameter's value, in {@link #parameters()} order (gradients are untouched).
     *
     * @throws IllegalArgumentException if the count differs or a value is NaN or infinite; no
     *     parameter is changed then
     */
    default void setParameterData(double... data) {
        List<Value> params = parameters();
        if (data.length != params.size()) {
            throw new IllegalArgumentException("setParameterData: this " + getClass().getSimpleName() + " has " + params.size()
                    + " parameters but " + data.length + " values were given");
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("setParameterData: value " + i + " is " + data[i]
                        + "; parameters must be finite");
            }
        }
        for (int i = 0; i < data.length; i++) {
            params.get(i).setData(data[i]);
        }
    }
}
