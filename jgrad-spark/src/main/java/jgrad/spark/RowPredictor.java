package jgrad.spark;

import java.io.Serializable;

/**
 * The network for a model's {@code transform}: serializable with the spec and parameters, and
 * builds one {@link TensorBridge} per executor thread on first use.
 */
final class RowPredictor implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ModelSpec spec;
    private final double[] parameters;
    private transient ThreadLocal<TensorBridge> nets;

    RowPredictor(ModelSpec spec, double[] parameters) {
        this.spec = spec;
        this.parameters = parameters;
    }

    private synchronized ThreadLocal<TensorBridge> nets() {
        if (nets == null) {
            nets = ThreadLocal.withInitial(() -> {
                TensorBridge b = new TensorBridge(spec);
                b.setParameters(parameters);
                return b;
            });
        }
        return nets;
    }

    /** The outputs for one row. @throws IllegalArgumentException if the length is not the network's input size */
    double[] raw(double[] x) {
        if (x.length != spec.inputs()) {
            throw new IllegalArgumentException("jgrad-spark: a features vector of length " + x.length
                    + " for a network that takes " + spec.inputs() + " (" + spec + ")");
        }
        return nets().get().forward(x, 1);
    }

    /** softmax(raw(x)), computed stably in double. */
    double[] probabilities(double[] x) {
        double[] z = raw(x);
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : z) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < z.length; i++) {
            z[i] /= sum;
        }
        return z;
    }
}
