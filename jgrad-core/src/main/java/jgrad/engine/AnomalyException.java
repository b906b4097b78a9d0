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

    /** The node whose operation went bad. */
    public Value node() {
        return node;
    }

    static AnomalyException inForward(Value out) {
        return new AnomalyException("anomaly in forward: '" + out.op() + "' produced " + out.data
                + " from " + describe(out.children())
                + ". Check the inputs for values outside the operation's domain"
                + " (log of a value <= 0, pow of a negative base, overflow in exp).", out);
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
