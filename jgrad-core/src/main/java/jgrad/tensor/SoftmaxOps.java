package jgrad.tensor;

/**
 * Fused float32 softmax and log-softmax over the last axis, each one primitive so that the
 * {@code jgrad.tensor.kernel.Reductions} row kernels do the whole thing in a few passes. float64
 * and other axes use the stable compositions in {@link Tensor#softmax} and
 * {@link Tensor#logSoftmax}, which the gradchecks cover; these primitives compute the same
 * functions (tests compare them). Internal.
 */
final class SoftmaxOps {
    private SoftmaxOps() {
    }

    /** Whether the fused kernels apply: float32, a non-empty last axis. */
    static boolean fusable(Tensor x, int axis) {
        return x.f != null && x.rank() > 0 && axis == x.rank() - 1 && x.numel() > 0;
    }

    private static int cols(Tensor x) {
        return x.shape.at(x.rank() - 1);
    }

    static final class Softmax extends Op {
        Softmax(Tensor x) {
            super("softmax", x);
        }

        @Override Tensor forward() {
            Tensor out = new Tensor(x().shape, x().dtype);
            Loops.softmaxRows(x(), x().numel() / cols(x()), cols(x()), out);
            return out;
        }

        // dx_j = y_j (g_j − Σ_i g_i y_i), row by row
        @Override Tensor[] backward(Tensor g, Tensor y) {
            Tensor dx = new Tensor(y.shape, y.dtype);
            Loops.softmaxBackwardRows(y, g, dx, y.numel() / cols(y), cols(y));
            return new Tensor[] {dx};
        }
    }

    static final class LogSoftmax extends Op {
        LogSoftmax(Tensor x) {
            super("logSoftmax", x);
        }

        @Override Tensor forward() {
            Tensor out = new Tensor(x().shape, x().dtype);
            Loops.logSoftmaxRows(x(), x().numel() / cols(x()), cols(x()), out);
            return out;
        }

        // dx_j = g_j − e^(y_j) Σ_i g_i, row by row
        @Override Tensor[] backward(Tensor g, Tensor y) {
            Tensor dx = new Tensor(y.shape, y.dtype);
            Loops.logSoftmaxBackwardRows(y, g, dx, y.numel() / cols(y), cols(y));
            return new Tensor[] {dx};
        }
    }
}
