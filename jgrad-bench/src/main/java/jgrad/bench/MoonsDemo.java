package jgrad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.engine.Value;
import jgrad.nn.Losses;
import jgrad.nn.MLP;

/**
 * One training run of micrograd's moons demo with {@link MLP}, node for node as micrograd's
 * {@code demo.ipynb} builds it: MLP(2,[16,16,1]) with ReLU hidden layers and a linear output,
 * loss = mean(relu(1 - y*score)) + 1e-4*sum(p*p), SGD with lr = 1 - 0.9k/100. One loss graph has
 * 65,818 nodes.
 */
final class MoonsDemo {
    static final int GRAPH_NODES = 65_818;

    private final MoonsData data;
    private final MLP model = new MLP(new Random(0), 2, 16, 16, 1);
    /** Kept, because {@code model.parameters()} makes a new list on every call. */
    private final List<Value> parameters = model.parameters();

    MoonsDemo(MoonsData data) {
        this.data = data;
        reset();
    }

    /** Puts the initial parameters back and zeroes their gradients. */
    void reset() {
        model.setParameterData(data.initialParameters);
        model.zeroGrad();
    }

    List<Value> parameters() {
        return parameters;
    }

    /** The full-batch loss graph, as the notebook writes it. */
    Value loss() {
        List<Value> losses = new ArrayList<>(data.x.length);
        for (int i = 0; i < data.x.length; i++) {
            Value score = model.forward(data.x[i]).get(0);
            losses.add(score.mul(-data.y[i]).add(1).relu());            // (1 + -yi*scorei).relu()
        }
        Value dataLoss = Losses.sum(losses).mul(1.0 / losses.size());  // sum(losses) * (1.0 / len(losses))
        List<Value> squares = new ArrayList<>();
        for (Value p : parameters) {
            squares.add(p.mul(p));
        }
        return dataLoss.add(Losses.sum(squares).mul(1e-4));           // + alpha * sum(p*p)
    }

    void zeroGrad() {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).zeroGrad();
        }
    }

    /** SGD step k of the demo: p -= (1 - 0.9k/100) * grad. */
    void update(int k) {
        double learningRate = 1.0 - 0.9 * k / 100;
        for (int i = 0; i < parameters.size(); i++) {
            Value p = parameters.get(i);
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
