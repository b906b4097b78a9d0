package jgrad.bench;

import java.util.ArrayList;
import java.util.List;
import jgrad.engine.Value;

/**
 * One training run of micrograd's moons demo, written with {@link Value} directly, node for node
 * as micrograd's {@code demo.ipynb} builds it: MLP(2,[16,16,1]) with ReLU hidden layers and a
 * linear output, loss = mean(relu(1 - y*score)) + 1e-4*sum(p*p), SGD with lr = 1 - 0.9k/100. One
 * loss graph has 65,818 nodes.
 */
final class MoonsDemo {
    static final int[] SIZES = {2, 16, 16, 1};
    static final int GRAPH_NODES = 65_818;

    private final MoonsData data;
    /** weights[layer][neuron][input] and biases[layer][neuron]. */
    private final Value[][][] weights;
    private final Value[][] biases;
    private final List<Value> parameters = new ArrayList<>();
    private final Value[][] inputs;

    MoonsDemo(MoonsData data) {
        this.data = data;
        int layers = SIZES.length - 1;
        weights = new Value[layers][][];
        biases = new Value[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new Value[SIZES[l + 1]][SIZES[l]];
            biases[l] = new Value[SIZES[l + 1]];
            for (int j = 0; j < SIZES[l + 1]; j++) {
                for (int i = 0; i < SIZES[l]; i++) {
                    weights[l][j][i] = Value.of(0);
                    parameters.add(weights[l][j][i]);
                }
                biases[l][j] = Value.of(0);
                parameters.add(biases[l][j]);
            }
        }
        inputs = new Value[data.x.length][];
        for (int s = 0; s < inputs.length; s++) {
            inputs[s] = new Value[] {Value.of(data.x[s][0]), Value.of(data.x[s][1])};
        }
        reset();
    }

    /** Puts the initial parameters back and zeroes their gradients. */
    void reset() {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).setData(data.initialParameters[i]);
            parameters.get(i).zeroGrad();
        }
    }

    List<Value> parameters() {
        return parameters;
    }

    /** The MLP's output for one sample, built as micrograd's Neuron does: sum(w*x, start=b). */
    Value score(Value[] x) {
        Value[] act = x;
        for (int l = 0; l < weights.length; l++) {
            Value[] out = new Value[weights[l].length];
            for (int j = 0; j < out.length; j++) {
                Value sum = biases[l][j];
                for (int i = 0; i < act.length; i++) {
                    sum = sum.add(weights[l][j][i].mul(act[i]));
                }
                out[j] = l < weights.length - 1 ? sum.relu() : sum;
            }
            act = out;
        }
        return act[0];
    }

    /** The full-batch loss graph: mean SVM max-margin loss plus L2 regularisation. */
    Value loss() {
        Value dataLoss = null;
        for (int s = 0; s < inputs.length; s++) {
            // micrograd: (1 + -yi*scorei).relu(), where float * Value becomes Value * Value(float)
            Value margin = score(inputs[s]).mul(-data.y[s]).add(1).relu();
            dataLoss = dataLoss == null ? margin.add(0) : dataLoss.add(margin); // Python's sum starts at 0
        }
        dataLoss = dataLoss.mul(1.0 / inputs.length);
        Value squares = null;
        for (Value p : parameters) {
            Value square = p.mul(p);
            squares = squares == null ? square.add(0) : squares.add(square);
        }
        return dataLoss.add(squares.mul(1e-4));
    }

    void zeroGrad() {
        for (Value p : parameters) {
            p.zeroGrad();
        }
    }

    /** SGD step k of the demo: p -= (1 - 0.9k/100) * grad. */
    void update(int k) {
        double learningRate = 1.0 - 0.9 * k / 100;
        for (Value p : parameters) {
            p.setData(p.data() - learningRate * p.grad());
        }
    }

    /** One training step on the rebuild path; returns the loss before the update. */
    double step(int k) {
        Value loss = loss();
        zeroGrad();
        loss.backward();
        update(k);
        return loss.data();
    }

    /**
     * Runs the 100 steps from the initial parameters and checks the graph size and every loss
     * against the reference, so that a benchmark never times a wrong computation.
     */
    void verify() {
        reset();
        int nodes = loss().topologicalOrder().size();
        if (nodes != GRAPH_NODES) {
            throw new IllegalStateException("moons graph has " + nodes + " nodes, expected " + GRAPH_NODES);
        }
        for (int k = 0; k < data.losses.length; k++) {
            double loss = step(k);
            if (Math.abs(loss - data.losses[k]) > 1e-9 * Math.max(1, Math.abs(data.losses[k]))) {
                throw new IllegalStateException("moons step " + k + ": loss " + loss
                        + " differs from the reference " + data.losses[k]);
            }
        }
        reset();
    }
}
