package jgrad.tensor.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.tensor.Tensor;

/**
 * The base of a module with state, as PyTorch's {@code nn.Module}: a constructor registers its
 * parameters, buffers and children by name (what PyTorch does on attribute assignment), and this
 * class names them for {@link #namedParameters()}, {@link #namedBuffers()} and
 * {@link #stateDict()}, and carries the training flag down to every child.
 *
 * <pre>{@code
 * final class Net extends AbstractTensorModule {
 *     private final Linear fc1 = registerModule("fc1", new Linear(4, 8, 1));
 *     private final Linear fc2 = registerModule("fc2", new Linear(8, 2, 2));
 *     private final Tensor scale = registerBuffer("scale", Tensor.ones(2));
 *
 *     public Tensor forward(Tensor x) {
 *         return fc2.forward(Functional.relu(fc1.forward(x))).mul(scale);
 *     }
 * }
 * new Net().stateDict().keySet();   // [fc1.weight, fc1.bias, fc2.weight, fc2.bias, scale]
 * }</pre>
 *
 * <p>The state dict lists, as PyTorch's, the module's own parameters, then its own buffers, then
 * each child's entries in registration order.
 */
public abstract class AbstractTensorModule implements TensorModule {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, TensorModule> children = new LinkedHashMap<>();
    private boolean training = true;

    /** A module with nothing registered yet, in training mode. */
    protected AbstractTensorModule() {
    }

    /**
     * Registers {@code parameter} (a leaf that requires a gradient) as {@code name}; returns it.
     *
     * @throws IllegalArgumentException if the name is taken or not a plain name, or the tensor is
     *     not a leaf that requires a gradient
     */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        checkName(name);
        if (!parameter.isLeaf() || !parameter.requiresGrad()) {
            throw new IllegalArgumentException("registerParameter: '" + name + "' must be a leaf that requires a "
                    + "gradient (use tensor.detach().requiresGrad(true)); for state that is not trained use "
                    + "registerBuffer");
        }
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers {@code buffer} as {@code name}: saved in the state dict, not a parameter (for
     * running statistics); update it in place. Returns it.
     *
     * @throws IllegalArgumentException if the name is taken or not a plain name, or the tensor
     *     requires a gradient
     */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName(name);
        if (buffer.requiresGrad()) {
            throw new IllegalArgumentException("registerBuffer: '" + name + "' requires a gradient; a buffer is not "
                    + "trained (register it with registerParameter, or pass tensor.detach())");
        }
        buffers.put(name, buffer);
        return buffer;
    }

    /**
     * Registers {@code child} as {@code name}, so that its entries are named {@code name.<key>}
     * and it follows {@link #train(boolean)}; returns it.
     *
     * @throws IllegalArgumentException if the name is taken or not a plain name
     */
    protected final <M extends TensorModule> M registerModule(String name, M child) {
        checkName(name);
        if (child == null || child == this) {
            throw new IllegalArgumentException("registerModule: '" + name + "' must be another module, got "
                    + (child == null ? "null" : "this module itself"));
        }
        children.put(name, child);
        return child;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name
                    + "' must be non-empty and without '.', which separates a child's name from its keys");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name
                    + "' is already registered; give each parameter, buffer and child its own name");
        }
    }

    /** Own parameters, then each child's under its name. */
    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>(parameters);
        children.forEach((c, m) -> m.namedParameters().forEach((k, v) -> out.put(c + "." + k, v)));
        return out;
    }

    /** Own buffers, then each child's under its name. */
    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>(buffers);
        children.forEach((c, m) -> m.namedBuffers().forEach((k, v) -> out.put(c + "." + k, v)));
        return out;
    }

    @Override
    public Map<String, TensorModule> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    /** Sets the mode here and in every child. */
    @Override
    public TensorModule train(boolean mode) {
        training = mode;
        for (TensorModule child : children.values()) {
            child.train(mode);
        }
        return this;
    }

    /** PyTorch's order: own parameters, own buffers, then each child's state dict under its name. */
    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> out.put(k, v.detach()));
        buffers.forEach((k, v) -> out.put(k, v.detach()));
        children.forEach((c, m) -> m.stateDict().forEach((k, v) -> out.put(c + "." + k, v)));
        return out;
    }
}
