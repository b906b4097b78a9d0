package jgrad.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import jgrad.data.Categorical;
import jgrad.data.InputLimits;
import jgrad.data.Standardizer;
import jgrad.data.TextFiles;
import jgrad.nn.Activation;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.nn.MLP;
import jgrad.nn.Neuron;

/**
 * Saves and loads {@link SavedModel}s as human-readable JSON, format {@value #FORMAT} version
 * {@value #VERSION} (described in {@code docs/model-format.md}).
 *
 * <pre>{@code
 * {
 *   "format": "jgrad-mlp",
 *   "version": 2,
 *   "task": "classification",
 *   "inputs": 2,
 *   "features": ["x1", "x2"],
 *   "classes": ["0", "1"],
 *   "standardization": {"mean": [0.49, 0.26], "std": [0.87, 0.5]},
 *   "layers": [
 *     {"activation": "relu", "weights": [[0.23, -0.9], ...], "biases": [0.0, ...]},
 *     ...
 *     {"activation": "linear", "weights": [[...]], "biases": [-0.12]}
 *   ],
 *   "metadata": {"loss": "max-margin"}
 * }
 * }</pre>
 *
 * <p>Numbers are written with {@link Double#toString}, so every parameter loads back bit for bit.
 * {@link #save} is atomic ({@link AtomicFiles}): a failure leaves the previous file intact.
 * {@link #load} checks everything and throws {@link ModelFormatException} naming the file, the
 * JSON path of the problem and what was expected; it never fills in a missing number.
 *
 * <p>Version 2 adds {@code "task"} ({@code "classification"} or {@code "regression"}),
 * {@code "targets"} (a regression's target names), {@code "target_standardization"} (the
 * targets' mean and std, undone on prediction) and {@code "categorical"} (one-hot encoded text
 * columns). Version 1 files, which are all classifiers without those fields, still load, as the
 * same models; saving writes version 2.
 */
public final class ModelFile {
    /** The value of the {@code "format"} field. */
    public static final String FORMAT = "jgrad-mlp";
    /** The version this code writes and the newest it reads. */
    public static final int VERSION = 2;

