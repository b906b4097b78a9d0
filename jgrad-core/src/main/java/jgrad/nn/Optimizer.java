package jgrad.nn;

import java.util.Objects;

/**
 * Updates parameters from their gradients: the base of {@link SGD}, {@link Adam} and
 * {@link AdamW}, as {@code torch.optim.Optimizer}.
 *
 * <p>One training step is: {@link #zeroGrad()}, forward, {@code loss.backward()}, {@link #step()}.
 * The learning rate can change between steps ({@link #setLearningRate}, usually from a
 * {@link LearningRateSchedule}); {@link #stepCount()} is the number of steps taken, Adam's
 * {@code t}.
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), 0.01);
 * for (int k = 0; k < 100; k++) {
 *     opt.zeroGrad();
 *     Value loss = ...;
 *     loss.backward();
 *     opt.step();
 * }
 * }</pre>
 */
public abstract class Optimizer {
    /** The parameters this optimizer updates. */
    protected final ParameterGroup params;
    private double learningRate;
    private int stepCount;
    /** The parameters' values and gradients during a step, read and written in bulk. */
    private final double[] values;
    private final double[] grads;

    /** @throws IllegalArgumentException if {@code learningRate} is negative or not finite */
    protected Optimizer(ParameterGroup params, double learningRate) {
        this.params = Objects.requireNonNull(params, "params");
        setLearningRate(learningRate);
        this.values = new double[params.size()];
        this.grads = new double[params.size()];
    }

    /** Takes one step from the current gradients; the first call has {@code t = 1}. */
    public final void step() {
        stepCount++;
        params.read(values, grads);
        update(stepCount, learningRate, values, grads);
        params.write(values);
    }

    /**
     * Updates every parameter once, in place in {@code p}, from the gradients {@code g} (which it
     * may overwrite); {@code t} counts steps from 1.
     */
    protected abstract void update(int t, double lr, double[] p, double[] g);

    /** Sets every parameter's gradient to 0. */
    public void zeroGrad() {
        params.zeroGrad();
    }

    /** The learning rate the next {@link #step()} uses. */
    public double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate for the following steps. @throws IllegalArgumentException if negative or not finite */
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": the learning rate must be finite and >= 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** The number of {@link #step()} calls so far. */
    public int stepCount() {
        return stepCount;
    }

    /** Throws unless {@code x} is finite and within [lo, hi). */
    static double checkRange(String op, String name, double x, double lo, double hi) {
        if (!(x >= lo && x < hi)) {
            throw new IllegalArgumentException(op + ": " + name + " must be in [" + lo + ", " + hi + "), got " + x);
        }
        return x;
    }
}
