package jgrad.tensor;

import java.util.Arrays;

/**
 * Thrown in {@link jgrad.engine.AnomalyMode} when a tensor operation first produces a NaN or an
 * infinity, in its output or in a gradient, naming the operation, where the bad number is, and
 * the shapes of the inputs, so that a silent NaN becomes a pointed error.
 *
 * <pre>{@code
 * try (AnomalyMode.Scope scope = AnomalyMode.scope()) {
 *     Tensor.of(new double[] {1, -1}, 2).log();
 *     // TensorAnomalyException: anomaly mode: 'log' produced NaN in its output [2] at index [1]
 *     //     (inputs [2])
 * }
 * }</pre>
 */
public final class TensorAnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    TensorAnomalyException(String message) {
        super(message);
    }

    /** Throws if {@code t} holds a NaN or an infinity; {@code what} says where it came from. */
    static void check(Tensor t, Context op, String what) {
        for (int i = 0; i < t.numel(); i++) {
            double v = t.getFlat(i);
            if (!Double.isFinite(v)) {
                StringBuilder inputs = new StringBuilder();
                for (Tensor in : op.inputs) {
                    inputs.append(inputs.length() == 0 ? "" : ", ").append(in.shape);
                }
                throw new TensorAnomalyException("anomaly mode: '" + op.name() + "' produced " + v + " in " + what + " "
                        + t.shape + " at index " + Arrays.toString(unflatten(t.shape, i)) + " (inputs " + inputs + ")");
            }
        }
    }

    private static int[] unflatten(Shape s, int flat) {
        int[] idx = new int[s.rank()];
        for (int ax = s.rank() - 1; ax >= 0; ax--) {
            idx[ax] = flat % s.at(ax);
            flat /= s.at(ax);
        }
        return idx;
    }
}
