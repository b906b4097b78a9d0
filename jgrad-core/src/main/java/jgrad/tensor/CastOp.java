package jgrad.tensor;

/** The input converted to another dtype. */
final class CastOp extends Function {
    private final DType target;

    CastOp(DType target) {
        super("cast");
        this.target = target;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor out = Tensor.empty(in[0].shape, target);
        for (int i = 0; i < out.numel(); i++) {
            out.setFlat(i, in[0].getFlat(i));
        }
        return out;
    }

    // the identity, in the input's dtype (the engine casts a gradient to its input's dtype)
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        return new Tensor[] {g};
    }
}
