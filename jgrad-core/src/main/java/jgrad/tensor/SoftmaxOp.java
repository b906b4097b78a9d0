package jgrad.tensor;

/**
 * Fused float32 and float64 softmax over the last axis, one primitive so that the row kernels do
 * it in a few passes; other axes use the stable composition in {@link Tensor#softmax}, which
 * computes the same function (tests compare them).
 */
final class SoftmaxOp extends Function {
    SoftmaxOp() {
        super("softmax");
    }

    /** Whether the fused kernels apply: float32 or float64, a non-empty last axis. */
    static boolean fusable(Tensor x, int axis) {
        return (x.dtype == DType.FLOAT32 || x.dtype == DType.FLOAT64) && x.rank() > 0 && axis == x.rank() - 1 && x.numel() > 0;
    }

    static int cols(Tensor x) {
        return x.shape.at(x.rank() - 1);
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor out = Tensor.empty(in[0].shape, in[0].dtype);
        Loops.softmaxRows(in[0], in[0].numel() / cols(in[0]), cols(in[0]), out);
        ctx.saveForBackward(out);
        return out;
    }

    // dx_j = y_j (g_j − Σ_i g_i y_i), row by row
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor y = ctx.saved(0);
        Tensor dx = Tensor.zeros(y.dtype, y.shape.toArray());
        Loops.softmaxBackwardRows(y, g, dx, y.numel() / cols(y), cols(y));
        return new Tensor[] {dx};
    }

    static Tensor softmax(Tensor self, int axis) {
        self.floating("softmax");
        checkAxis(self, "softmax", axis);
        if (SoftmaxOp.fusable(self, axis < 0 ? axis + self.rank() : axis)) {
            return new SoftmaxOp().apply(self);   // float32/64, last axis: one fused kernel
        }
        Tensor e = self.sub(self.max(new int[] {axis}, true).detach()).exp();
        return e.div(e.sum(new int[] {axis}, true));
    }

    static Tensor logSoftmax(Tensor self, int axis) {
        self.floating("logSoftmax");
        checkAxis(self, "logSoftmax", axis);
        if (SoftmaxOp.fusable(self, axis < 0 ? axis + self.rank() : axis)) {
            return new LogSoftmaxOp().apply(self);
        }
        Tensor shifted = self.sub(self.max(new int[] {axis}, true).detach());
        return shifted.sub(shifted.exp().sum(new int[] {axis}, true).log());
    }

    static void checkAxis(Tensor self, String op, int axis) {
        int a = axis < 0 ? axis + self.rank() : axis;
        if (a < 0 || a >= self.rank()) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + self.shape
                    + " (use 0 to " + (self.rank() - 1) + ", or -1 for the last)");
        }
        if (self.numel() == 0 && self.shape.dim(a) != 0) {
            throw new IllegalArgumentException(op + ": the tensor of shape " + self.shape
                    + " is empty; a softmax needs at least one row to normalise");
        }
        if (self.shape.dim(a) == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + self.shape
                    + " is empty; a softmax needs at least one entry to normalise over");
        }
    }
}
