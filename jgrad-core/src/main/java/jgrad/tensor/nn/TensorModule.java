package jgrad.tensor.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/**
 * A piece of a tensor network: a function of a batch with trainable parameter tensors, buffers
 * (saved state that is not trained, such as BatchNorm's running statistics) and child modules, as
 * PyTorch's {@code nn.Module}. Write a module by extending {@link AbstractTensorModule}, which
 * registers parameters, buffers and children the way PyTorch's attributes do.
 *
 * <p>Names follow PyTorch's {@code state_dict}: a child's entries get its name and a dot in front
 * ({@code "fc1.weight"}; {@link Sequential} names its children {@code 0, 1, 2, ...}, so
 * {@code "0.weight"}, {@code "0.bias"}, {@code "2.weight"}), so that a model saved with
 * {@link jgrad.io.SafeTensors} loads into the same PyTorch architecture and back.
 *
 * <pre>{@code
 * TensorModule model = new MLP(new Random(0), DType.FLOAT32, 2, 16, 16, 1);
 * Tensor scores = model.forward(x);          // x: [batch, 2] → [batch, 1]
 * model.parameters().size();                 // 6 tensors: 3 weights and 3 biases
 * SafeTensors.save(path, model.stateDict()); // "0.weight", "0.bias", "2.weight", ...
 * model.loadStateDict(SafeTensors.load(path), true);
 * model.eval();                              // evaluation mode, down to every child
 * }</pre>
 */
public interface TensorModule {
    /** The output for a batch {@code x}. */
    Tensor forward(Tensor x);

    /** The parameters by name, children's included, in a stable order; the same tensors on every call. */
    Map<String, Tensor> namedParameters();

    /** The buffers (saved, not trained) by name, children's included; none by default. */
    default Map<String, Tensor> namedBuffers() {
        return Map.of();
    }

    /** The direct children by name, in order; none by default. */
    default Map<String, TensorModule> namedChildren() {
        return Map.of();
    }

    /**
     * Whether the module is in training mode (the default), as PyTorch's {@code module.training}.
     * A module without state of its own, such as an {@link Activation} constant, behaves the same
     * in both modes and always answers true.
     */
    default boolean isTraining() {
        return true;
    }

    /**
     * Sets training mode ({@code true}) or evaluation mode on this module and every descendant, as
     * PyTorch's {@code module.train(mode)}; returns this module. By default only the children
     * are told.
     */
    default TensorModule train(boolean mode) {
        for (TensorModule child : namedChildren().values()) {
            child.train(mode);
        }
        return this;
    }

    /** {@code train(true)}. */
    default TensorModule train() {
        return train(true);
    }

    /** Evaluation mode, {@code train(false)}, as PyTorch's {@code module.eval()}. */
    default TensorModule eval() {
        return train(false);
    }

    /** The parameters in {@link #namedParameters()} order, each once even when shared. */
    default List<Tensor> parameters() {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : namedParameters().values()) {
            if (seen.add(p)) {
                out.add(p);
            }
        }
        return out;
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
     * Everything to save, by PyTorch's {@code state_dict} names: parameters and buffers, as
     * detached tensors that share the module's data.
     */
    default Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((k, v) -> out.put(k, v.detach()));
        namedBuffers().forEach((k, v) -> out.put(k, v.detach()));
        return out;
    }

    /** The keys that {@link #loadStateDict} did not match, as PyTorch's {@code _IncompatibleKeys}. */
    record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
        /** Immutable copies. */
        public IncompatibleKeys {
            missingKeys = List.copyOf(missingKeys);
            unexpectedKeys = List.copyOf(unexpectedKeys);
        }
    }

    /**
     * Copies {@code state} into the parameters and buffers of the same names, in place, converting
     * the dtype if needed: the inverse of {@link #stateDict()}, as PyTorch's
     * {@code load_state_dict(state, strict)}. Nothing is copied unless every check passes.
     *
     * @param strict whether a key of the model missing from {@code state}, or a key of
     *     {@code state} the model does not have, is an error; with {@code false} the matching keys
     *     are loaded and the others returned
     * @return the keys that did not match (both lists empty after a strict load)
     * @throws IllegalArgumentException naming the key and both shapes when a shape differs (also
     *     when not strict, as PyTorch), or naming the keys when strict and they do not match
     */
    default IncompatibleKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = new LinkedHashMap<>(namedParameters());
        own.putAll(namedBuffers());
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>();
        for (String key : own.keySet()) {
            if (!state.containsKey(key)) {
                missing.add(key);
            }
        }
        for (String key : state.keySet()) {
            if (!own.containsKey(key)) {
                unexpected.add(key);
            }
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null && !src.shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException("loadStateDict: '" + e.getKey() + "' has shape " + src.shape()
                        + " in the state dict but " + e.getValue().shape() + " in the model; the architectures "
                        + "differ (check the layer sizes)");
            }
        }
        if (strict && (!missing.isEmpty() || !unexpected.isEmpty())) {
            StringBuilder msg = new StringBuilder("loadStateDict:");
            if (!missing.isEmpty()) {
                msg.append(" missing keys ").append(withShapes(missing, own)).append(';');
            }
            if (!unexpected.isEmpty()) {
                msg.append(" unexpected keys ").append(withShapes(unexpected, state)).append(';');
            }
            msg.append(" this model has ").append(own.keySet())
                    .append(" (pass strict=false to load only the keys that match)");
            throw new IllegalArgumentException(msg.toString());
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null) {
                e.getValue().copyFrom(src);
            }
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    private static String withShapes(List<String> keys, Map<String, Tensor> tensors) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            out.add("'" + k + "' " + tensors.get(k).shape());
        }
        return out.toString();
    }

    /**
     * Copies the values of {@code state} into the parameters of the same names, converting the
     * dtype if needed: the inverse of saving {@link #namedParameters()}. Buffers are not touched;
     * {@link #loadStateDict} loads both.
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
