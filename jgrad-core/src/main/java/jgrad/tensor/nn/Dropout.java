package jgrad.tensor.nn;

import java.util.Random;

import jgrad.tensor.Tensor;

/**
 * Zeroes each element with probability p in training mode and scales the rest by 1/(1 − p), as
 * {@code torch.nn.Dropout}, so that the expected value is unchanged; in evaluation mode it passes
 * the input through. The masks are drawn from the module's own seeded {@link Random}, so a run
 * repeats exactly.
 *
 * <pre>{@code
 * Dropout drop = new Dropout(0.5, new Random(0));
 * drop.forward(x);              // training: about half the elements 0, the others 2·x
 * drop.train(false);
 * drop.forward(x);              // evaluation: x itself
 * }</pre>
 */
public final class Dropout extends AbstractTensorModule {
    private final double p;
    private final Random rng;

    /**
     * Dropout with probability {@code p}, masks drawn from {@code rng}.
     *
     * @throws IllegalArgumentException unless 0 ≤ p ≤ 1
     */
    public Dropout(double p, Random rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p is the probability of zeroing an element and must be in "
                    + "[0, 1], got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    /** Dropout with probability {@code p} and masks from {@code new Random(seed)}. */
    public Dropout(double p, long seed) {
        this(p, new Random(seed));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(0);
        }
        Tensor keep;
        try (var scope = Tensor.noGrad()) {
            keep = Tensor.rand(x.dtype(), rng, x.shape().toArray()).ge(p).cast(x.dtype()).mul(1 / (1 - p));
        }
        return x.mul(keep);
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ", inplace=False)";
    }
}
