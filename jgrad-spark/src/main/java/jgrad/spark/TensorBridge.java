package jgrad.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.io.SafeTensors;
import jgrad.optim.ParameterGroup;
import jgrad.tensor.DType;
import jgrad.tensor.NoGrad;
import jgrad.tensor.Tensor;
import jgrad.tensor.nn.Activation;
import jgrad.tensor.nn.Init;
import jgrad.tensor.nn.MLP;

/**
 * The one class of jgrad-spark that touches the tensor engine: it builds the network of a
 * {@link ModelSpec}, moves parameters between it and flat {@code double[]} vectors (in
 * {@link ParameterGroup}'s order), and computes a block's summed loss and gradient. Everything
 * else in the module works on flat vectors, so a change of the tensor API lands here only.
 *
 * <p>Not thread-safe: each executor thread has its own ({@link #forThread}).
 *
 * <pre>{@code
 * TensorBridge net = new TensorBridge(spec);
 * net.setParameters(params);
 * double[] grad = new double[params.length];
 * double lossSum = net.lossAndGradSum(x, y, rows, grad);
 * }</pre>
 */
public final class TensorBridge {
    private static final ThreadLocal<Map<ModelSpec, TensorBridge>> CACHE =
            ThreadLocal.withInitial(LinkedHashMap::new);

    private final ModelSpec spec;
    private final DType dtype;
    private final MLP model;
    private final ParameterGroup group;
    private final double[] scratchValues;

    /** A network of {@code spec}'s shape with placeholder weights: set them with {@link #setParameters}. */
    public TensorBridge(ModelSpec spec) {
        this(spec, new Random(0));
    }

    private TensorBridge(ModelSpec spec, Random rng) {
        this.spec = spec;
        this.dtype = spec.dtype().equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
        this.model = new MLP(rng, dtype, activation(spec.activation()), Init.KAIMING_UNIFORM, spec.sizes());
        this.group = ParameterGroup.of(model.parameters());
        this.scratchValues = new double[group.size()];
    }

    /** The number of scalars in this network. */
    public int size() {
        return group.size();
    }

    /** The spec this network was built from. */
    public ModelSpec spec() {
        return spec;
    }

    /** This thread's network for {@code spec}, built once. */
    public static TensorBridge forThread(ModelSpec spec) {
        return CACHE.get().computeIfAbsent(spec, TensorBridge::new);
    }

    private static Activation activation(String name) {
        return switch (name) {
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> Activation.RELU;
        };
    }

    /**
     * The initial parameters of {@code spec}'s network: Kaiming-uniform weights drawn from
     * {@code new Random(seed)} layer by layer, as {@code new MLP(new Random(seed), ...)} draws them.
     */
    public static double[] initialParameters(ModelSpec spec, long seed) {
        TensorBridge b = new TensorBridge(spec, new Random(seed));
        return b.parameters();
    }

    /** The number of scalars in {@code spec}'s network. */
    public static int parameterCount(ModelSpec spec) {
        return forThread(spec).group.size();
    }

    /** Rounds {@code v} to the element type: float32 parameters live as floats on the workers. */
    static double round(ModelSpec spec, double v) {
        return spec.dtype().equals("float32") ? (double) (float) v : v;
    }

    /** The current parameter values, flat. */
    public double[] parameters() {
        double[] v = new double[group.size()], g = new double[group.size()];
        group.read(v, g);
        return v;
    }

    /** Sets every parameter from {@code values} (flat, {@link ParameterGroup} order). */
    public void setParameters(double[] values) {
        if (values.length != group.size()) {
            throw new IllegalArgumentException("TensorBridge: " + values.length + " values for the "
                    + group.size() + " parameters of " + spec);
        }
        group.write(values);
    }

    /**
     * The summed loss of {@code rows} rows (features {@code x}, row-major, and targets {@code y}:
     * class indices for cross-entropy, values otherwise), and the gradient of that sum added into
     * {@code gradOut}. For cross-entropy each row's loss is -log softmax(logits)[label]; for mse the
     * squared error; for mae the absolute error.
     */
    public double lossAndGradSum(double[] x, double[] y, int rows, double[] gradOut) {
        group.zeroGrad();
        Tensor out = model.forward(Tensor.of(dtype, x, rows, spec.inputs()));
        Tensor loss = lossSum(out, y, rows);
        loss.backward();
        group.read(scratchValues, gradOut);
        return loss.item();
    }

    private Tensor lossSum(Tensor out, double[] y, int rows) {
        if (spec.loss().equals("cross_entropy")) {
            long[] classes = new long[rows];
            for (int i = 0; i < rows; i++) {
                classes[i] = (long) y[i];
            }
            Tensor idx = Tensor.of(classes, rows, 1);
            return out.logSoftmax(1).gather(1, idx).sum().neg();
        }
        Tensor diff = out.sub(Tensor.of(dtype, y, rows, 1));
        return spec.loss().equals("mse") ? diff.mul(diff).sum() : diff.abs().sum();
    }

    /** The network's outputs for {@code rows} rows of {@code x}, row-major ([rows, outputs]). */
    public double[] forward(double[] x, int rows) {
        try (NoGrad scope = Tensor.noGrad()) {
            return model.forward(Tensor.of(dtype, x, rows, spec.inputs())).toDoubleArray();
        }
    }

    /** The safetensors bytes of {@code params} under PyTorch-style names, with {@code metadata}. */
    public static byte[] toSafeTensors(ModelSpec spec, double[] params, Map<String, String> metadata) {
        TensorBridge b = new TensorBridge(spec);
        b.setParameters(params);
        return SafeTensors.toBytes(b.model.namedParameters(), metadata);
    }

    /**
     * The flat parameters of {@code spec}'s network read from safetensors bytes.
     *
     * @throws IllegalArgumentException if a tensor is missing or has another shape
     */
    public static double[] fromSafeTensors(ModelSpec spec, byte[] bytes, String source) {
        Map<String, Tensor> loaded = SafeTensors.fromBytes(bytes, source);
        TensorBridge b = new TensorBridge(spec);
        for (Map.Entry<String, Tensor> e : b.model.namedParameters().entrySet()) {
            Tensor t = loaded.get(e.getKey());
            if (t == null || !t.shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException(source + ": tensor \"" + e.getKey() + "\" of shape "
                        + e.getValue().shape() + " is " + (t == null ? "missing" : "of shape " + t.shape())
                        + "; the file was not written for " + spec);
            }
            e.getValue().copyFrom(t.cast(b.dtype));
        }
        return b.parameters();
    }

    /**
     * The string metadata ({@code "__metadata__"}) of safetensors bytes; empty if there is none.
     *
     * @throws IllegalArgumentException if the header is cut short or is not JSON
     */
    public static Map<String, String> safeTensorsMetadata(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException(source + ": " + bytes.length + " bytes is too short for a safetensors file");
        }
        long len = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        if (len < 0 || len > bytes.length - 8) {
            throw new IllegalArgumentException(source + ": safetensors header of " + len + " bytes does not fit in "
                    + bytes.length + " bytes");
        }
        Object header = jgrad.io.Json.parse(new String(bytes, 8, (int) len, java.nio.charset.StandardCharsets.UTF_8),
                source);
        Map<String, String> out = new LinkedHashMap<>();
        if (header instanceof Map<?, ?> h && h.get("__metadata__") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** The parameter names and sizes in flat order, for documentation and messages. */
    static List<String> names(ModelSpec spec) {
        return List.copyOf(new TensorBridge(spec).model.namedParameters().keySet());
    }
}
