package jgrad.tensor;

/**
 * The matrix product over stacks of matrices with equal batch axes: [..., n, k] @ [..., k, m] →
 * [..., n, m]. {@link Tensor#matmul} handles 1-D operands and broadcasts the batch axes first.
 */
final class MatMulOp extends Function {
    MatMulOp() {
        super("matmul");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor a = in[0], b = in[1];
        ctx.saveForBackward(a, b);
        int r = a.rank(), n = a.shape.at(r - 2), k = a.shape.at(r - 1), m = b.shape.at(r - 1);
        Tensor out = Tensor.zeros(a.dtype, a.shape.withDim(r - 1, m).toArray());
        Loops.matmul(a, b, out, batch(a), n, k, m, false, false);
        return out;
    }

    // d(AB)/dA: G·Bᵀ, d(AB)/dB: Aᵀ·G, matrix by matrix
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor a = ctx.saved(0), b = ctx.saved(1);
        int r = a.rank(), n = a.shape.at(r - 2), k = a.shape.at(r - 1), m = b.shape.at(r - 1);
        Tensor da = null, db = null;
        if (ctx.needsInputGrad(0)) {
            da = Tensor.zeros(a.dtype, a.shape.toArray());
            Loops.matmul(g, b, da, batch(a), n, m, k, false, true);
        }
        if (ctx.needsInputGrad(1)) {
            db = Tensor.zeros(b.dtype, b.shape.toArray());
            Loops.matmul(a, g, db, batch(a), k, n, m, true, false);
        }
        return new Tensor[] {da, db};
    }

    private static int batch(Tensor a) {
        int r = a.rank();
        int per = a.shape.at(r - 2) * a.shape.at(r - 1);
        return per == 0 ? a.shape.outer(r - 2) : a.numel() / per;
    }
}
