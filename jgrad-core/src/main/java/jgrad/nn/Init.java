package jgrad.nn;

import java.util.Random;

/**
 * How a {@link Neuron} draws the initial value of a weight or its bias.
 *
 * <p>micrograd draws weights from uniform(−1, 1) and sets the bias to 0:
 * {@code Init.uniform(-1, 1)} and {@code Init.zeros()}. The lecture also draws the bias from
 * uniform(−1, 1). Draws come from the {@code Random} given to the model, in
 * {@link Module#parameters()} order, so a seed fixes the model.
 *
 * <pre>{@code
 * Init he = Init.heUniform();                  // uniform(±sqrt(6 / fanIn)), for ReLU networks
 * double w = he.sample(new Random(0), 16);
 * }</pre>
 */
@FunctionalInterface
public interface Init {
    /** One initial value for a neuron with {@code fanIn} inputs. */
    double sample(Random rng, int fanIn);

    /** Always 0: micrograd's bias. */
    static Init zeros() {
        return (rng, fanIn) -> 0.0;
    }

    /**
     * uniform(lo, hi), drawn as {@code lo + (hi - lo) * rng.nextDouble()}, the formula of Python's
     * {@code random.uniform}: micrograd's weights are {@code uniform(-1, 1)}.
     *
     * @throws IllegalArgumentException unless {@code lo <= hi}, both finite
     */
    static Init uniform(double lo, double hi) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("Init.uniform: need finite lo <= hi, got lo=" + lo + ", hi=" + hi);
        }
        return (rng, fanIn) -> lo + (hi - lo) * rng.nextDouble();
    }

    /** Normal with the given mean and standard deviation. @throws IllegalArgumentException if std is negative or not finite */
    static Init normal(double mean, double std) {
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("Init.normal: need a finite mean and std >= 0, got mean=" + mean + ", std=" + std);
        }
        return (rng, fanIn) -> mean + std * rng.nextGaussian();
    }

    /** He (Kaiming) uniform: uniform(±sqrt(6 / fanIn)), which keeps ReLU activations at scale. */
    static Init heUniform() {
        return (rng, fanIn) -> {
            double limit = Math.sqrt(6.0 / fanIn);
            return -limit + 2 * limit * rng.nextDouble();
        };
    }
}
