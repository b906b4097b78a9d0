package jgrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.engine.Value;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import jgrad.nn.Activation;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.Init;
import jgrad.nn.Losses;
import jgrad.nn.MLP;
import jgrad.nn.Neuron;
import jgrad.viz.GraphTrace;

/** The graphs {@code jgrad graph} draws, built and differentiated. */
final class Examples {

    /** A graph to draw: its output, the leaves that are parameters, a file name, and a note to print. */
    record Graph(String name, Value root, List<Value> parameters, String note) {
        Graph(String name, Value root, List<Value> parameters) {
            this(name, root, parameters, "");
        }
    }

    private Examples() {
    }

    static Graph build(GraphCommand.Example example) {
        return switch (example) {
            case readme -> readme();
            case expression -> expression();
            case neuron -> neuron();
            case neuron_exp -> neuronWithExp();
            case accumulate -> accumulate();
            case mlp -> mlpLoss();
            case moons -> moonsLoss(-1);
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

    /** The lecture's first expression, L = (a*b + c) * f = -8, with dL/da = 6 and dL/db = -4. */
    static Graph expression() {
        Value a = Value.of(2.0, "a"), b = Value.of(-3.0, "b"), c = Value.of(10.0, "c");
        Value e = a.mul(b).label("e");
        Value d = e.add(c).label("d");
        Value f = Value.of(-2.0, "f");
        Value loss = d.mul(f).label("L");
        loss.backward();
        return new Graph("expression", loss, List.of());
    }

    /** The lecture's neuron with tanh written out as (e - 1) / (e + 1), e = exp(2n): same gradients. */
    static Graph neuronWithExp() {
        Value x1 = Value.of(2.0, "x1"), x2 = Value.of(0.0, "x2");
        Value w1 = Value.of(-3.0, "w1"), w2 = Value.of(1.0, "w2");
        Value b = Value.of(6.8813735870195432, "b");
        Value n = x1.mul(w1).label("x1*w1").add(x2.mul(w2).label("x2*w2")).add(b).label("n");
        Value e = n.mul(2).exp().label("e");
        Value o = e.sub(1).div(e.add(1)).label("o");
        o.backward();
        return new Graph("neuron_exp", o, List.of(w1, w2, b));
    }

    /** Why gradients accumulate: b = a + a, so db/da = 2, one from each use. */
    static Graph accumulate() {
        Value a = Value.of(3.0, "a");
        Value b = a.add(a).label("b");
        b.backward();
        return new Graph("accumulate", b, List.of());
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

    /**
     * A small MLP's loss on one example: the lecture's network, MLP(3, [4, 4, 1]) with tanh
     * everywhere and uniform(-1, 1) biases (seed 1337), on its first example x = (2, 3, -1) with
     * target 1, and the lecture's squared error (ypred - y)².
     */
    static Graph mlpLoss() {
        MLP model = MLP.builder(3, 4, 4, 1)
                .activation(Activation.TANH)
                .biasInit(Init.uniform(-1, 1))
                .build(new Random(1337));
        labelParameters(model);
        List<Value> x = inputs(new double[] {2.0, 3.0, -1.0}, List.of("x1", "x2", "x3"));
        Value ypred = model.forward(x).get(0).label("ypred");
        Value loss = ypred.sub(1.0).pow(2).label("loss");
        loss.backward();
        return new Graph("mlp", loss, model.parameters());
    }

    /**
     * The loss graph of micrograd's moons demo at its first step (jgrad's moons and initial model
     * of {@code jgrad demo}): the full batch of 100 examples, max-margin loss plus 1e-4 L2, 65,818
     * nodes, backpropagated. With {@code example >= 0} the graph to draw is that example's loss term,
     * {@code relu(1 - y·score)}, and what feeds it: its path through the network, showing the
     * gradients of the whole loss.
     *
     * @throws IllegalArgumentException if example is not a row of the data
     */
    static Graph moonsLoss(int example) {
        Random rng = new Random(DemoCommand.SEED);
        Dataset moons = Datasets.moons(DemoCommand.SAMPLES, DemoCommand.NOISE, rng);
        MLP model = new MLP(rng, 2, 16, 16, 1);
        if (example >= moons.size()) {
            throw new IllegalArgumentException("--example " + example + " is not a row of the demo's "
                    + moons.size() + " examples; use 0 to " + (moons.size() - 1));
        }
        labelParameters(model);
        // micrograd's demo loss, keeping each example's term to draw it alone
        List<Value> scores = new ArrayList<>();
        double[] y = new double[moons.size()];
        for (int i = 0; i < moons.size(); i++) {
            scores.add(model.forward(inputs(moons.features(i), List.of("x1[" + i + "]", "x2[" + i + "]"))).get(0));
            y[i] = moons.label(i) == 1 ? 1.0 : -1.0;
        }
        List<Value> terms = Losses.maxMarginTerms(scores, y);
        Value loss = Losses.mean(terms).add(Losses.l2(model.parameters(), 1e-4)).label("loss");
        loss.backward();
        if (example < 0) {
            return new Graph("moons", loss, model.parameters());
        }
        Value term = terms.get(example).label("loss term " + example);
        return new Graph("moons-example-" + example, term, model.parameters(), String.format(Locale.ROOT,
                "example %d's loss term, out of the demo's full-batch loss graph of %,d nodes",
                example, GraphTrace.of(loss).totalNodes()));
    }

    /**
     * A saved model's forward graph on one row of raw features: the row is standardised as the
     * model was trained, and the graph ends in the output of the predicted class (the score when
     * there is one output), backpropagated.
     *
     * @throws IllegalArgumentException if the row does not have the model's number of features
     */
    static Graph savedModel(Path file, double[] row) throws IOException {
        SavedModel saved = ModelFile.load(file);
        MLP model = saved.model();
        if (row == null) {
            throw new Main.UsageException("--model needs --input with one row of " + model.inputs() + " features"
                    + (saved.featureNames().isEmpty() ? "" : " " + saved.featureNames()));
        }
        if (row.length != model.inputs()) {
            throw new IllegalArgumentException("--input has " + row.length + " values but " + file + " takes "
                    + model.inputs() + " features" + (saved.featureNames().isEmpty() ? "" : " " + saved.featureNames()));
        }
        double[] in = saved.standardizer().map(s -> s.transform(row)).orElse(row);
        labelParameters(model);
        List<String> names = saved.featureNames().isEmpty() ? Dataset.defaultFeatureNames(row.length) : saved.featureNames();
        List<Value> outputs = model.forward(inputs(in, names));
        int predicted = ClassificationLoss.predict(outputs);
        Value root = outputs.get(outputs.size() == 1 ? 0 : predicted);
        String className = saved.classNames().isEmpty() ? Integer.toString(predicted) : saved.classNames().get(predicted);
        root.label(outputs.size() == 1 ? "score (class " + className + ")" : "output " + className + " (predicted)");
        root.backward();
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        return new Graph(name, root, model.parameters());
    }

    /** Leaves holding {@code x}, labelled with the feature names. */
    private static List<Value> inputs(double[] x, List<String> names) {
        List<Value> in = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            in.add(Value.of(x[i], names.get(i)));
        }
        return in;
    }

    /** Labels weights {@code w2.3.1} (layer 2, neuron 3, input 1) and biases {@code b2.3}, from 1. */
    private static void labelParameters(MLP model) {
        for (int l = 0; l < model.layers().size(); l++) {
            List<Neuron> neurons = model.layers().get(l).neurons();
            for (int j = 0; j < neurons.size(); j++) {
                Neuron n = neurons.get(j);
                for (int i = 0; i < n.weights().size(); i++) {
                    n.weights().get(i).label("w" + (l + 1) + "." + (j + 1) + "." + (i + 1));
                }
                n.bias().label("b" + (l + 1) + "." + (j + 1));
            }
        }
    }
}
