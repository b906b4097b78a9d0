package jgrad.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown in {@link AnomalyMode} by the first operation that produces a NaN or an infinity, in the
 * forward pass or in backpropagation. The message names the operation, its inputs and their labels.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final transient Value node;

    private AnomalyException(String message, Value node) {
        super(message);
        this.node = node;
    }

    /** The node whose operation went bad, or the leaf that holds the NaN or infinity. */
    public Value node() {
        return node;
    }

    static AnomalyException inForward(Value out) {
        return new AnomalyException("anomaly in forward: '" + out.op() + "' produced " + out.data
                + " from " + describe(out.children())
                + ". Check the inputs for values outside the operation's domain"
                + " (log of a value <= 0, pow of a negative base, overflow in exp).", out);
    }

    /** A leaf (an input or a parameter) holds NaN or an infinity; {@code user} reads it, or is null. */
    static AnomalyException inLeaf(Value leaf, Value user) {
        String name = leaf.label().isEmpty() ? "an unlabelled leaf" : "leaf '" + leaf.label() + "'";
        String use = user == null ? "" : ", an input of '" + user.op() + "'";
        return new AnomalyException("anomaly: " + name + " holds " + leaf.data + use
                + ". Check the data fed in (a NaN or infinite feature) and the parameters (an update"
                + " that diverged: lower the learning rate).", leaf);
    }

    static AnomalyException inBackward(Value out) {
        StringBuilder grads = new StringBuilder();
        for (Value child : out.children()) {
            if (grads.length() > 0) {
                grads.append(", ");
            }
            grads.append(name(child)).append(".grad=").append(child.grad);
        }
        return new AnomalyException("anomaly in backward: the gradient of '" + out.op()
                + "' (output data=" + out.data + ", output grad=" + out.grad + ") gave " + grads
                + " for inputs " + describe(out.children())
                + ". The local derivative is undefined or overflows at these inputs.", out);
    }

    private static String describe(List<Value> inputs) {
        return inputs.stream().map(Value::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String name(Value v) {
        return v.label().isEmpty() ? "input" : v.label();
    }
}
