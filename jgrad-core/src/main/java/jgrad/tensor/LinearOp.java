package jgrad.tensor;

/**
 * The fused affine map y = x·Wᵀ + b of {@link Tensor#linear}: x is [n, in], W is [out, in]
 * (PyTorch's layout), b is [out] or absent. Internal.
 *
 * <p>NOTE: fused for speed, not stability: composed as {@code x.matmul(w.transpose(0, 1)).add(b)}
 * it would copy Wᵀ and broadcast b into an [n, out] copy on every forward; fused, the product reads
 * W in place through the {@code A·Bᵀ} loop and adds b row by row. The same sums in the same order,
 * so the results are identical.
 */
final class LinearOp extends Op {
    LinearOp(Tensor x, Tensor w, Tensor b) {
        super("linear", b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b});
    }

    @Override Tensor forward() {
        Tensor x = inputs[0], w = inputs[1];
        int n = x.shape.at(0), in = x.shape.at(1), out = w.shape.at(0);
        Tensor y = new Tensor(Shape.of(n, out), x.dtype);
        Loops.matmul(x, w, y, 1, n, in, out, false, true);
        if (inputs.length == 3) {
            for (int r = 0; r < n; r++) {
                Loops.addInto(inputs[2], 0, y, r * out, out);
            }
        }
        return y;
    }

    // dx = G·W, dW = Gᵀ·x, db = Σ_rows G
    @Override Tensor[] backward(Tensor g, Tensor y) {
        Tensor x = inputs[0], w = inputs[1];
        int n = x.shape.at(0), in = x.shape.at(1), out = w.shape.at(0);
        Tensor[] grads = new Tensor[inputs.length];
        if (needs(0)) {
            grads[0] = new Tensor(x.shape, x.dtype);
            Loops.matmul(g, w, grads[0], 1, n, out, in, false, false);
        }
        if (needs(1)) {
            grads[1] = new Tensor(w.shape, w.dtype);
            Loops.matmul(g, x, grads[1], 1, out, n, in, true, false);
        }
        if (inputs.length == 3 && needs(2)) {
            grads[2] = new Tensor(inputs[2].shape, inputs[2].dtype);
            Loops.sumColumns(g, n, out, grads[2]);
        }
        return grads;
    }
}