    private static final Set<String> TOP_LEVEL_V1 = Set.of("format", "version", "inputs", "features", "classes",
            "standardization", "layers", "metadata");
    private static final Set<String> TOP_LEVEL = Set.of("format", "version", "task", "inputs", "features", "classes",
            "targets", "categorical", "standardization", "target_standardization", "layers", "metadata");

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file}, atomically.
     *
     * @throws IOException if the file cannot be written; the previous file is then untouched
     * @throws IllegalArgumentException if a parameter is NaN or infinite (nothing is written)
     */
    public static void save(Path file, SavedModel model) throws IOException {
        AtomicFiles.writeString(file, toJson(model));
    }

    /**
     * Reads a model file; NaN or infinite parameters are refused.
     *
     * @throws IOException if the file cannot be read
     * @throws ModelFormatException if it is not a complete, consistent model of this format
     * @throws jgrad.data.InputFormatException if it is not a regular file, too big
     *     ({@link InputLimits}) or not valid UTF-8
     */
    public static SavedModel load(Path file) throws IOException {
        String text = TextFiles.read(file, StandardCharsets.UTF_8, "model file");
        // the parsed tree, the parameter arrays and the network's Value nodes: about 6 bytes a character
        InputLimits.checkHeap(file.toString(), "the model", 6L * text.length());
        return fromJson(text, file.toString());
    }

    /** The JSON text {@link #save} writes. @throws IllegalArgumentException if a parameter is not finite */
    public static String toJson(SavedModel saved) {
        MLP model = saved.model();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("task", saved.isRegression() ? "regression" : "classification");
        root.put("inputs", model.inputs());
        root.put("features", saved.featureNames());
        root.put("classes", saved.classNames());
        if (saved.isRegression()) {
            root.put("targets", saved.targetNames());
        }
        if (!saved.categorical().isEmpty()) {
            List<Object> encodings = new ArrayList<>();
            for (Categorical c : saved.categorical()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("column", c.column());
                m.put("categories", c.categories());
                encodings.add(m);
            }
            root.put("categorical", encodings);
        }
        root.put("standardization", saved.standardizer().map(ModelFile::scaler).orElse(null));
        if (saved.isRegression()) {
            root.put("target_standardization", saved.targetStandardizer().map(ModelFile::scaler).orElse(null));
        }
        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("activation", layer.activation().id());
            List<Object> weights = new ArrayList<>();
            double[] biases = new double[layer.outputs()];
            for (int j = 0; j < layer.outputs(); j++) {
                Neuron n = layer.neurons().get(j);
                double[] row = new double[n.inputs()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = n.weights().get(i).data();
                }
                weights.add(row);
                biases[j] = n.bias().data();
            }
            l.put("weights", weights);
            l.put("biases", biases);
            layers.add(l);
        }
        root.put("layers", layers);
        root.put("metadata", saved.metadata());
        return Json.writePretty(root);
    }

    private static Object scaler(Standardizer s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", s.mean());
        m.put("std", s.std());
        return m;
    }

    /**
     * Reads the JSON text of a model; {@code source} names it in error messages.
     *
     * @throws ModelFormatException if it is not a complete, consistent model of this format
     */
    public static SavedModel fromJson(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);   // a byte-order mark: allowed by RFC 8259 readers, never written
        }
        Object parsed;
        try {
            parsed = Json.parse(text, null);
        } catch (JsonException e) {
            throw new ModelFormatException(source, "not valid JSON (is the file truncated or not a model?): "
                    + e.getMessage(), e);
        }
        return new Reader(source).read(parsed);
    }

    /** Reads the parsed tree, keeping the file name for messages. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        SavedModel read(Object parsed) {
            Map<String, Object> root = object(parsed, "the top level");
            Object format = root.get("format");
            if (!FORMAT.equals(format)) {
                throw fail("\"format\" is " + (format == null ? "missing" : Json.write(format)) + ", expected \""
                        + FORMAT + "\": this is not a jgrad model file");
            }
            long version = integer(field(root, "version", ""), "version");
            if (version < 1 || version > VERSION) {
                throw fail("version " + version + " is not supported: this jgrad reads versions 1 to " + VERSION);
            }
            Set<String> known = version == 1 ? TOP_LEVEL_V1 : TOP_LEVEL;
            for (String key : root.keySet()) {
                if (!known.contains(key)) {
                    throw fail("unknown field \"" + key + "\"; a version " + version + " file has " + known);
                }
            }
            String task = root.containsKey("task") ? string(root.get("task"), "task") : "classification";
            if (!task.equals("classification") && !task.equals("regression")) {
                throw fail("task is \"" + task + "\", expected \"classification\" or \"regression\"");
            }
            long inputCount = integer(field(root, "inputs", ""), "inputs");
            if (inputCount < 1 || inputCount > Integer.MAX_VALUE) {
                throw fail("inputs must be between 1 and " + Integer.MAX_VALUE + ", got " + inputCount);
            }
            int inputs = (int) inputCount;
            List<Object> layerList = array(field(root, "layers", ""), "layers");
            if (layerList.isEmpty()) {
                throw fail("layers is empty; a network needs at least one layer");
            }
            List<Activation> activations = new ArrayList<>();
            List<double[][]> weights = new ArrayList<>();
            List<double[]> biases = new ArrayList<>();
            int in = inputs;
            for (int k = 0; k < layerList.size(); k++) {
                String path = "layers[" + k + "]";
                Map<String, Object> layer = object(layerList.get(k), path);
                for (String key : layer.keySet()) {
                    if (!Set.of("activation", "weights", "biases").contains(key)) {
                        throw fail(path + " has an unknown field \"" + key + "\"; expected activation, weights, biases");
                    }
                }
                String act = string(field(layer, "activation", path), path + ".activation");
                try {
                    activations.add(Activation.parse(act));
                } catch (IllegalArgumentException e) {
                    throw fail(path + ".activation: " + e.getMessage());
                }
                List<Object> rows = array(field(layer, "weights", path), path + ".weights");
                if (rows.isEmpty()) {
                    throw fail(path + ".weights is empty; a layer needs at least one neuron");
                }
                double[][] w = new double[rows.size()][];
                for (int j = 0; j < w.length; j++) {
                    w[j] = numbers(rows.get(j), path + ".weights[" + j + "]");
                    if (w[j].length != in) {
                        throw fail(path + ".weights[" + j + "] has " + w[j].length + " numbers but the layer has "
                                + in + " inputs (" + (k == 0 ? "\"inputs\"" : "the outputs of layers[" + (k - 1) + "]") + ")");
                    }
                }
                double[] b = numbers(field(layer, "biases", path), path + ".biases");
                if (b.length != w.length) {
                    throw fail(path + ".biases has " + b.length + " numbers but weights has " + w.length
                            + " rows (one per neuron)");
                }
                weights.add(w);
                biases.add(b);
                in = w.length;
            }
            MLP model = network(inputs, activations, weights, biases);

            Standardizer standardizer = scaler(root.get("standardization"), "standardization", inputs, "inputs");
            List<String> features = strings(root.getOrDefault("features", List.of()), "features");
            List<String> classes = strings(root.getOrDefault("classes", List.of()), "classes");
            List<String> targets = strings(root.getOrDefault("targets", List.of()), "targets");
            if (task.equals("regression") && targets.isEmpty()) {
                throw fail("a regression model needs \"targets\", one name per output");
            }
            if (task.equals("classification") && !targets.isEmpty()) {
                throw fail("\"targets\" is for task \"regression\"; this model's task is classification");
            }
            Standardizer targetScale = scaler(root.get("target_standardization"), "target_standardization",
                    model.outputs(), "outputs");
            List<Categorical> categorical = new ArrayList<>();
            if (root.get("categorical") != null) {
                List<Object> list = array(root.get("categorical"), "categorical");
                for (int k = 0; k < list.size(); k++) {
                    String path = "categorical[" + k + "]";
                    Map<String, Object> c = object(list.get(k), path);
                    try {
                        categorical.add(new Categorical(string(field(c, "column", path), path + ".column"),
                                strings(field(c, "categories", path), path + ".categories")));
                    } catch (IllegalArgumentException e) {
                        throw fail(path + ": " + e.getMessage());
                    }
                }
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            Object meta = root.get("metadata");
            if (meta != null) {
                for (Map.Entry<String, Object> e : object(meta, "metadata").entrySet()) {
                    metadata.put(e.getKey(), string(e.getValue(), "metadata." + e.getKey()));
                }
            }
            try {
                return new SavedModel(model, standardizer, features, classes, targets, targetScale, categorical,
                        metadata);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        /** A {@code {"mean": [...], "std": [...]}} of {@code count} columns, or null. */
        private Standardizer scaler(Object st, String name, int count, String what) {
            if (st == null) {
                return null;
            }
            Map<String, Object> s = object(st, name);
            double[] mean = numbers(field(s, "mean", name), name + ".mean");
            double[] std = numbers(field(s, "std", name), name + ".std");
            if (mean.length != count || std.length != count) {
                throw fail(name + " has " + mean.length + " means and " + std.length
                        + " stds but the network " + (what.equals("inputs") ? "takes " : "has ") + count + " " + what);
            }
            try {
                return new Standardizer(mean, std);
            } catch (IllegalArgumentException e) {
                throw fail(name + ": " + e.getMessage());
            }
        }

        private static MLP network(int inputs, List<Activation> activations, List<double[][]> weights,
                List<double[]> biases) {
            int[] sizes = new int[weights.size()];
            for (int k = 0; k < sizes.length; k++) {
                sizes[k] = weights.get(k).length;
            }
            MLP model = MLP.builder(inputs, sizes).activations(activations)
                    .weightInit(Init.zeros()).build(new Random(0));
            double[] flat = new double[model.parameters().size()];
            int at = 0;
            for (int k = 0; k < sizes.length; k++) {
                for (int j = 0; j < sizes[k]; j++) {
                    for (double w : weights.get(k)[j]) {
                        flat[at++] = w;
                    }
                    flat[at++] = biases.get(k)[j];
                }
            }
            model.setParameterData(flat);
            return model;
        }

        private Object field(Map<String, Object> map, String name, String path) {
            if (!map.containsKey(name)) {
                throw fail((path.isEmpty() ? "" : path + ": ") + "the field \"" + name + "\" is missing");
            }
            return map.get(name);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> object(Object o, String path) {
            if (!(o instanceof Map)) {
                throw fail(path + " must be a JSON object, found " + kind(o));
            }
            return (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        private List<Object> array(Object o, String path) {
            if (!(o instanceof List)) {
                throw fail(path + " must be a JSON array, found " + kind(o));
            }
            return (List<Object>) o;
        }

        private String string(Object o, String path) {
            if (!(o instanceof String)) {
                throw fail(path + " must be a string, found " + kind(o));
            }
            return (String) o;
        }

        private long integer(Object o, String path) {
            if (!(o instanceof Long)) {
                throw fail(path + " must be a whole number, found " + kind(o));
            }
            return (Long) o;
        }

        private double[] numbers(Object o, String path) {
            List<Object> list = array(o, path);
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                Object v = list.get(i);
                if (!(v instanceof Number)) {
                    throw fail(path + "[" + i + "] must be a number, found " + kind(v));
                }
                out[i] = ((Number) v).doubleValue();
                if (!Double.isFinite(out[i])) {
                    throw fail(path + "[" + i + "] is out of the range of a double; JSON cannot hold NaN or"
                            + " infinity, so a model with non-finite weights is refused");
                }
            }
            return out;
        }

        private List<String> strings(Object o, String path) {
            List<Object> list = array(o, path);
            List<String> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(string(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }

        private static String kind(Object o) {
            if (o == null) {
                return "null";
            }
            if (o instanceof Map) {
                return "an object";
            }
            if (o instanceof List) {
                return "an array";
            }
            if (o instanceof String) {
                return "the string " + Json.write(o);
            }
            return o instanceof Boolean ? o.toString() : "the number " + o;
        }

        private ModelFormatException fail(String message) {
            return new ModelFormatException(source, message);
        }
    }
}
