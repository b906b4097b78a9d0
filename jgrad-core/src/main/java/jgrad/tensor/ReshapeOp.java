package jgrad.tensor;

/** The same elements in another shape; shares storage. */
final class ReshapeOp extends Function {
    private final Shape target;
    private Shape source;

    ReshapeOp(Shape target) {
        super("reshape");
        this.target = target;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        source = in[0].shape;
        return in[0].withShape(target);
    }

    // the gradient in the input's shape
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        return new Tensor[] {g.reshape(source.toArray())};
    }
}
