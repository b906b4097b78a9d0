package jgrad.tensor;

/** Fused float32 and float64 log-softmax over the last axis; see {@link SoftmaxOp}. */
final class LogSoftmaxOp extends Function {
    LogSoftmaxOp() {
        super("logSoftmax");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        int cols = SoftmaxOp.cols(in[0]);
        Tensor out = Tensor.empty(in[0].shape, in[0].dtype);
        Loops.logSoftmaxRows(in[0], in[0].numel() / cols, cols, out);
        ctx.saveForBackward(out);
        return out;
    }

    // dx_j = g_j − e^(y_j) Σ_i g_i, row by row
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor y = ctx.saved(0);
        int cols = SoftmaxOp.cols(y);
        Tensor dx = Tensor.zeros(y.dtype, y.shape.toArray());
        Loops.logSoftmaxBackwardRows(y, g, dx, y.numel() / cols, cols);
        return new Tensor[] {dx};
    }
}
