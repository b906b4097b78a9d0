package jgrad.tensor;

import java.util.Arrays;

/** Axes reordered, out axis i = input axis perm[i]: a view, no copy (the strides are permuted). */
final class PermuteOp extends Function {
    private final int[] perm;

    PermuteOp(int[] perm) {
        super("permute");
        this.perm = perm;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor x = in[0];
        int[] dims = new int[perm.length], strides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            dims[i] = x.shape.at(perm[i]);
            strides[i] = x.strides[perm[i]];
        }
        return new Tensor(x.storage, x.offset, Shape.of(dims), strides);
    }

    // the inverse permutation
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return new Tensor[] {g.permute(inverse)};
    }

    static Tensor permute(Tensor self, int... axes) {
        if (axes.length != self.rank()) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " must list each of the "
                    + self.rank() + " axes of shape " + self.shape + " once");
        }
        int[] perm = new int[axes.length];
        boolean[] seen = new boolean[axes.length];
        boolean identity = true;
        for (int i = 0; i < axes.length; i++) {
            perm[i] = self.shape.axis(axes[i], "permute");
            if (seen[perm[i]]) {
                throw new IllegalArgumentException("permute: axis " + axes[i] + " appears twice in "
                        + Arrays.toString(axes));
            }
            seen[perm[i]] = true;
            identity &= perm[i] == i;
        }
        return identity ? self : new PermuteOp(perm).apply(self);
    }
}
