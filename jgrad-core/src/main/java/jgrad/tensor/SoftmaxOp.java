package jgrad.tensor;

/**
 * Fused float32 softmax over the last axis, one primitive so that the row kernels do it in a few
 * passes; float64 and other axes use the stable composition in {@link Tensor#softmax}, which
 * computes the same function (tests compare them).
 */
final class SoftmaxOp extends Function {
    SoftmaxOp() {
        super("softmax");
    }

    /** Whether the fused kernels apply: float32, a non-empty last axis. */
    static boolean fusable(Tensor x, int axis) {
        return x.dtype == DType.FLOAT32 && x.rank() > 0 && axis == x.rank() - 1 && x.numel() > 0;
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
}
