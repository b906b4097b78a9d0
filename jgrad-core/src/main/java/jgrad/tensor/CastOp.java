package jgrad.tensor;

/** The input converted to another dtype. */
final class CastOp extends Function {
    private final DType target;

    CastOp(DType target) {
        super("cast");
        this.target = target;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor x = in[0].dense(), out = Tensor.empty(x.shape, target);
        for (int i = 0; i < out.numel(); i++) {
            out.storage.set(i, x.storage.get(x.offset + i));
        }
        return out;
    }

    // the identity, in the input's dtype (the engine casts a gradient to its input's dtype)
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        return new Tensor[] {g};
    }
}
