package jgrad.tensor;

/**
 * The matrix-product primitive over stacks of matrices with equal batch axes:
 * [..., n, k] @ [..., k, m] → [..., n, m]. The façade {@link Tensor#matmul} handles 1-D operands
 * and broadcasts the batch axes with {@code expand} first. Internal.
 */
final class MatMulOp extends Op {
    MatMulOp(Tensor a, Tensor b) {
        super("matmul", a, b);
    }

    @Override Tensor forward() {
        Tensor a = inputs[0], b = inputs[1];
        int r = a.rank(), n = a.shape.at(r - 2), k = a.shape.at(r - 1), m = b.shape.at(r - 1);
        int[] dims = a.shape.toArray();
        dims[r - 1] = m;
        Tensor out = new Tensor(Shape.of(dims), a.dtype);
        Loops.matmul(a, b, out, batch(a), n, k, m, false, false);
        return out;
    }

    // d(AB)/dA: G·Bᵀ, d(AB)/dB: Aᵀ·G, matrix by matrix
    @Override Tensor[] backward(Tensor g, Tensor out) {
        Tensor a = inputs[0], b = inputs[1];
        int r = a.rank(), n = a.shape.at(r - 2), k = a.shape.at(r - 1), m = b.shape.at(r - 1);
        Tensor da = null, db = null;
        if (needs(0)) {
            da = new Tensor(a.shape, a.dtype);
            Loops.matmul(g, b, da, batch(a), n, m, k, false, true);
        }
        if (needs(1)) {
            db = new Tensor(b.shape, b.dtype);
            Loops.matmul(a, g, db, batch(a), k, n, m, true, false);
        }
        return new Tensor[] {da, db};
    }

    private static int batch(Tensor a) {
        int r = a.rank();
        int per = a.shape.at(r - 2) * a.shape.at(r - 1);
        return per == 0 ? ShapeOps.outer(a.shape, r - 2) : a.numel() / per;
    }
}
