package jgrad.playground;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The train view's setup, read from the page's JSON and checked against the playground's limits.
 * Every field has a default; the defaults are micrograd's moons demo on the notebook's own points
 * and weights. Each bad field gives an {@link IllegalArgumentException} that names the field, the
 * value and what is allowed, which the server answers with 400.
 *
 * <pre>{@code
 * TrainConfig c = TrainConfig.fromJson(Map.of("dataset", "circles", "layers", List.of(8, 8)));
 * }</pre>
 */
public final class TrainConfig {
    /** The most hidden layers a network may have. */
    public static final int MAX_LAYERS = 8;
    /** The most neurons a layer may have. */
    public static final int MAX_NEURONS = 64;
    /** The most points a generated dataset may have. */
    public static final int MAX_SAMPLES = 1000;
    /** The datasets the page offers; "micrograd" is the notebook's 100 moons points, "upload" a CSV. */
    public static final List<String> DATASETS = List.of("micrograd", "moons", "circles", "spiral", "xor", "blobs", "upload");

    private static final Set<String> KEYS = Set.of("dataset", "samples", "noise", "test", "seed", "layers", "activation",
            "loss", "optimizer", "lr", "schedule", "l2", "batch", "init", "upload");

    String dataset = "micrograd";
    int samples = 100;
    double noise = 0.1;
    double test = 0;
    long seed = 1337;
    List<Integer> layers = List.of(16, 16);
    String activation = "relu";
    String loss = "max-margin";
    String optimizer = "sgd";
    double lr = 1.0;
    String schedule = "micrograd";
    double l2 = 1e-4;
    int batch = 0;
    String init = "micrograd";
    String upload = "";

    /** The defaults: micrograd's moons demo. */
    public static TrainConfig defaults() {
        return new TrainConfig();
    }

    /**
     * Reads a setup from parsed JSON (a map; absent keys keep their defaults).
     *
     * @throws IllegalArgumentException naming the first bad field
     */
    public static TrainConfig fromJson(Object json) {
        if (!(json instanceof Map)) {
            throw new IllegalArgumentException("train: the setup must be a JSON object such as {\"dataset\": \"moons\"}");
        }
        Map<?, ?> m = (Map<?, ?>) json;
        for (Object k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("train: unknown field '" + k + "'; the fields are " + new java.util.TreeSet<>(KEYS));
            }
        }
        TrainConfig c = new TrainConfig();
        c.dataset = choice(m, "dataset", c.dataset, DATASETS);
        c.samples = (int) integer(m, "samples", c.samples, 10, MAX_SAMPLES);
        c.noise = number(m, "noise", c.noise, 0, 2);
        c.test = number(m, "test", c.test, 0, 0.9);
        c.seed = integer(m, "seed", c.seed, 0, Long.MAX_VALUE);
        if (m.containsKey("layers")) {
            Object v = m.get("layers");
            if (!(v instanceof List)) {
                throw new IllegalArgumentException("train: 'layers' must be a list of hidden layer sizes such as [16, 16], got " + v);
            }
            List<?> list = (List<?>) v;
            if (list.size() > MAX_LAYERS) {
                throw new IllegalArgumentException("train: the network has " + list.size() + " hidden layers, more than the "
                        + MAX_LAYERS + " allowed; use at most " + MAX_LAYERS + " layers of at most " + MAX_NEURONS + " neurons");
            }
            List<Integer> sizes = new ArrayList<>();
            for (Object s : list) {
                if (!(s instanceof Long) || (Long) s < 1 || (Long) s > MAX_NEURONS) {
                    throw new IllegalArgumentException("train: a hidden layer has " + s + " neurons; each layer needs 1 to "
                            + MAX_NEURONS + " neurons (at most " + MAX_LAYERS + " layers)");
                }
                sizes.add(((Long) s).intValue());
            }
            c.layers = List.copyOf(sizes);
        }
        c.activation = choice(m, "activation", c.activation, List.of("relu", "tanh", "sigmoid", "linear"));
        c.loss = choice(m, "loss", c.loss, List.of("max-margin", "bce"));
        c.optimizer = choice(m, "optimizer", c.optimizer, List.of("sgd", "adam"));
        c.lr = number(m, "lr", c.lr, 1e-6, 10);
        c.schedule = choice(m, "schedule", c.schedule, List.of("micrograd", "constant"));
        c.l2 = number(m, "l2", c.l2, 0, 1);
        c.batch = (int) integer(m, "batch", c.batch, 0, MAX_SAMPLES);
        c.init = choice(m, "init", c.init, List.of("micrograd", "seed"));
        if (m.containsKey("upload")) {
            Object u = m.get("upload");
            if (!(u instanceof String) || ((String) u).length() > 64) {
                throw new IllegalArgumentException("train: 'upload' must be the id the upload answered, got " + u);
            }
            c.upload = (String) u;
        }
        if (c.init.equals("micrograd") && !(c.layers.equals(List.of(16, 16)) && c.activation.equals("relu"))) {
            throw new IllegalArgumentException("train: init 'micrograd' (the notebook's weights) needs the notebook's network,"
                    + " layers [16, 16] with relu; got layers " + c.layers + " with " + c.activation + "; use init 'seed'");
        }
        if (c.dataset.equals("upload") && c.upload.isEmpty()) {
            throw new IllegalArgumentException("train: dataset 'upload' needs the 'upload' id of a CSV sent to /api/upload");
        }
        return c;
    }

    /** This setup as JSON (what the page puts in the URL). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("samples", samples);
        m.put("noise", noise);
        m.put("test", test);
        m.put("seed", seed);
        m.put("layers", new ArrayList<Object>(layers));
        m.put("activation", activation);
        m.put("loss", loss);
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("schedule", schedule);
        m.put("l2", l2);
        m.put("batch", batch);
        m.put("init", init);
        m.put("upload", upload);
        return m;
    }

    private static String choice(Map<?, ?> m, String key, String dflt, List<String> allowed) {
        if (!m.containsKey(key)) {
            return dflt;
        }
        Object v = m.get(key);
        if (!(v instanceof String) || !allowed.contains(v)) {
            throw new IllegalArgumentException("train: unknown " + key + " " + (v instanceof String ? "'" + v + "'" : String.valueOf(v))
                    + "; use one of " + String.join(", ", allowed));
        }
        return (String) v;
    }

    private static double number(Map<?, ?> m, String key, double dflt, double min, double max) {
        if (!m.containsKey(key)) {
            return dflt;
        }
        Object v = m.get(key);
        if (!(v instanceof Number) || !(((Number) v).doubleValue() >= min && ((Number) v).doubleValue() <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "train: '%s' must be a number from %s to %s, got %s",
                    key, min, max, v));
        }
        return ((Number) v).doubleValue();
    }

    private static long integer(Map<?, ?> m, String key, long dflt, long min, long max) {
        if (!m.containsKey(key)) {
            return dflt;
        }
        Object v = m.get(key);
        if (!(v instanceof Long) || (Long) v < min || (Long) v > max) {
            throw new IllegalArgumentException("train: '" + key + "' must be a whole number from " + min + " to " + max + ", got " + v);
        }
        return (Long) v;
    }
}
