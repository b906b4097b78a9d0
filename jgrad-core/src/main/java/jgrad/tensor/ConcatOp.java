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

    static Tensor concat(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("concat: give at least one tensor");
        }
        Shape first = tensors[0].shape;
        int ax = first.axis(axis, "concat");
        DType t = tensors[0].dtype;
        for (Tensor x : tensors) {
            t = DType.promote(t, x.dtype);
            boolean ok = x.rank() == first.rank();
            for (int i = 0; ok && i < first.rank(); i++) {
                ok = i == ax || x.shape.at(i) == first.at(i);
            }
            if (!ok) {
                throw new IllegalArgumentException("concat: shapes " + first + " and " + x.shape
                        + " differ outside axis " + axis);
            }
        }
        Tensor[] cast = new Tensor[tensors.length];
        for (int i = 0; i < cast.length; i++) {
            cast[i] = tensors[i].cast(t);
        }
        return new ConcatOp(ax).apply(cast);
    }

    static Tensor stack(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: give at least one tensor");
        }
        Tensor[] parts = new Tensor[tensors.length];
        for (int i = 0; i < parts.length; i++) {
            if (!tensors[i].shape.equals(tensors[0].shape)) {
                throw new IllegalArgumentException("stack: all shapes must be equal, got " + tensors[0].shape
                        + " and " + tensors[i].shape);
            }
            parts[i] = tensors[i].unsqueeze(axis);
        }
        return Tensor.concat(axis < 0 ? axis + tensors[0].rank() + 1 : axis, parts);
    }
}
