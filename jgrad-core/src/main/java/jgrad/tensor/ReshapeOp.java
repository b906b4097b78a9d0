package jgrad.tensor;

import java.util.Arrays;

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

    static Shape inferShape(Tensor self, String op, int[] newShape) {
        int[] dims = newShape.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1 && infer < 0) {
                infer = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException(op + ": bad shape " + Arrays.toString(newShape)
                        + " (sizes must be >= 0, with at most one -1)");
            } else {
                known *= dims[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || self.numel() % known != 0) {
                throw new IllegalArgumentException(op + ": cannot infer -1 in " + Arrays.toString(newShape)
                        + " for " + self.numel() + " elements of shape " + self.shape);
            }
            dims[infer] = self.numel() / known;
        }
        Shape s = Shape.of(dims);
        if (s.numel() != self.numel()) {
            throw new IllegalArgumentException(op + ": cannot reshape " + self.shape + " (" + self.numel() + " elements) into "
                    + s + " (" + s.numel() + " elements)");
        }
        return s;
    }
}
