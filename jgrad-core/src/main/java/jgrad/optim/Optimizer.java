package jgrad.optim;

import java.util.List;
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

    /**
     * The names of this optimizer's per-scalar state, as {@code torch.optim} names it: Adam and
     * AdamW keep {@code "exp_avg"} and {@code "exp_avg_sq"}, SGD with momentum
     * {@code "momentum_buffer"}; plain SGD keeps none.
     */
    public List<String> stateNames() {
        return List.of();
    }

    /**
     * A copy of the state named {@code name}: one number per scalar of the parameter group, in the
     * group's order (all 0 before the first step).
     *
     * <pre>{@code
     * Adam adam = new Adam(model.parameters(), 0.01);
     * double[] m = adam.state("exp_avg");
     * }</pre>
     *
     * @throws IllegalArgumentException if this optimizer keeps no state of that name
     */
    public double[] state(String name) {
        throw unknownState(name);
    }

    /** The error for a state name this optimizer does not keep. */
    protected final IllegalArgumentException unknownState(String name) {
        return new IllegalArgumentException(getClass().getSimpleName() + ".state: no state named \"" + name
                + "\"; this optimizer keeps " + (stateNames().isEmpty() ? "no state" : stateNames()));
    }

    /** Throws unless {@code x} is finite and within [lo, hi). */
    static double checkRange(String op, String name, double x, double lo, double hi) {
        if (!(x >= lo && x < hi)) {
            throw new IllegalArgumentException(op + ": " + name + " must be in [" + lo + ", " + hi + "), got " + x);
        }
        return x;
    }
}
