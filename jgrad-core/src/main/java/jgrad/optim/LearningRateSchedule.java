package jgrad.optim;

/**
 * The learning rate as a function of the step index {@code k} (from 0).
 *
 * <p>micrograd's demo uses {@code lr = 1.0 - 0.9 * k / 100}, which is
 * {@code linear(1.0, 0.1, 100)}: {@link #linear} evaluates exactly that expression.
 *
 * <pre>{@code
 * LearningRateSchedule s = LearningRateSchedule.cosine(0.1, 0.0, 1000);
 * optimizer.setLearningRate(s.learningRate(k));
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The learning rate for step {@code k}, counting from 0. */
    double learningRate(int k);

    /** Always {@code lr}. @throws IllegalArgumentException if negative or not finite */
    static LearningRateSchedule constant(double lr) {
        check("constant", lr, lr, 1);
        return k -> lr;
    }

    /**
     * From {@code start} at step 0 straight down (or up) to {@code end} at step {@code steps}:
     * {@code start - (start - end) * k / steps}, then {@code end} after that.
     *
     * @throws IllegalArgumentException if a rate is negative or not finite, or {@code steps < 1}
     */
    static LearningRateSchedule linear(double start, double end, int steps) {
        check("linear", start, end, steps);
        double drop = start - end;
        return k -> k >= steps ? end : start - drop * k / steps;
    }

    /**
     * Cosine annealing: {@code end + (start - end) * (1 + cos(pi * k / steps)) / 2}, then
     * {@code end} after step {@code steps}.
     *
     * @throws IllegalArgumentException if a rate is negative or not finite, or {@code steps < 1}
     */
    static LearningRateSchedule cosine(double start, double end, int steps) {
        check("cosine", start, end, steps);
        return k -> k >= steps ? end : end + (start - end) * (1 + Math.cos(Math.PI * k / steps)) / 2;
    }

    private static void check(String name, double start, double end, int steps) {
        if (!(start >= 0) || !(end >= 0) || Double.isInfinite(start) || Double.isInfinite(end)) {
            throw new IllegalArgumentException("LearningRateSchedule." + name
                    + ": learning rates must be finite and >= 0, got " + start + " and " + end);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("LearningRateSchedule." + name + ": steps must be >= 1, got " + steps);
        }
    }
}
