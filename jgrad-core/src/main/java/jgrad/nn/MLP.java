package jgrad.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;
import jgrad.engine.Value;

/**
 * A multi-layer perceptron: {@link Layer}s applied one after the other, micrograd's {@code MLP}.
 *
 * <p>{@code new MLP(rng, nin, nouts...)} is micrograd's network: weights uniform(−1, 1), biases
 * 0, ReLU in every layer but the last, which is linear. {@link #builder} chooses the activations
 * and the initialisation. Parameters are listed layer by layer, neuron by neuron, each neuron's
 * weights then its bias, the order of micrograd's {@code parameters()}.
 *
 * <pre>{@code
 * MLP model = new MLP(new Random(1337), 2, 16, 16, 1);    // micrograd's moons model
 * model.parameters().size();                              // 337
 * Value score = model.forward(0.5, -0.2).get(0);
 *
 * MLP lecture = MLP.lecture(new Random(42), 3, 4, 4, 1);  // the lecture's tanh network
 * MLP same = MLP.builder(3, 4, 4, 1)                      // the same, spelled out
 *         .activation(Activation.TANH)                    // every layer, the last one too
 *         .biasInit(Init.uniform(-1, 1))
 *         .build(new Random(42));
 * }</pre>
 */
public final class MLP implements Module {
    private final List<Layer> layers;
    private final List<Value> parameters;

    /**
     * micrograd's {@code MLP(nin, nouts)}: ReLU hidden layers, a linear last layer, weights
     * uniform(−1, 1), biases 0.
     *
     * @throws IllegalArgumentException if {@code nouts} is empty or a size is below 1
     */
    public MLP(Random rng, int nin, int... nouts) {
        this(builder(nin, nouts).buildLayers(rng));
    }

