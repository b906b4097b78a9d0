package jgrad.spark;

import java.util.List;

/**
 * A finished run: the flat parameters ({@link TensorBridge} order) and one record per epoch.
 *
 * <pre>{@code
 * TrainResult r = new SparkTrainer(spark).fit(cfg, rows);
 * r.history().get(r.history().size() - 1).meanLoss();
 * }</pre>
 */
public final class TrainResult {
    private final double[] parameters;
    private final List<Epoch> history;

    TrainResult(double[] parameters, List<Epoch> history) {
        this.parameters = parameters;
        this.history = List.copyOf(history);
    }

    /** The trained parameters (a copy). */
    public double[] parameters() {
        return parameters.clone();
    }

    /** One record per epoch. */
    public List<Epoch> history() {
        return history;
    }

    /**
     * One epoch: its index, the optimizer steps taken so far, the mean training loss over its
     * batches (each row counted once, measured before each step's update), and its wall time.
     */
    public record Epoch(int epoch, int steps, double meanLoss, double seconds) {
    }

    /** Called on the driver after each epoch with a copy of the parameters. */
    @FunctionalInterface
    public interface Listener {
        /** After epoch {@code e}. */
        void onEpoch(Epoch e, double[] parameters);
    }
}
