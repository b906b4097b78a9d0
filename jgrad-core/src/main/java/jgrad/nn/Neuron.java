package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import jgrad.engine.Value;

/**
 * One neuron: {@code activation(w·x + b)}, micrograd's {@code Neuron}.
 *
 * <p>The sum is built as micrograd builds it, {@code ((b + w0·x0) + w1·x1) + ...}, so the graph
 * and its rounding match the reference node for node. Parameters: the {@code nin} weights, then
 * the bias. Weights and bias are drawn from {@code rng} in that order.
 *
 * <pre>{@code
 * Neuron n = new Neuron(new Random(0), 2, Activation.TANH);
 * Value out = n.forward(List.of(Value.of(2.0), Value.of(0.0)));
 * n.toString();   // "TanhNeuron(2)"
 * }</pre>
 */
public final class Neuron implements Module {
    private final List<Value> weights;
    /** The same weights for forward's loop: one array load per weight, no list calls to warm up. */
    private final Value[] weightArray;
    private final Value bias;
    private final Activation activation;
    private final List<Value> parameters;

    /** micrograd's neuron: weights uniform(−1, 1), bias 0, the given activation. */
    public Neuron(Random rng, int nin, Activation activation) {
        this(rng, nin, activation, Init.uniform(-1, 1), Init.zeros());
    }

    /**
     * A neuron with {@code nin} inputs, drawing weights from {@code weightInit} and then the bias
     * from {@code biasInit}.
     *
     * @throws IllegalArgumentException if {@code nin < 1}
     */
    public Neuron(Random rng, int nin, Activation activation, Init weightInit, Init biasInit) {
        if (nin < 1) {
            throw new IllegalArgumentException("Neuron: needs at least one input, got nin=" + nin);
        }
        Objects.requireNonNull(rng, "rng");
        this.activation = Objects.requireNonNull(activation, "activation");
        List<Value> w = new ArrayList<>(nin);
        for (int i = 0; i < nin; i++) {
            w.add(Value.of(weightInit.sample(rng, nin)));
        }
        this.weights = Collections.unmodifiableList(w);
        this.weightArray = w.toArray(new Value[0]);
        this.bias = Value.of(biasInit.sample(rng, nin));
        List<Value> p = new ArrayList<>(w);
        p.add(bias);
        this.parameters = Collections.unmodifiableList(p);
    }

    /**
     * {@code activation(b + w0·x0 + w1·x1 + ...)}.
     *
     * @throws IllegalArgumentException if {@code x} does not hold exactly {@link #inputs()} values
     */
    public Value forward(List<Value> x) {
        if (x.size() != weights.size()) {
            throw new IllegalArgumentException("Neuron.forward: expected " + weights.size()
                    + " inputs, got " + x.size());
        }
        Value act = bias;
        Value[] w = weightArray;
        for (int i = 0; i < w.length; i++) {
            act = act.add(w[i].mul(x.get(i)));
        }
        return activation.apply(act);
    }

    /** {@link #forward(List)} on fresh leaves holding {@code x}: {@code n.forward(2.0, 3.0)}. */
    public Value forward(double... x) {
        List<Value> in = new ArrayList<>(x.length);
        for (double xi : x) {
            in.add(Value.of(xi));
        }
        return forward(in);
    }

    /** The weights, one per input (an unmodifiable view of the parameter nodes). */
    public List<Value> weights() {
        return weights;
    }

    /** The bias node. */
    public Value bias() {
        return bias;
    }

    /** The nonlinearity applied to {@code w·x + b}. */
    public Activation activation() {
        return activation;
    }

    /** The number of inputs. */
    public int inputs() {
        return weights.size();
    }

    /** The weights, then the bias. */
    @Override
    public List<Value> parameters() {
        return parameters;
    }

    /** {@code ReLUNeuron(2)}, {@code LinearNeuron(16)}, as in micrograd. */
    @Override
    public String toString() {
        return activation.displayName() + "Neuron(" + weights.size() + ")";
    }
}
