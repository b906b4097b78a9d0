package jgrad.tensor;

import java.util.Arrays;

/**
 * One recorded call of a {@link Function}: its inputs and the tensors its {@code forward} saved for
 * {@code backward}, PyTorch's {@code ctx} (and the node behind {@code grad_fn}). The engine makes
 * one per call and hands it to both methods.
 *
 * <p>{@link #saveForBackward} remembers each saved tensor's {@linkplain Tensor#version() version};
 * if the tensor is changed in place before the backward pass reads it, {@link #saved(int)} throws
 * an {@link IllegalStateException} naming the function and the tensor, as PyTorch's version
 * counters do, instead of returning a gradient computed from the wrong numbers.

 */
public final class Context {
    private static final Tensor[] NONE = {};

    final Function fn;
    final Tensor[] inputs;
    private Tensor[] saved = NONE;
    private int[] versions;

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
        versions = new int[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            versions[i] = tensors[i] == null ? 0 : tensors[i].version();
        }
    }

    /**
     * Saved tensor {@code i}.
     *
     * @throws IllegalStateException if it was changed in place after it was saved
     * @throws IllegalArgumentException if fewer were saved
     */
    public Tensor saved(int i) {
        if (i < 0 || i >= saved.length) {
            throw new IllegalArgumentException(name() + ": saved tensor " + i + " asked for, but forward saved "
                    + saved.length + " (call ctx.saveForBackward(...) in forward)");
        }
        Tensor t = saved[i];
        if (t != null && t.version() != versions[i]) {
            throw new IllegalStateException("backward: a " + t.dtype() + " tensor of shape " + t.shape() + " that '"
                    + name() + "' saved for its gradient (saved tensor " + i + ") was modified by an in-place"
                    + " operation: it is at version " + t.version() + ", it was saved at version " + versions[i]
                    + "; change it in place only after backward(), or change a copy (contiguous() of a view, or"
                    + " mul(1)) instead");
        }
        return t;
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
