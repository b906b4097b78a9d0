package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import jgrad.engine.Value;

/**
 * A fully connected layer: {@code nout} {@link Neuron}s that all see the same {@code nin} inputs,
 * micrograd's {@code Layer}.
 *
 * <p>{@link #forward} always returns a list, even for one neuron (micrograd unwraps a single
 * output, which breaks a one-neuron layer in the middle of a network). Parameters: neuron by
 * neuron, each neuron's weights then its bias.
 *
 * <pre>{@code
 * Layer layer = new Layer(new Random(0), 2, 3, Activation.RELU);
 * List<Value> out = layer.forward(List.of(Value.of(1.0), Value.of(-1.0)));  // 3 values
 * layer.toString();   // "Layer of [ReLUNeuron(2), ReLUNeuron(2), ReLUNeuron(2)]"
 * }</pre>
 */
public final class Layer implements Module {
    private final List<Neuron> neurons;
    private final List<Value> parameters;

    /** micrograd's layer: weights uniform(−1, 1), biases 0. */
    public Layer(Random rng, int nin, int nout, Activation activation) {
        this(rng, nin, nout, activation, Init.uniform(-1, 1), Init.zeros());
    }

    /**
     * {@code nout} neurons with {@code nin} inputs each, created (and drawn from {@code rng}) in
     * order.
     *
     * @throws IllegalArgumentException if {@code nin < 1} or {@code nout < 1}
     */
    public Layer(Random rng, int nin, int nout, Activation activation, Init weightInit, Init biasInit) {
        if (nout < 1) {
            throw new IllegalArgumentException("Layer: needs at least one neuron, got nout=" + nout);
        }
        List<Neuron> ns = new ArrayList<>(nout);
        List<Value> ps = new ArrayList<>();
        for (int i = 0; i < nout; i++) {
            Neuron n = new Neuron(rng, nin, activation, weightInit, biasInit);
            ns.add(n);
            ps.addAll(n.parameters());
        }
        this.neurons = Collections.unmodifiableList(ns);
        this.parameters = Collections.unmodifiableList(ps);
    }

    /**
     * Every neuron's output, in neuron order.
     *
     * @throws IllegalArgumentException if {@code x} does not hold exactly {@link #inputs()} values
     */
    public List<Value> forward(List<Value> x) {
        if (x.size() != inputs()) {
            throw new IllegalArgumentException("Layer.forward: expected " + inputs()
                    + " inputs, got " + x.size());
        }
        List<Value> out = new ArrayList<>(neurons.size());
        for (Neuron n : neurons) {
            out.add(n.forward(x));
        }
        return out;
    }

    /** {@link #forward(List)} on fresh leaves holding {@code x}: {@code n.forward(2.0, 3.0)}. */
    public List<Value> forward(double... x) {
        List<Value> in = new ArrayList<>(x.length);
        for (double xi : x) {
            in.add(Value.of(xi));
        }
        return forward(in);
    }

    /** The neurons, in order. */
    public List<Neuron> neurons() {
        return neurons;
    }

    /** The number of inputs of each neuron. */
    public int inputs() {
        return neurons.get(0).inputs();
    }

    /** The number of neurons, which is the number of outputs. */
    public int outputs() {
        return neurons.size();
    }

    /** The activation all neurons share. */
    public Activation activation() {
        return neurons.get(0).activation();
    }

    /** Neuron by neuron, each neuron's weights then its bias. */
    @Override
    public List<Value> parameters() {
        return parameters;
    }

    /** {@code Layer of [ReLUNeuron(2), ReLUNeuron(2)]}, as in micrograd. */
    @Override
    public String toString() {
        return neurons.stream().map(Neuron::toString).collect(Collectors.joining(", ", "Layer of [", "]"));
    }
}
