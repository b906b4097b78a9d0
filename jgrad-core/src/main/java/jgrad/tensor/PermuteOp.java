package jgrad.tensor;

/** Axes reordered: out axis i = input axis perm[i]. */
final class PermuteOp extends Function {
    private final int[] perm;

    PermuteOp(int[] perm) {
        super("permute");
        this.perm = perm;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Shape s = in[0].shape;
        int[] dims = new int[perm.length], inStrides = in[0].strides, strides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            dims[i] = s.at(perm[i]);
            strides[i] = inStrides[perm[i]];
        }
        Tensor out = Tensor.empty(Shape.of(dims), in[0].dtype);
        Loops.copyStrided(in[0].storage, in[0].offset, strides, out);
        return out;
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
