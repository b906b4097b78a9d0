package jgrad.tensor;

import java.util.Arrays;

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

    static Tensor matmul(Tensor self, Tensor other) {
        self.floating("matmul");
        other.floating("matmul");
        if (self.rank() == 0 || other.rank() == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least one dimension, got " + self.shape
                    + " @ " + other.shape + " (use mul for a scalar)");
        }
        Tensor a = self.rank() == 1 ? self.reshape(1, self.dim(0)) : self;
        Tensor b = other.rank() == 1 ? other.reshape(other.dim(0), 1) : other;
        int n = a.dim(-2), k = a.dim(-1), m = b.dim(-1);
        if (b.dim(-2) != k) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + self.shape + " @ " + other.shape);
        }
        DType t = DType.promote(a.dtype, b.dtype);
        a = a.cast(t);
        b = b.cast(t);
        Tensor out;
        if (b.rank() == 2 && a.rank() > 2) {
            // a stack times one matrix: a single (batch·n)×k product, no copies of b
            int[] dims = a.shape.toArray();
            dims[dims.length - 1] = m;
            out = new MatMulOp().apply(a.reshape(a.shape.outer(a.rank() - 1), k), b).reshape(dims);
        } else {
            Shape batchA = Shape.of(Arrays.copyOf(a.shape.toArray(), a.rank() - 2));
            Shape batchB = Shape.of(Arrays.copyOf(b.shape.toArray(), b.rank() - 2));
            Shape batch;
            try {
                batch = Shape.broadcast(batchA, batchB, "matmul");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("matmul: batch dimensions do not broadcast: " + self.shape + " @ "
                        + other.shape, e);
            }
            a = a.expandTo(concatDims(batch, n, k));
            b = b.expandTo(concatDims(batch, k, m));
            out = new MatMulOp().apply(a, b);
        }
        if (self.rank() == 1) {
            out = out.squeeze(-2);
        }
        if (other.rank() == 1) {
            out = out.squeeze(-1);
        }
        return out;
    }

    static Shape concatDims(Shape batch, int rows, int cols) {
        int[] dims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        dims[batch.rank()] = rows;
        dims[batch.rank() + 1] = cols;
        return Shape.of(dims);
    }
}
