package jgrad.io;

import java.util.List;
import jgrad.nn.Activation;
import jgrad.nn.Layer;
import jgrad.nn.MLP;
import jgrad.nn.Neuron;
import jgrad.tensor.DType;
import jgrad.tensor.NoGrad;
import jgrad.tensor.Tensor;

/**
 * A scalar {@link MLP}'s forward pass on many rows at once, through the tensor engine (float64, or
 * float32 where only the predicted class matters and speed does, as in a decision-boundary plot):
 * each layer is one {@code linear} (a matrix product) and its activation over a batch of rows,
 * instead of one {@code Value} per weight and row. {@link SavedModel#outputs(double[][])} uses it,
 * and so do predictions and decision-boundary plots of big saved models.
 *
 * <p>The numbers are those of {@link MLP#forward(double...)} up to rounding: the scalar engine adds
 * a neuron's products one by one onto its bias, the matrix product in another order, so outputs
 * differ in the last bits (the tests hold them to 1e-12). The weights are copied when this is
 * made; a later change to the model's parameters is not seen.
 */
final class BatchedForward {
    /** Rows per tensor pass: big enough for fast matrix products, small enough for any width. */
    static final int BATCH = 2048;

    private final int inputs;
    private final int outputs;
    private final Tensor[] weights;
    private final Tensor[] biases;
    private final Activation[] activations;
    private final DType dtype;

    BatchedForward(MLP model, DType dtype) {
        this.dtype = dtype;
        List<Layer> layers = model.layers();
        int count = layers.size();
        weights = new Tensor[count];
        biases = new Tensor[count];
        activations = new Activation[count];
        for (int l = 0; l < count; l++) {
            Layer layer = layers.get(l);
            int in = layer.inputs(), out = layer.outputs();
            double[] w = new double[out * in];
            double[] b = new double[out];
            List<Neuron> neurons = layer.neurons();
            for (int j = 0; j < out; j++) {
                Neuron n = neurons.get(j);
                for (int i = 0; i < in; i++) {
                    w[j * in + i] = n.weights().get(i).data();
                }
                b[j] = n.bias().data();
                if (n.activation() != neurons.get(0).activation()) {
                    throw new IllegalArgumentException("BatchedForward: layer " + l + " mixes activations ("
                            + neurons.get(0).activation().id() + " and " + n.activation().id()
                            + "); use MLP.forward row by row for such a network");
                }
            }
            weights[l] = Tensor.of(dtype, w, out, in);     // [out, in], as linear takes it
            biases[l] = Tensor.of(dtype, b, out);
            activations[l] = layer.activation();
        }
        inputs = model.inputs();
        outputs = model.outputs();
    }

    /** The network's outputs for every row of {@code rows} (each of {@link MLP#inputs()} numbers). */
    double[][] outputs(double[][] rows) {
        double[][] result = new double[rows.length][];
        for (int start = 0; start < rows.length; start += BATCH) {
            int n = Math.min(BATCH, rows.length - start);
            double[] flat = new double[n * inputs];
            for (int r = 0; r < n; r++) {
                double[] row = rows[start + r];
                if (row.length != inputs) {
                    throw new IllegalArgumentException("outputs: row " + (start + r) + " has " + row.length
                            + " features, the network takes " + inputs);
                }
                System.arraycopy(row, 0, flat, r * inputs, inputs);
            }
            double[] out;
            try (NoGrad scope = Tensor.noGrad()) {
                Tensor h = Tensor.of(dtype, flat, n, inputs);
                for (int l = 0; l < weights.length; l++) {
                    h = activate(h.linear(weights[l], biases[l]), activations[l]);
                }
                out = h.toDoubleArray();
            }
            for (int r = 0; r < n; r++) {
                double[] o = new double[outputs];
                System.arraycopy(out, r * outputs, o, 0, outputs);
                result[start + r] = o;
            }
        }
        return result;
    }

    private static Tensor activate(Tensor h, Activation a) {
        return switch (a) {
            case RELU -> h.relu();
            case TANH -> h.tanh();
            case SIGMOID -> h.sigmoid();
            case LINEAR -> h;
        };
    }
}
