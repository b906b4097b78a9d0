package jgrad.tensor.nn;

import java.util.Map;
import jgrad.tensor.Tensor;

/**
 * The elementwise nonlinearities as parameter-free modules, for {@link Sequential}.
 *
 * <pre>{@code
 * new Sequential(new Linear(2, 16, 0), Activation.RELU, new Linear(16, 1, 1));
 * }</pre>
 */
public enum Activation implements TensorModule {
    /** max(0, x). */
    RELU("ReLU()") {
        @Override public Tensor forward(Tensor x) { return x.relu(); }
    },
    /** tanh(x). */
    TANH("Tanh()") {
        @Override public Tensor forward(Tensor x) { return x.tanh(); }
    },
    /** 1 / (1 + e^-x). */
    SIGMOID("Sigmoid()") {
        @Override public Tensor forward(Tensor x) { return x.sigmoid(); }
    },
    /** x unchanged. */
    IDENTITY("Identity()") {
        @Override public Tensor forward(Tensor x) { return x; }
    };

    private final String text;

    Activation(String text) {
        this.text = text;
    }

    /** The tensor module for a scalar-engine activation ({@code LINEAR} is {@link #IDENTITY}). */
    public static Activation of(jgrad.nn.Activation scalar) {
        switch (scalar) {
            case RELU: return RELU;
            case TANH: return TANH;
            case SIGMOID: return SIGMOID;
            default: return IDENTITY;
        }
    }

    /** The scalar engine's activation of the same function. */
    public jgrad.nn.Activation toScalar() {
        switch (this) {
            case RELU: return jgrad.nn.Activation.RELU;
            case TANH: return jgrad.nn.Activation.TANH;
            case SIGMOID: return jgrad.nn.Activation.SIGMOID;
            default: return jgrad.nn.Activation.LINEAR;
        }
    }

    /** None. */
    @Override
    public Map<String, Tensor> namedParameters() {
        return Map.of();
    }

    /** PyTorch's text, e.g. {@code ReLU()}. */
    @Override
    public String toString() {
        return text;
    }
}
