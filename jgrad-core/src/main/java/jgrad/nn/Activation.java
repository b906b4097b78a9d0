package jgrad.nn;

import jgrad.engine.Value;

/**
 * The nonlinearity a {@link Neuron} applies to {@code w·x + b}.
 *
 * <p>micrograd uses {@link #RELU} in hidden layers and {@link #LINEAR} (none) in the last one;
 * the lecture uses {@link #TANH} everywhere. The {@link #id()} is the name used in model files,
 * the {@link #displayName()} the prefix of {@link Neuron#toString()}, as in micrograd's
 * {@code ReLUNeuron(2)} and {@code LinearNeuron(16)}.
 *
 * <pre>{@code
 * Activation.TANH.apply(Value.of(0.5)).data();  // 0.46211715726000974
 * Activation.parse("relu");                     // RELU
 * }</pre>
 */
public enum Activation {
    /** max(0, x); gradient 0 at exactly 0, as in micrograd. */
    RELU("relu", "ReLU"),
    /** tanh(x). */
    TANH("tanh", "Tanh"),
    /** 1 / (1 + e^-x). */
    SIGMOID("sigmoid", "Sigmoid"),
    /** x unchanged: no nonlinearity. */
    LINEAR("linear", "Linear");

    private final String id;
    private final String displayName;

    Activation(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** Applies this nonlinearity; {@link #LINEAR} returns {@code x} itself, adding no node. */
    public Value apply(Value x) {
        switch (this) {
            case RELU: return x.relu();
            case TANH: return x.tanh();
            case SIGMOID: return x.sigmoid();
            default: return x;
        }
    }

    /** The lower-case name used in model files and on the command line: "relu", "tanh", ... */
    public String id() {
        return id;
    }

    /** The name micrograd prints: "ReLU", "Tanh", "Sigmoid", "Linear". */
    public String displayName() {
        return displayName;
    }

    /**
     * The activation with the given {@link #id()}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted names if there is none
     */
    public static Activation parse(String id) {
        for (Activation a : values()) {
            if (a.id.equalsIgnoreCase(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation \"" + id
                + "\": use one of relu, tanh, sigmoid, linear");
    }
}
