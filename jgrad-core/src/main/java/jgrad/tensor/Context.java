package jgrad.tensor;

import java.util.Arrays;

/**
 * One recorded call of a {@link Function}: its inputs and the tensors its {@code forward} saved for
 * {@code backward}, PyTorch's {@code ctx} (and the node behind {@code grad_fn}). The engine makes
 * one per call and hands it to both methods.

 */
public final class Context {
    private static final Tensor[] NONE = {};

    final Function fn;
    final Tensor[] inputs;
    private Tensor[] saved = NONE;

    Context(Function fn, Tensor[] inputs) {
        this.fn = fn;
        this.inputs = inputs;
    }

    /** The function's name. */
    public String name() {
        return fn.name();
    }

    /** The number of inputs of the call. */
    public int inputCount() {
        return inputs.length;
    }

    /** Whether input {@code i} wants a gradient; backward may return null for it when not. */
    public boolean needsInputGrad(int i) {
        return inputs[i].requiresGrad();
    }

    /** Remembers {@code tensors} (inputs, the output, or anything else) for the backward pass. */
    public void saveForBackward(Tensor... tensors) {
        saved = tensors.clone();
    }

    /**
     * Saved tensor {@code i}.
     *
     * @throws IllegalArgumentException if fewer were saved
     */
    public Tensor saved(int i) {
        if (i < 0 || i >= saved.length) {
            throw new IllegalArgumentException(name() + ": saved tensor " + i + " asked for, but forward saved "
                    + saved.length + " (call ctx.saveForBackward(...) in forward)");
        }
        return saved[i];
    }

    /** All saved tensors, each checked as {@link #saved(int)} does. */
    public Tensor[] savedTensors() {
        Tensor[] out = new Tensor[saved.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = saved(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "<" + name() + " of " + inputs.length + " input" + (inputs.length == 1 ? "" : "s") + ", saved "
                + Arrays.toString(Arrays.stream(saved).map(t -> t == null ? "null" : t.shape().toString())
                .toArray()) + ">";
    }
}
