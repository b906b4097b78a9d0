package jgrad.playground;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jgrad.data.Dataset;
import jgrad.io.Json;

/**
 * micrograd's moons demo (demo.ipynb) as data: the notebook's 100 points (labels mapped to
 * classes 0 and 1 for y = -1 and +1), the 337 initial parameters of MLP(2, [16, 16, 1]) in
 * {@code parameters()} order, and the loss and accuracy at every one of its 100 steps.
 *
 * <p>The numbers are the resource {@code micrograd_moons.json} of this jar, copied from the
 * reference; {@code jgrad demo} and the playground's default setup both start from it, so that each
 * step can be checked against the notebook.
 *
 * <pre>{@code
 * MicrogradMoons demo = MicrogradMoons.load();
 * MLP model = new MLP(new Random(1337), 2, 16, 16, 1);
 * model.setParameterData(demo.initialParameters());
 * demo.loss()[0];   // 0.8958..., the loss before the first step
 * }</pre>
 */
public final class MicrogradMoons {
    /** The demo's number of points, steps, and its L2 strength. */
    public static final int SAMPLES = 100;
    /** Steps of the notebook's run. */
    public static final int STEPS = 100;
    /** The notebook's L2 strength (alpha in {@code alpha * sum(p * p)}). */
    public static final double L2 = 1e-4;

    private static volatile MicrogradMoons cached;

    private final Dataset data;
    private final double[] initialParameters;
    private final double[] loss;
    private final double[] accuracy;

    private MicrogradMoons(Dataset data, double[] initialParameters, double[] loss, double[] accuracy) {
        this.data = data;
        this.initialParameters = initialParameters;
        this.loss = loss;
        this.accuracy = accuracy;
    }

    /**
     * Reads the resource (once; later calls return the same numbers).
     *
     * @throws UncheckedIOException if the resource is missing from the jar
     */
    public static MicrogradMoons load() {
        MicrogradMoons m = cached;
        if (m == null) {
            m = read();
            cached = m;
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static MicrogradMoons read() {
        String name = "micrograd_moons.json";
        try (InputStream in = MicrogradMoons.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the resource jgrad/playground/" + name + " is missing from the jar; rebuild jgrad");
            }
            Map<String, Object> root = (Map<String, Object>) Json.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
            List<Object> rows = (List<Object>) root.get("X");
            double[] y = numbers(root.get("y"));
            double[][] x = new double[rows.size()][];
            int[] labels = new int[rows.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = numbers(rows.get(i));
                labels[i] = y[i] > 0 ? 1 : 0;
            }
            return new MicrogradMoons(new Dataset(x, labels, List.of("-1", "+1")),
                    numbers(root.get("initial_parameters")), numbers(root.get("loss")), numbers(root.get("accuracy")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] numbers(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** The notebook's 100 points; class 1 is y = +1. */
    public Dataset data() {
        return data;
    }

    /** A copy of the 337 initial parameters of MLP(2, [16, 16, 1]), in {@code parameters()} order. */
    public double[] initialParameters() {
        return initialParameters.clone();
    }

    /** A copy of the notebook's loss at steps 0 to 99 (each before that step's update). */
    public double[] loss() {
        return loss.clone();
    }

    /** A copy of the notebook's accuracy at steps 0 to 99. */
    public double[] accuracy() {
        return accuracy.clone();
    }
}
