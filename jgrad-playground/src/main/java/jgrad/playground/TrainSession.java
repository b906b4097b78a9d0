package jgrad.playground;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.engine.CompiledGraph;
import jgrad.engine.Value;
import jgrad.nn.Activation;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.Layer;
import jgrad.nn.MLP;
import jgrad.nn.Trainer;
import jgrad.optim.Adam;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import jgrad.viz.GraphTrace;

/**
 * One browser tab's training run: the data, the network, jgrad's {@link Trainer}, and the
 * snapshots the page draws (boundary, neuron heatmaps, parameters with optimizer state, and the
 * loss graph of one chosen point). Not thread-safe: one thread (the tab's event stream) drives it.
 *
 * <p>The loss shown at step k is that of the model after k updates on the whole training set
 * (L2 included), so that step 0 is the untrained model; with the default setup these are the
 * notebook's losses, step by step.
 */
public final class TrainSession {
    /** Grid points per side of the decision boundary. */
    public static final int GRID = 50;
    /** Grid points per side of a neuron's heatmap. */
    public static final int NEURON_GRID = 16;
    /** Boundary scores travel as integers in units of 1/BOUNDARY_SCALE. */
    public static final double BOUNDARY_SCALE = 1e4;
    /** Neuron outputs travel as integers in units of 1/NEURON_SCALE. */
    public static final double NEURON_SCALE = 100;
    /** The most nodes of the chosen point's graph that are sent. */
    public static final int GRAPH_NODES = 200;

    private final TrainConfig config;
    private final Dataset uploaded;
    private final Dataset train;
    private final Dataset test;
    private final MLP model;
    private final Optimizer optimizer;
    private final Trainer trainer;
    private final Random rng;
    private final double[] bounds;   // xmin, xmax, ymin, ymax
    private final List<String> names = new ArrayList<>();
    private final double[] reference;
    private int[] order;
    private int cursor;
    private int steps;
    private int point;
    private double lastLr;
    /** The chosen point's cut graph, kept while the point stays, and the replay that refreshes its numbers. */
    private GraphTrace graphTrace;
    private int graphPoint = -1;
    private CompiledGraph graphReplay;

