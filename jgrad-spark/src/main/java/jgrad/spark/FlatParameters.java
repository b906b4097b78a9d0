package jgrad.spark;

import jgrad.optim.ParameterGroup;

/**
 * The driver's copy of the model: flat values and gradients that jgrad's {@code Optimizer}
 * classes update through {@link ParameterGroup}. Values are rounded to the model's element type
 * when written, so a float32 model on the driver holds exactly what the workers will hold.
 *
 * <pre>{@code
 * FlatParameters p = new FlatParameters(spec, TensorBridge.initialParameters(spec, 1));
 * Optimizer adam = new Adam(p, 0.01, 0.9, 0.999, 1e-8, 0);
 * }</pre>
 */
public final class FlatParameters implements ParameterGroup {
    private final ModelSpec spec;
    private final double[] values;
    private final double[] grads;

    /** A group over a copy of {@code values}. */
    public FlatParameters(ModelSpec spec, double[] values) {
        this.spec = spec;
        this.values = values.clone();
        this.grads = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            this.values[i] = TensorBridge.round(spec, values[i]);
        }
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public double value(int i) {
        return values[i];
    }

    @Override
    public double grad(int i) {
        return grads[i];
    }

    @Override
    public void setValue(int i, double v) {
        values[i] = TensorBridge.round(spec, v);
    }

    @Override
    public void zeroGrad() {
        java.util.Arrays.fill(grads, 0);
    }

    @Override
    public void read(double[] v, double[] g) {
        System.arraycopy(values, 0, v, 0, values.length);
        System.arraycopy(grads, 0, g, 0, grads.length);
    }

    /** Sets the gradients to {@code sum / count}. */
    void setMeanGradient(double[] sum, int count) {
        for (int i = 0; i < grads.length; i++) {
            grads[i] = sum[i] / count;
        }
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }
}