    /**
     * A network of the given layers.
     *
     * @throws IllegalArgumentException if there are none, or a layer's inputs differ from the
     *     previous layer's outputs
     */
    public MLP(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("MLP: needs at least one layer");
        }
        List<Value> ps = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0 && layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("MLP: layer " + i + " takes " + layers.get(i).inputs()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputs());
            }
            ps.addAll(layers.get(i).parameters());
        }
        this.layers = List.copyOf(layers);
        this.parameters = Collections.unmodifiableList(ps);
    }

    /**
     * The lecture's network in one call: tanh in every layer, the last one too, weights and biases
     * both drawn from uniform(−1, 1). {@code MLP.lecture(rng, 3, 4, 4, 1)} is the lecture's
     * {@code MLP(3, [4, 4, 1])}; {@code new MLP(rng, 3, 4, 4, 1)} is micrograd's ReLU network
     * instead, with zero biases and a linear output, which the lecture's loop does not train.
     *
     * @throws IllegalArgumentException if {@code nouts} is empty or a size is below 1
     */
    public static MLP lecture(Random rng, int nin, int... nouts) {
        return builder(nin, nouts).activation(Activation.TANH).biasInit(Init.uniform(-1, 1)).build(rng);
    }

    /** A builder for a network with {@code nin} inputs and layers of {@code nouts} neurons. */
    public static Builder builder(int nin, int... nouts) {
        return new Builder(nin, nouts);
    }

    /**
     * The outputs of the last layer, one per neuron.
     *
     * @throws IllegalArgumentException if {@code x} does not hold exactly {@link #inputs()} values
     */
    public List<Value> forward(List<Value> x) {
        if (x.size() != inputs()) {
            throw new IllegalArgumentException("MLP.forward: the network takes " + inputs()
                    + " inputs, got " + x.size());
        }
        List<Value> out = x;
        for (Layer layer : layers) {
            out = layer.forward(out);
        }
        return out;
    }

    /** {@link #forward(List)} on fresh leaves holding {@code x}. */
    public List<Value> forward(double... x) {
        return forward(leaves(x));
    }

    private static List<Value> leaves(double[] x) {
        List<Value> in = new ArrayList<>(x.length);
        for (double xi : x) {
            in.add(Value.of(xi));
        }
        return in;
    }

    /**
     * The single output of a network whose last layer has one neuron, such as a binary
     * classifier's score.
     *
     * @throws IllegalArgumentException if the last layer has more than one neuron
     */
    public Value forwardScalar(List<Value> x) {
        if (outputs() != 1) {
            throw new IllegalArgumentException("MLP.forwardScalar: the network has " + outputs()
                    + " outputs; use forward() for a list");
        }
        return forward(x).get(0);
    }

    /** {@link #forwardScalar(List)} on fresh leaves holding {@code x}. */
    public Value forwardScalar(double... x) {
        return forwardScalar(leaves(x));
    }

    /** The layers, first to last. */
    public List<Layer> layers() {
        return layers;
    }

    /** The number of inputs. */
    public int inputs() {
        return layers.get(0).inputs();
    }

    /** The number of outputs (neurons of the last layer). */
    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** Layer by layer, neuron by neuron, each neuron's weights then its bias. */
    @Override
    public List<Value> parameters() {
        return parameters;
    }

    /** {@code MLP of [Layer of [ReLUNeuron(2), ...], ..., Layer of [LinearNeuron(16)]]}, as in micrograd. */
    @Override
    public String toString() {
        return layers.stream().map(Layer::toString).collect(Collectors.joining(", ", "MLP of [", "]"));
    }

    /**
     * Chooses activations and initialisation. Defaults are micrograd's: ReLU hidden layers, a
     * linear last layer, weights uniform(−1, 1), biases 0. {@link #activation} sets every layer,
     * {@link #hiddenActivation} and {@link #outputActivation} one side, {@link #activations} each
     * layer.
     */
    public static final class Builder {
        private final int nin;
        private final int[] nouts;
        private final Activation[] activations;
        private Init weightInit = Init.uniform(-1, 1);
        private Init biasInit = Init.zeros();

        private Builder(int nin, int[] nouts) {
            if (nin < 1) {
                throw new IllegalArgumentException("MLP: needs at least one input, got nin=" + nin);
            }
            if (nouts.length == 0) {
                throw new IllegalArgumentException("MLP: give the size of at least one layer, e.g. MLP(rng, 2, 16, 16, 1)");
            }
            for (int i = 0; i < nouts.length; i++) {
                if (nouts[i] < 1) {
                    throw new IllegalArgumentException("MLP: layer " + i + " must have at least one neuron, got "
                            + Arrays.toString(nouts));
                }
            }
            this.nin = nin;
            this.nouts = nouts.clone();
            this.activations = new Activation[nouts.length];
            Arrays.fill(activations, Activation.RELU);
            activations[nouts.length - 1] = Activation.LINEAR;
        }

        /** The same activation in every layer, the last one included (the lecture: TANH). */
        public Builder activation(Activation a) {
            Arrays.fill(activations, Objects.requireNonNull(a, "activation"));
            return this;
        }

        /** The activation of every layer but the last. */
        public Builder hiddenActivation(Activation a) {
            Objects.requireNonNull(a, "activation");
            Arrays.fill(activations, 0, activations.length - 1, a);
            return this;
        }

        /** The activation of the last layer. */
        public Builder outputActivation(Activation a) {
            activations[activations.length - 1] = Objects.requireNonNull(a, "activation");
            return this;
        }

        /** One activation per layer. @throws IllegalArgumentException if the count differs from the layer count */
        public Builder activations(List<Activation> perLayer) {
            if (perLayer.size() != nouts.length) {
                throw new IllegalArgumentException("MLP.Builder.activations: " + nouts.length
                        + " layers but " + perLayer.size() + " activations " + perLayer);
            }
            for (int i = 0; i < nouts.length; i++) {
                activations[i] = Objects.requireNonNull(perLayer.get(i), "activation");
            }
            return this;
        }

        /** How weights are drawn (default uniform(−1, 1)). */
        public Builder weightInit(Init init) {
            this.weightInit = Objects.requireNonNull(init, "weightInit");
            return this;
        }

        /** How biases are drawn (default 0; the lecture uses uniform(−1, 1)). */
        public Builder biasInit(Init init) {
            this.biasInit = Objects.requireNonNull(init, "biasInit");
            return this;
        }

        /** Creates the network, drawing every parameter from {@code rng} in parameter order. */
        public MLP build(Random rng) {
            return new MLP(buildLayers(rng));
        }

        private List<Layer> buildLayers(Random rng) {
            Objects.requireNonNull(rng, "rng");
            List<Layer> layers = new ArrayList<>(nouts.length);
            int in = nin;
            for (int i = 0; i < nouts.length; i++) {
                layers.add(new Layer(rng, in, nouts[i], activations[i], weightInit, biasInit));
                in = nouts[i];
            }
            return layers;
        }
    }
}