    /**
     * A fresh run of {@code config}; {@code uploaded} is the data of an upload when the dataset is
     * "upload" (else ignored).
     *
     * @throws IllegalArgumentException if the setup cannot be built (the data does not fit)
     */
    public TrainSession(TrainConfig config, Dataset uploaded) {
        this.config = config;
        this.uploaded = uploaded;
        this.rng = new Random(config.seed);
        Dataset all;
        MicrogradMoons demo = null;
        switch (config.dataset) {
            case "micrograd": demo = MicrogradMoons.load(); all = demo.data(); break;
            case "moons": all = Datasets.moons(config.samples, config.noise, rng); break;
            case "circles": all = Datasets.circles(config.samples, config.noise, 0.5, rng); break;
            case "spiral": all = Datasets.spiral(config.samples, 2, config.noise, rng); break;
            case "xor": all = Datasets.xor(config.samples, config.noise, rng); break;
            case "blobs": all = Datasets.blobs(config.samples, 2, 1 + 4 * config.noise, rng); break;
            case "upload":
                if (uploaded == null) {
                    throw new IllegalArgumentException("train: no upload with id '" + config.upload + "'; upload the CSV again");
                }
                all = uploaded;
                break;
            default: throw new IllegalArgumentException("train: unknown dataset '" + config.dataset + "'");
        }
        if (config.test > 0) {
            Dataset.Split split = all.split(rng, 1 - config.test, 0);
            train = split.train();
            test = split.test();
        } else {
            train = all;
            test = null;
        }
        if (train.size() < 2) {
            throw new IllegalArgumentException("train: only " + train.size() + " training points; lower 'test' or add samples");
        }
        int[] sizes = new int[config.layers.size() + 1];
        for (int i = 0; i < config.layers.size(); i++) {
            sizes[i] = config.layers.get(i);
        }
        sizes[sizes.length - 1] = 1;
        model = MLP.builder(2, sizes).hiddenActivation(Activation.parse(config.activation)).build(rng);
        boolean notebook = config.init.equals("micrograd");
        if (notebook) {
            model.setParameterData(MicrogradMoons.load().initialParameters());
        }
        reference = demo != null && notebook && config.test == 0 && config.lr == 1.0 && config.schedule.equals("micrograd")
                && config.l2 == MicrogradMoons.L2 && config.optimizer.equals("sgd") && config.batch == 0
                && config.loss.equals("max-margin") ? demo.loss() : null;
        optimizer = config.optimizer.equals("adam") ? new Adam(model.parameters(), config.lr) : new SGD(model.parameters(), config.lr);
        ClassificationLoss loss = config.loss.equals("bce") ? ClassificationLoss.BINARY_CROSS_ENTROPY : ClassificationLoss.MAX_MARGIN;
        trainer = new Trainer(model, loss, optimizer).l2(config.l2)
                .schedule(config.schedule.equals("micrograd")
                        ? LearningRateSchedule.linear(config.lr, 0.1 * config.lr, MicrogradMoons.STEPS)
                        : LearningRateSchedule.constant(config.lr));
        lastLr = config.lr;
        List<Layer> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            for (int j = 0; j < layers.get(l).outputs(); j++) {
                List<Value> w = layers.get(l).neurons().get(j).weights();
                for (int i = 0; i < w.size(); i++) {
                    names.add(w.get(i).label("L" + (l + 1) + ".N" + (j + 1) + ".w" + (i + 1)).label());
                }
                names.add(layers.get(l).neurons().get(j).bias().label("L" + (l + 1) + ".N" + (j + 1) + ".b").label());
            }
        }
        bounds = bounds(all);
        order = identity(train.size());
        // the last point's term joins the loss's sum last, so its whole path fits in the drawing
        point = train.size() - 1;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static double[] bounds(Dataset d) {
        double[] b = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] x : d.features()) {
            b[0] = Math.min(b[0], x[0]);
            b[1] = Math.max(b[1], x[0]);
            b[2] = Math.min(b[2], x[1]);
            b[3] = Math.max(b[3], x[1]);
        }
        double px = Math.max(0.25, 0.1 * (b[1] - b[0]));
        double py = Math.max(0.25, 0.1 * (b[3] - b[2]));
        return new double[] {b[0] - px, b[1] + px, b[2] - py, b[3] + py};
    }

    /** One optimizer step on the next batch (the whole training set by default). */
    public void step() {
        int[] rows;
        if (config.batch == 0 || config.batch >= train.size()) {
            rows = order;
        } else {
            if (cursor + config.batch > train.size() || steps == 0 && cursor == 0) {
                order = Dataset.permutation(train.size(), rng);
                cursor = 0;
            }
            rows = java.util.Arrays.copyOfRange(order, cursor, cursor + config.batch);
            cursor += config.batch;
        }
        lastLr = trainer.step(train, rows, steps * rows.length / train.size()).learningRate();
        steps++;
    }

    /** The setup this run was made from. */
    TrainConfig config() {
        return config;
    }

    /** The uploaded data it was made from, or null. */
    Dataset uploaded() {
        return uploaded;
    }

    /** Steps taken so far. */
    public int steps() {
        return steps;
    }

    /** The current model's loss (with L2) and accuracy on the training set. */
    public Trainer.Metrics trainMetrics() {
        return trainer.evaluate(train);
    }

    /** Chooses the training point whose loss graph is sent. @throws IllegalArgumentException if out of range */
    public void choosePoint(int index) {
        if (index < 0 || index >= train.size()) {
            throw new IllegalArgumentException("train: point " + index + " is not a training point; use 0 to " + (train.size() - 1));
        }
        point = index;
    }

    /** What does not change while training: the points, the grid, the network's shape, the parameter names. */
    public Map<String, Object> setup() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config.toJson());
        m.put("train", points(train));
        m.put("test", test == null ? List.of() : points(test));
        m.put("bounds", bounds);
        m.put("grid", GRID);
        m.put("neuronGrid", NEURON_GRID);
        m.put("boundaryScale", BOUNDARY_SCALE);
        m.put("neuronScale", NEURON_SCALE);
        List<Object> shape = new ArrayList<>();
        shape.add(2);
        for (Layer l : model.layers()) {
            shape.add(l.outputs());
        }
        m.put("shape", shape);
        m.put("parameters", new ArrayList<Object>(names));
        m.put("stateNames", new ArrayList<Object>(optimizer.stateNames()));
        m.put("reference", reference == null ? null : reference);
        m.put("point", point);
        return m;
    }

    private static List<Object> points(Dataset d) {
        List<Object> p = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            p.add(List.of(d.feature(i, 0), d.feature(i, 1), (long) d.label(i)));
        }
        return p;
    }

    /**
     * The state after the latest step: step, learning rate, train and test metrics, the boundary
     * scores, hidden neurons' heatmaps and the weights; with {@code details} also every parameter's
     * value, grad and optimizer state, and the chosen point's loss graph.
     */
    public Map<String, Object> update(boolean details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", steps);
        m.put("lr", lastLr);
        Trainer.Metrics tm = trainer.evaluate(train);
        m.put("trainLoss", ExpressionGraph.finite(tm.loss()));
        m.put("trainAccuracy", tm.accuracy());
        testMetrics(m);
        drawing(m, details);
        return m;
    }

    /**
     * One step and the update of the model before it, for playing: with full batches the step's own
     * forward pass is the loss of the model it starts from, so this costs one forward pass where
     * {@code step(); update(false)} costs two. The update says step k (the model after k
     * updates) while the model has moved on to k + 1; the next update says k + 1. With mini-batches
     * it is {@code step(); update(false)}.
     */
    public Map<String, Object> stepAndUpdate() {
        if (!(config.batch == 0 || config.batch >= train.size())) {
            step();
            return update(false);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", steps);
        m.put("lr", lastLr);
        testMetrics(m);
        drawing(m, false);
        int[] rows = order;
        Trainer.Step st = trainer.step(train, rows, steps);
        lastLr = st.learningRate();
        steps++;
        m.put("trainLoss", ExpressionGraph.finite(st.loss()));
        m.put("trainAccuracy", st.accuracy());
        return m;
    }

    private void testMetrics(Map<String, Object> m) {
        if (test != null && test.size() > 0) {
            Trainer.Metrics te = trainer.evaluate(test);
            m.put("testLoss", ExpressionGraph.finite(te.loss()));
            m.put("testAccuracy", te.accuracy());
        }
    }

    /** The boundary, the heatmaps and the parameters' values (with {@code details} also grads, state and graph). */
    private void drawing(Map<String, Object> m, boolean details) {
        GridForward f = new GridForward(model);
        double[][] buf = f.buffers();
        int last = buf.length - 1;
        int[] z = new int[GRID * GRID];
        double[] x = new double[2];
        for (int r = 0; r < GRID; r++) {
            x[1] = bounds[3] - (bounds[3] - bounds[2]) * r / (GRID - 1);
            for (int c = 0; c < GRID; c++) {
                x[0] = bounds[0] + (bounds[1] - bounds[0]) * c / (GRID - 1);
                z[r * GRID + c] = fixed(f.layers(x, buf)[last][0], BOUNDARY_SCALE);
            }
        }
        m.put("boundary", z);
        int hidden = last;
        int[][][] heat = new int[hidden][][];
        for (int l = 0; l < hidden; l++) {
            heat[l] = new int[buf[l].length][NEURON_GRID * NEURON_GRID];
        }
        for (int r = 0; r < NEURON_GRID; r++) {
            x[1] = bounds[3] - (bounds[3] - bounds[2]) * r / (NEURON_GRID - 1);
            for (int c = 0; c < NEURON_GRID; c++) {
                x[0] = bounds[0] + (bounds[1] - bounds[0]) * c / (NEURON_GRID - 1);
                f.layers(x, buf);
                for (int l = 0; l < hidden; l++) {
                    for (int j = 0; j < buf[l].length; j++) {
                        heat[l][j][r * NEURON_GRID + c] = fixed(buf[l][j], NEURON_SCALE);
                    }
                }
            }
        }
        List<Object> neurons = new ArrayList<>();
        for (int[][] layer : heat) {
            List<Object> l = new ArrayList<>();
            Collections.addAll(l, (Object[]) layer);
            neurons.add(l);
        }
        m.put("neurons", neurons);
        List<Value> params = model.parameters();
        double[] values = new double[params.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = params.get(i).data();
        }
        m.put("values", values);
        if (details) {
            double[] grads = new double[params.size()];
            for (int i = 0; i < grads.length; i++) {
                grads[i] = finiteOr0(params.get(i).grad());
            }
            m.put("grads", grads);
            Map<String, Object> state = new LinkedHashMap<>();
            for (String name : optimizer.stateNames()) {
                state.put(name, optimizer.state(name));
            }
            m.put("state", state);
            m.put("graph", pointGraph());
        }
    }

    private static double finiteOr0(double d) {
        return Double.isFinite(d) ? d : 0;
    }

    /** {@code v} in units of 1/scale, clamped to ±1e9 units (JSON of ints is short and quick to write). */
    private static int fixed(double v, double scale) {
        double u = v * scale;
        if (!(u == u)) {
            return 0;
        }
        return (int) Math.max(-1e9, Math.min(1e9, Math.rint(u)));
    }

    /**
     * The loss graph of the whole training set after backward, cut to the chosen point's path (as
     * {@code jgrad graph moons --example N}) and then to the nodes nearest the loss. The gradients
     * it shows are those of this graph; the parameters' grads are zeroed again by the next step.
     */
    Map<String, Object> pointGraph() {
        if (graphTrace == null || graphPoint != point || graphReplay == null) {
            int[] rows = identity(train.size());
            Trainer.LossGraph g = trainer.lossGraph(train, rows);
            Value root = g.loss().label("loss");
            Set<Value> params = Collections.newSetFromMap(new IdentityHashMap<>());
            params.addAll(model.parameters());
            List<Value> inputs = new ArrayList<>();
            Value out = g.outputs().get(point).get(0).label("score");
            for (Value v : out.topologicalOrder()) {
                if (v.isLeaf() && !params.contains(v)) {
                    v.label("x" + (inputs.size() + 1));
                    inputs.add(v);
                }
            }
            graphTrace = GraphTrace.of(root, model.parameters()).pathFrom(inputs).nearestToOutput(GRAPH_NODES);
            graphPoint = point;
            // the max-margin graph has the same shape for any parameters: replay it instead of building it again
            graphReplay = config.loss.equals("max-margin") ? CompiledGraph.compile(root) : null;
            model.zeroGrad();
            root.backward();
        } else {
            model.zeroGrad();
            for (Value v : graphTrace.nodes()) {
                if (v.isLeaf()) {
                    v.zeroGrad();   // the replay adds into leaves' grads, as backward() does
                }
            }
            graphReplay.forward();
            graphReplay.backward();
            graphReplay.writeBack();
        }
        GraphTrace trace = graphTrace;
        Value root = trace.root();
        List<Value> nodes = trace.nodes();
        Map<Value, Integer> id = new IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            id.put(nodes.get(i), i);
        }
        List<Object> ns = new ArrayList<>();
        for (Value v : nodes) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", id.get(v));
            n.put("label", v.label());
            n.put("op", v.op());
            n.put("data", ExpressionGraph.finite(v.data()));
            n.put("grad", ExpressionGraph.finite(v.grad()));
            n.put("role", trace.role(v).name().toLowerCase(java.util.Locale.ROOT));
            n.put("cut", trace.isCut(v));
            List<Object> children = new ArrayList<>();
            for (Value c : v.children()) {
                Integer ci = id.get(c);
                if (ci != null) {
                    children.add(ci);
                }
            }
            n.put("children", children);
            ns.add(n);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("point", point);
        m.put("summary", trace.summary());
        m.put("nodes", ns);
        m.put("output", id.get(root));
        return m;
    }
}
