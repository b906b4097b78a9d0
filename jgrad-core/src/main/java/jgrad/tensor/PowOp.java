package jgrad.tensor;

/** a^b elementwise over equal shapes and dtypes, differentiable in both. */
final class PowOp extends Function {
    PowOp() {
        super("pow");
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Tensor out = Tensor.empty(in[0].shape, in[0].dtype);
        Loops.zip(in[0], in[1], out, Math::pow);
        ctx.saveForBackward(in[0], in[1], out);
        return out;
    }

    // d(a^b)/da = b a^(b-1), d(a^b)/db = a^b ln(a). NOTE: as PyTorch, d/da is 0 where b = 0 and
    // d/db is 0 where a = 0 and b >= 0, instead of 0 * inf = NaN
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor a = ctx.saved(0), b = ctx.saved(1), out = ctx.saved(2);
        Tensor zero = Tensor.zeros(g.dtype(), g.shape().toArray());
        return new Tensor[] {
            ctx.needsInputGrad(0) ? Tensor.where(b.eq(0), zero, g.mul(b).mul(a.pow(b.sub(1)))) : null,
            ctx.needsInputGrad(1) ? Tensor.where(a.eq(0).mul(b.ge(0)), zero, g.mul(out).mul(a.log())) : null};
    }
}
