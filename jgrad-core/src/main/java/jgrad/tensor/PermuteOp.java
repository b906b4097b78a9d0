package jgrad.tensor;

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
}
