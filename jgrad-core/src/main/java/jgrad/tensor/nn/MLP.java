package jgrad.tensor.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import jgrad.nn.Layer;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * A multilayer perceptron over tensors: {@link Linear} layers, each followed by its
 * {@link Activation}; micrograd's {@code MLP} for whole batches. By default every layer but the
 * last is ReLU and the last is linear, as in micrograd. It runs as a {@link Sequential} of the
 * layers and the non-identity activations, so parameters are named as PyTorch's
 * {@code nn.Sequential} of the same modules ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...).
 *
 * <pre>{@code
 * MLP model = new MLP(new Random(0), DType.FLOAT32, Activation.RELU, Init.KAIMING_UNIFORM, 784, 128, 10);
 * Tensor logits = model.forward(images);          // [batch, 784] → [batch, 10]
 * Tensor loss = Functional.crossEntropy(logits, labels);
 * }</pre>
 *
 * <p>{@link #fromScalar} and {@link #toScalar} convert to and from the scalar engine's
 * {@link jgrad.nn.MLP}, so the same network can be trained by either engine and saved in
 * {@code jgrad.io.ModelFile}'s format.
 */
public final class MLP extends AbstractTensorModule {
    private final List<Linear> layers;
    private final List<Activation> activations;
    private final Sequential net;

    /**
     * Layers {@code sizes[0] → sizes[1] → ... → sizes[n-1]}, with {@code hidden} after every layer
     * but the last; weights from {@code init} drawn from {@code rng} layer by layer.
     *
     * @throws IllegalArgumentException for fewer than two sizes or a size below 1
     */
    public MLP(Random rng, DType dtype, Activation hidden, Init init, int... sizes) {
        this(layers(rng, dtype, init, sizes), activations(hidden, sizes.length - 1));
    }

    /** ReLU hidden layers and a linear output (as micrograd), Kaiming-uniform weights. */
    public MLP(Random rng, DType dtype, int... sizes) {
        this(rng, dtype, Activation.RELU, Init.KAIMING_UNIFORM, sizes);
    }

    /**
     * The given layers, layer i followed by {@code activations.get(i)}.
     *
     * @throws IllegalArgumentException if the counts differ, there are no layers, or a layer's
     *     input size differs from the previous layer's output size
     */
    public MLP(List<Linear> layers, List<Activation> activations) {
        if (layers.isEmpty() || layers.size() != activations.size()) {
            throw new IllegalArgumentException("MLP: need one activation per layer and at least one layer, got "
                    + layers.size() + " layers and " + activations.size() + " activations");
        }
        List<TensorModule> modules = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0 && layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("MLP: layer " + i + " takes " + layers.get(i).inputs()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputs());
            }
            if (!layers.get(i).hasBias()) {
                throw new IllegalArgumentException("MLP: layer " + i + " has no bias; micrograd's layout needs one "
                        + "(build a Sequential of Linear(in, out, false, ...) layers instead)");
            }
            modules.add(layers.get(i));
            if (activations.get(i) != Activation.IDENTITY) {
                modules.add(activations.get(i));
            }
        }
        this.layers = List.copyOf(layers);
        this.activations = List.copyOf(activations);
        this.net = new Sequential(modules.toArray(new TensorModule[0]));
        for (int i = 0; i < modules.size(); i++) {
            registerModule(Integer.toString(i), modules.get(i));   // named as the Sequential names them
        }
    }

    private static List<Linear> layers(Random rng, DType dtype, Init init, int[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("MLP: give at least an input and an output size, got "
                    + Arrays.toString(sizes));
        }
        List<Linear> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Linear(sizes[i], sizes[i + 1], dtype, init, rng));
        }
        return layers;
    }

    private static List<Activation> activations(Activation hidden, int n) {
        List<Activation> acts = new ArrayList<>(Collections.nCopies(Math.max(0, n), hidden));
        if (n > 0) {
            acts.set(n - 1, Activation.IDENTITY);
        }
        return acts;
    }

    /**
     * The tensor twin of a scalar-engine network: the same sizes, activations and parameter values,
     * in {@code dtype}.
     */
    public static MLP fromScalar(jgrad.nn.MLP scalar, DType dtype) {
        List<Linear> layers = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        for (Layer l : scalar.layers()) {
            layers.add(new Linear(l.inputs(), l.outputs(), dtype, Init.MICROGRAD, new Random(0)));
            acts.add(Activation.of(l.activation()));
        }
        MLP mlp = new MLP(layers, acts);
        mlp.setMicrogradParameters(scalar.parameterData());
        return mlp;
    }

    /** A scalar-engine network with the same sizes, activations and parameter values. */
    public jgrad.nn.MLP toScalar() {
        List<Layer> scalarLayers = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Linear l = layers.get(i);
            scalarLayers.add(new Layer(new Random(0), l.inputs(), l.outputs(), activations.get(i).toScalar()));
        }
        jgrad.nn.MLP scalar = new jgrad.nn.MLP(scalarLayers);
        scalar.setParameterData(microgradParameters());
        return scalar;
    }

    /** The layer sizes, input first. */
    public int[] sizes() {
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = layers.get(0).inputs();
        for (int i = 0; i < layers.size(); i++) {
            sizes[i + 1] = layers.get(i).outputs();
        }
        return sizes;
    }

    /** The linear layers in order. */
    public List<Linear> layers() {
        return layers;
    }

    /** The activation after each layer. */
    public List<Activation> activations() {
        return activations;
    }

    @Override
    public Tensor forward(Tensor x) {
        return net.forward(x);
    }

    /**
     * The parameter values in micrograd's {@code parameters()} order: layer by layer, neuron by
     * neuron (row by row of each weight), each neuron's weights then its bias.
     */
    public double[] microgradParameters() {
        double[] values = new double[parameterCount()];
        int k = 0;
        for (Linear layer : layers) {
            double[] w = layer.weight().toDoubleArray(), b = layer.bias().toDoubleArray();
            int in = layer.inputs();
            for (int j = 0; j < b.length; j++) {
                System.arraycopy(w, j * in, values, k, in);
                k += in;
                values[k++] = b[j];
            }
        }
        return values;
    }

    /**
     * Sets every weight and bias from {@code values} in micrograd's {@code parameters()} order
     * (see {@link #microgradParameters()}), in place.
     *
     * @throws IllegalArgumentException if the count differs from {@link #parameterCount()}
     */
    public void setMicrogradParameters(double[] values) {
        if (values.length != parameterCount()) {
            throw new IllegalArgumentException("MLP.setMicrogradParameters: got " + values.length
                    + " values for " + parameterCount() + " parameters of " + Arrays.toString(sizes()));
        }
        int k = 0;
        for (Linear layer : layers) {
            int out = layer.outputs(), in = layer.inputs();
            double[] w = new double[out * in], b = new double[out];
            for (int j = 0; j < out; j++) {
                System.arraycopy(values, k, w, j * in, in);
                k += in;
                b[j] = values[k++];
            }
            layer.weight().copyFrom(Tensor.of(w, out, in));
            layer.bias().copyFrom(Tensor.of(b, out));
        }
    }

    /** PyTorch's layout, as {@link Sequential}. */
    @Override
    public String toString() {
        return "MLP" + net.toString().substring("Sequential".length());
    }
}
