package jgrad.tensor.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/**
 * A piece of a tensor network: a function of a batch with trainable parameter tensors, as
 * PyTorch's {@code nn.Module}.
 *
 * <p>{@link #namedParameters()} names the parameters as PyTorch's {@code state_dict} does
 * ({@code "0.weight"}, {@code "0.bias"}, ... for a {@link Sequential}), so that a model saved with
 * {@link jgrad.io.SafeTensors} loads into the same PyTorch architecture and back.
 *
 * <pre>{@code
 * TensorModule model = new MLP(new Random(0), DType.FLOAT32, 2, 16, 16, 1);
 * Tensor scores = model.forward(x);          // x: [batch, 2] → [batch, 1]
 * model.parameters().size();                 // 6 tensors: 3 weights and 3 biases
 * }</pre>
 */
public interface TensorModule {
    /** The output for a batch {@code x}. */
    Tensor forward(Tensor x);

    /** The parameters by name, in a stable order; the same tensors on every call. */
    Map<String, Tensor> namedParameters();

    /** The parameters in {@link #namedParameters()} order. */
    default List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The total number of scalars in the parameters. */
    default int parameterCount() {
        int n = 0;
        for (Tensor p : parameters()) {
            n += p.numel();
        }
        return n;
    }

    /** Sets every parameter's gradient to 0. */
    default void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    /**
     * Copies the values of {@code state} into the parameters of the same names, converting the
     * dtype if needed: the inverse of saving {@link #namedParameters()}.
     *
     * @throws IllegalArgumentException if a name is missing or extra, or a shape differs
     */
    default void loadParameters(Map<String, Tensor> state) {
        Map<String, Tensor> own = namedParameters();
        for (String name : state.keySet()) {
            if (!own.containsKey(name)) {
                throw new IllegalArgumentException("loadParameters: unexpected parameter '" + name
                        + "'; this model has " + own.keySet());
            }
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            Tensor dst = e.getValue();
            if (src == null) {
                throw new IllegalArgumentException("loadParameters: missing parameter '" + e.getKey()
                        + "' of shape " + dst.shape());
            }
            Shape s = src.shape();
            if (!s.equals(dst.shape())) {
                throw new IllegalArgumentException("loadParameters: parameter '" + e.getKey() + "' has shape " + s
                        + " but the model expects " + dst.shape());
            }
            dst.copyFrom(src);
        }
    }
}
