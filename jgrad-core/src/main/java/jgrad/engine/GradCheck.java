package jgrad.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A numerical gradient check: compares the gradients that {@link Value#backward()} computes with
 * central finite differences {@code (f(x+h) - f(x-h)) / 2h}, as PyTorch's {@code gradcheck} does.
 *
 * <pre>{@code
 * GradCheck.Result r = GradCheck.check(x -> x.get(0).mul(x.get(1)).tanh(), 0.3, -0.7);
 * r.maxError();          // about 1e-10
 * r.assertWithin(1e-6);  // throws AssertionError with a table if any gradient is off
 * }</pre>
 *
 * <p>Check away from kinks (relu at 0) and from the edges of an op's domain, where the two sides of
 * the difference see different formulas.
 */
public final class GradCheck {
    /** The default step: a good balance of truncation and rounding error in double precision. */
    public static final double DEFAULT_STEP = 1e-6;

    private GradCheck() {
    }

    /** Checks {@code f} at {@code x} with the default step {@value #DEFAULT_STEP}. */
    public static Result check(Function<List<Value>, Value> f, double... x) {
        return checkWithStep(f, DEFAULT_STEP, x);
    }

    /**
     * Evaluates {@code f} on fresh leaves holding {@code x}, backpropagates, and compares each
     * leaf's gradient with the central difference at step {@code h}.
     *
     * @throws IllegalArgumentException if {@code h} is not positive and finite or {@code x} is empty
     */
    public static Result checkWithStep(Function<List<Value>, Value> f, double h, double... x) {
        Objects.requireNonNull(f, "f");
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("GradCheck: the step h must be positive and finite, got " + h);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("GradCheck: give at least one input value");
        }
        List<Value> leaves = leaves(x);
        Value out = f.apply(leaves);
        out.backward();
        double[] analytic = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            analytic[i] = leaves.get(i).grad();
        }
        double[] numeric = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            numeric[i] = (f.apply(leaves(plus)).data() - f.apply(leaves(minus)).data()) / (2 * h);
        }
        return new Result(x.clone(), analytic, numeric);
    }

    private static List<Value> leaves(double[] x) {
        List<Value> leaves = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            leaves.add(Value.of(x[i], "x" + i));
        }
        return leaves;
    }

    /** The outcome of a check: for each input, the backpropagated and the numerical gradient. */
    public static final class Result {
        private final double[] x;
        private final double[] analytic;
        private final double[] numeric;

        Result(double[] x, double[] analytic, double[] numeric) {
            this.x = x;
            this.analytic = analytic;
            this.numeric = numeric;
        }

        /** The gradients from {@link Value#backward()}, one per input (a copy). */
        public double[] analytic() {
            return analytic.clone();
        }

        /** The central-difference gradients, one per input (a copy). */
        public double[] numeric() {
            return numeric.clone();
        }

        /**
         * The largest error over the inputs, each measured as |analytic - numeric| / max(1,
         * |numeric|): absolute for small gradients, relative for large ones. NaN if any is NaN.
         */
        public double maxError() {
            double max = 0;
            for (int i = 0; i < x.length; i++) {
                double e = error(i);
                if (Double.isNaN(e)) {
                    return Double.NaN;
                }
                max = Math.max(max, e);
            }
            return max;
        }

        private double error(int i) {
            return Math.abs(analytic[i] - numeric[i]) / Math.max(1, Math.abs(numeric[i]));
        }

        /** Whether every gradient agrees within {@code tolerance} (see {@link #maxError()}). */
        public boolean passes(double tolerance) {
            return maxError() <= tolerance;
        }

        /** Throws an {@link AssertionError} with the whole table unless {@link #passes(double)}. */
        public void assertWithin(double tolerance) {
            if (!passes(tolerance)) {
                throw new AssertionError("GradCheck: gradients differ by " + maxError()
                        + " > " + tolerance + "\n" + this);
            }
        }

        /** A table: input, value, analytic gradient, numerical gradient, error. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format("%-6s %14s %22s %22s %10s%n",
                    "input", "value", "backward", "finite diff", "error"));
            for (int i = 0; i < x.length; i++) {
                s.append(String.format("x%-5d %14.6g %22.15g %22.15g %10.2e%n",
                        i, x[i], analytic[i], numeric[i], error(i)));
            }
            return s.toString();
        }
    }
}
