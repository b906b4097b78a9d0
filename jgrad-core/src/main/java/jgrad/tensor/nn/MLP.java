package jgrad.tensor.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * A multilayer perceptron over tensors: {@link Linear} layers with an activation between them and
 * none after the last, micrograd's {@code MLP} for whole batches. It is a {@link Sequential}
 * ({@code Linear, act, Linear, act, ..., Linear}), so parameters are named as PyTorch's
 * {@code nn.Sequential} of the same layers.
 *
 * <pre>{@code
 * MLP model = new MLP(new Random(0), DType.FLOAT32, Activation.RELU, Init.KAIMING_UNIFORM, 784, 128, 10);
 * Tensor logits = model.forward(images);          // [batch, 784] → [batch, 10]
 * Tensor loss = logits.crossEntropy(labels);
 * }</pre>
 */
public final class MLP implements TensorModule {
    private final int[] sizes;
    private final List<Linear> layers = new ArrayList<>();
    private final Sequential net;

    /**
     * Layers {@code sizes[0] → sizes[1] → ... → sizes[n-1]}, weights from {@code init} drawn from
     * {@code rng} layer by layer.
     *
     * @throws IllegalArgumentException for fewer than two sizes or a size below 1
     */
    public MLP(Random rng, DType dtype, Activation hidden, Init init, int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("MLP: give at least an input and an output size, got "
                    + java.util.Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        List<TensorModule> modules = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            Linear layer = new Linear(sizes[i], sizes[i + 1], dtype, init, rng);
            layers.add(layer);
            modules.add(layer);
            if (i + 2 < sizes.length) {
                modules.add(hidden);
            }
        }
        this.net = new Sequential(modules.toArray(new TensorModule[0]));
    }

    /** ReLU hidden layers (as micrograd) with Kaiming-uniform weights. */
    public MLP(Random rng, DType dtype, int... sizes) {
        this(rng, dtype, Activation.RELU, Init.KAIMING_UNIFORM, sizes);
    }

    /** The layer sizes, input first. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The linear layers in order. */
    public List<Linear> layers() {
        return java.util.Collections.unmodifiableList(layers);
    }

    @Override
    public Tensor forward(Tensor x) {
        return net.forward(x);
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        return net.namedParameters();
    }

    /**
     * Sets every weight and bias from {@code values} in micrograd's {@code parameters()} order:
     * layer by layer, neuron by neuron, each neuron's weights then its bias.
     *
     * @throws IllegalArgumentException if the count differs from {@link #parameterCount()}
     */
    public void setMicrogradParameters(double[] values) {
        if (values.length != parameterCount()) {
            throw new IllegalArgumentException("MLP.setMicrogradParameters: got " + values.length
                    + " values for " + parameterCount() + " parameters of " + java.util.Arrays.toString(sizes));
        }
        int k = 0;
        for (Linear layer : layers) {
            int out = layer.weight().dim(0), in = layer.weight().dim(1);
            for (int j = 0; j < out; j++) {
                for (int i = 0; i < in; i++) {
                    layer.weight().set(values[k++], j, i);
                }
                layer.bias().set(values[k++], j);
            }
        }
    }

    @Override
    public String toString() {
        return "MLP" + net.toString().substring("Sequential".length());
    }
}
