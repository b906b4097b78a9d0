package jgrad.cli;

import java.nio.file.Path;
import java.util.List;
import jgrad.engine.Value;

/** The graphs {@code jgrad graph} draws, built and differentiated. */
final class Examples {

    /** A graph to draw: its output, the leaves that are parameters, and a file name. */
    record Graph(String name, Value root, List<Value> parameters) { }

    private Examples() {
    }

    static Graph build(GraphCommand.Example example) {
        return switch (example) {
            case readme -> readme();
            case neuron -> neuron();
            case mlp -> mlpLoss();
        };
    }

    /** micrograd's README expression; g = 24.7041, dg/da = 138.8338, dg/db = 645.5773. */
    static Graph readme() {
        Value a = Value.of(-4.0, "a"), b = Value.of(2.0, "b");
        Value c = a.add(b).label("c");
        Value d = a.mul(b).add(b.pow(3)).label("d");
        c = c.add(c.add(1)).label("c");
        c = c.add(Value.of(1).add(c).add(a.neg())).label("c");
        d = d.add(d.mul(2).add(b.add(a).relu())).label("d");
        d = d.add(Value.of(3).mul(d).add(b.sub(a).relu())).label("d");
        Value e = c.sub(d).label("e");
        Value f = e.pow(2).label("f");
        Value g = f.div(2.0).add(Value.of(10.0).div(f)).label("g");
        g.backward();
        return new Graph("readme", g, List.of());
    }

    /** The lecture's neuron, o = tanh(x1 w1 + x2 w2 + b) = 0.7071. */
    static Graph neuron() {
        Value x1 = Value.of(2.0, "x1"), x2 = Value.of(0.0, "x2");
        Value w1 = Value.of(-3.0, "w1"), w2 = Value.of(1.0, "w2");
        Value b = Value.of(6.8813735870195432, "b");
        Value x1w1 = x1.mul(w1).label("x1*w1"), x2w2 = x2.mul(w2).label("x2*w2");
        Value n = x1w1.add(x2w2).label("x1*w1 + x2*w2").add(b).label("n");
        Value o = n.tanh().label("o");
        o.backward();
        return new Graph("neuron", o, List.of(w1, w2, b));
    }

    static Graph mlpLoss() {
        throw new UnsupportedOperationException("the mlp example needs jgrad.nn");
    }

    static Graph savedModel(Path model, double[] input) {
        throw new UnsupportedOperationException("--model needs jgrad.io");
    }
}
