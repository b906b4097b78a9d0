package jgrad.tensor.nn;

import java.util.Map;
import jgrad.tensor.Tensor;
import jgrad.tensor.functional.Functional;

/**
 * The tensor engine's one activation concept: the elementwise nonlinearities as parameter-free
 * modules, for {@link Sequential} and {@link MLP}, each the function of the same name in
 * {@link Functional} ({@code RELU.forward(x)} is {@code Functional.relu(x)}), as PyTorch's
 * {@code nn.ReLU} is {@code F.relu}.
 *
 * <pre>{@code
 * new Sequential(new Linear(2, 16, 0), Activation.RELU, new Linear(16, 1, 1));
 * }</pre>
 */
public enum Activation implements TensorModule {
    /** max(0, x). */
    RELU("ReLU()") {
        @Override public Tensor forward(Tensor x) { return Functional.relu(x); }
    },
    /** tanh(x). */
    TANH("Tanh()") {
        @Override public Tensor forward(Tensor x) { return Functional.tanh(x); }
    },
    /** 1 / (1 + e^-x). */
    SIGMOID("Sigmoid()") {
        @Override public Tensor forward(Tensor x) { return Functional.sigmoid(x); }
    },
    /** PyTorch's GELU in its tanh form; see {@link Functional#gelu}. No scalar-engine twin. */
    GELU("GELU(approximate='tanh')") {
        @Override public Tensor forward(Tensor x) { return Functional.gelu(x); }
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

    /**
     * The scalar engine's activation of the same function.
     *
     * @throws IllegalArgumentException for {@link #GELU}, which the scalar engine does not have
     */
    public jgrad.nn.Activation toScalar() {
        switch (this) {
            case GELU:
                throw new IllegalArgumentException("Activation.toScalar: the scalar engine has no GELU; "
                        + "use RELU, TANH, SIGMOID or IDENTITY for a model that converts to jgrad.nn.MLP");
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
