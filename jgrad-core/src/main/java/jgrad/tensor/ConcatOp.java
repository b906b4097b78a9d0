package jgrad.tensor;

/** The inputs, of one dtype and equal sizes outside {@code axis}, joined along it. */
final class ConcatOp extends Function {
    private final int axis;
    private int[] widths;

    ConcatOp(int axis) {
        super("concat");
        this.axis = axis;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        Shape first = in[0].shape;
        widths = new int[in.length];
        int total = 0;
        for (int i = 0; i < in.length; i++) {
            widths[i] = in[i].shape.at(axis);
            total += widths[i];
        }
        Tensor out = Tensor.empty(first.withDim(axis, total), in[0].dtype);
        int outer = first.outer(axis), inner = first.inner(axis), at = 0;
        for (int i = 0; i < in.length; i++) {
            int w = widths[i];
            for (int o = 0; o < outer; o++) {
                Loops.copy(in[i], o * w * inner, out, (o * total + at) * inner, w * inner);
            }
            at += w;
        }
        return out;
    }

    // each input gets its slice of the gradient
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor[] grads = new Tensor[widths.length];
        int at = 0;
        for (int i = 0; i < widths.length; i++) {
            grads[i] = ctx.needsInputGrad(i) ? g.slice(axis, at, at + widths[i]) : null;
            at += widths[i];
        }
        return grads;
    }
}
