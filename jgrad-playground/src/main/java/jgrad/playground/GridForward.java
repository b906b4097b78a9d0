package jgrad.playground;

import java.util.List;
import jgrad.engine.Value;
import jgrad.nn.Activation;
import jgrad.nn.Layer;
import jgrad.nn.MLP;
import jgrad.nn.Neuron;

/**
 * The network's forward pass in plain doubles over a grid of points, for the decision boundary
 * and the neuron heatmaps: drawing must not build a graph of a million {@link Value}s 30 times a
 * second. It reads the parameters' data when made; the tests check it against
 * {@link MLP#forward(double...)}.
 */
final class GridForward {
    private final double[][][] weights;   // [layer][neuron][input]
    private final double[][] biases;      // [layer][neuron]
    private final Activation[] activations;

    GridForward(MLP model) {
        List<Layer> layers = model.layers();
        weights = new double[layers.size()][][];
        biases = new double[layers.size()][];
        activations = new Activation[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            List<Neuron> ns = layers.get(l).neurons();
            weights[l] = new double[ns.size()][];
            biases[l] = new double[ns.size()];
            activations[l] = layers.get(l).activation();
            for (int j = 0; j < ns.size(); j++) {
                List<Value> w = ns.get(j).weights();
                weights[l][j] = new double[w.size()];
                for (int i = 0; i < w.size(); i++) {
                    weights[l][j][i] = w.get(i).data();
                }
                biases[l][j] = ns.get(j).bias().data();
            }
        }
    }

    /**
     * The outputs of every layer at {@code x}: {@code out[l][j]} is neuron j of layer l after its
     * activation; the last layer's first output is the score.
     */
    double[][] layers(double[] x, double[][] out) {
        double[] in = x;
        for (int l = 0; l < weights.length; l++) {
            double[] o = out[l];
            for (int j = 0; j < weights[l].length; j++) {
                double[] w = weights[l][j];
                double s = biases[l][j];
                for (int i = 0; i < w.length; i++) {
                    s += w[i] * in[i];
                }
                o[j] = activate(activations[l], s);
            }
            in = o;
        }
        return out;
    }

    /** Buffers for {@link #layers}. */
    double[][] buffers() {
        double[][] b = new double[weights.length][];
        for (int l = 0; l < weights.length; l++) {
            b[l] = new double[weights[l].length];
        }
        return b;
    }

    /** The activation in doubles, as jgrad's ops compute it (Math.tanh; sigmoid in two branches). */
    static double activate(Activation a, double s) {
        switch (a) {
            case RELU: return s > 0 ? s : 0;
            case TANH: return Math.tanh(s);
            case SIGMOID:
                if (s >= 0) {
                    return 1 / (1 + Math.exp(-s));
                }
                double e = Math.exp(s);
                return e / (1 + e);
            case LINEAR: return s;
            default: throw new IllegalArgumentException("GridForward: unknown activation " + a);
        }
    }
}
