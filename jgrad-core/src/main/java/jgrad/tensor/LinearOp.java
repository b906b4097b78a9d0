package jgrad.tensor;

/**
 * The fused affine map y = x·Wᵀ + b of {@link Tensor#linear}: x is [n, in], W is [out, in]
 * (PyTorch's layout), b is [out] or absent.
 *
 * <p>NOTE: fused for speed, not stability: composed as {@code x.matmul(w.transpose(0, 1)).add(b)}
 * it would copy Wᵀ and broadcast b into an [n, out] copy on every forward; fused, the product reads
 * W in place through the {@code A·Bᵀ} loop and adds b row by row. The same sums in the same order,
 * so the results are identical.
 */
final class LinearOp extends Function {
    LinearOp() {
        super("linear");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor x = in[0], w = in[1];
        ctx.saveForBackward(x, w);
        int n = x.shape.at(0), inner = x.shape.at(1), out = w.shape.at(0);
        Tensor y = Tensor.zeros(x.dtype, n, out);
        Loops.matmul(x, w, y, 1, n, inner, out, false, true);
        if (in.length == 3) {
            for (int r = 0; r < n; r++) {
                Loops.addInto(in[2], 0, y, r * out, out);
            }
        }
        return y;
    }

    // dx = G·W, dW = Gᵀ·x, db = Σ_rows G
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor x = ctx.saved(0), w = ctx.saved(1);
        int n = x.shape.at(0), inner = x.shape.at(1), out = w.shape.at(0);
        Tensor[] grads = new Tensor[ctx.inputCount()];
        if (ctx.needsInputGrad(0)) {
            grads[0] = new Tensor(x.shape, x.dtype);   // reuse the Shape and its cached strides
            Loops.matmul(g, w, grads[0], 1, n, out, inner, false, false);
        }
        if (ctx.needsInputGrad(1)) {
            grads[1] = new Tensor(w.shape, w.dtype);
            Loops.matmul(g, x, grads[1], 1, out, n, inner, true, false);
        }
        if (grads.length == 3 && ctx.needsInputGrad(2)) {
            grads[2] = new Tensor(ctx.inputs[2].shape, g.dtype);
            Loops.sumColumns(g, n, out, grads[2]);
        }
        return grads;
    }

    static Tensor linear(Tensor self, Tensor weight, Tensor bias) {
        self.floating("linear");
        weight.floating("linear");
        if (weight.rank() != 2 || self.rank() == 0 || self.dim(-1) != weight.dim(1)) {
            throw new IllegalArgumentException("linear: input " + self.shape + " does not fit weight " + weight.shape
                    + " (the weight is [out, in] and the input must end with in)");
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != weight.dim(0))) {
            throw new IllegalArgumentException("linear: bias " + bias.shape + " must be [" + weight.dim(0)
                    + "] for weight " + weight.shape);
        }
        DType t = DType.promote(self.dtype, weight.dtype);
        if (bias != null) {
            t = DType.promote(t, bias.dtype);
        }
        int in = weight.dim(1), out = weight.dim(0);
        if (self.rank() == 2) {   // already [n, in]: no reshapes (and no throw-away Shapes) around the op
            Tensor x2 = self.cast(t);
            return bias == null ? new LinearOp().apply(x2, weight.cast(t)) : new LinearOp().apply(x2, weight.cast(t), bias.cast(t));
        }
        int[] dims = self.shape.toArray();
        dims[dims.length - 1] = out;
        Tensor x2 = self.cast(t).reshape(self.shape.outer(self.rank() - 1), in);
        return (bias == null ? new LinearOp().apply(x2, weight.cast(t)) : new LinearOp().apply(x2, weight.cast(t), bias.cast(t))).reshape(dims);
    }
}
