package jgrad.tensor;

/**
 * Broadcast to a larger shape: a view with stride 0 along stretched and new axes, no copy. Its
 * backward is the one place where the gradient of broadcasting is summed.
 */
final class ExpandOp extends Function {
    private final Shape target;
    private Shape source;

    ExpandOp(Shape target) {
        super("expand");
        this.target = target;
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        source = in[0].shape;
        int offset = target.rank() - source.rank();
        int[] inStrides = in[0].strides, strides = new int[target.rank()];
        for (int i = target.rank() - 1; i >= 0; i--) {   // PyTorch's rule, so that strides agree with it
            int size = i >= offset ? source.at(i - offset) : 1;
            int stride = i >= offset ? inStrides[i - offset]
                    : i + 1 < target.rank() ? target.at(i + 1) * strides[i + 1] : 1;
            strides[i] = size != target.at(i) ? 0 : stride;
        }
        return new Tensor(in[0].storage, in[0].offset, target, strides);
    }

    // every copy of an element sends its gradient back: sum over the stretched and new axes
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        int offset = target.rank() - source.rank();
        int[] axes = new int[target.rank()];
        int n = 0;
        for (int i = 0; i < target.rank(); i++) {
            if (i < offset || source.at(i - offset) == 1 && target.at(i) != 1) {
                axes[n++] = i;
            }
        }
        Tensor summed = n == 0 ? g : g.sum(java.util.Arrays.copyOf(axes, n), true);
        return new Tensor[] {summed.reshape(source.toArray())};
    }

    static Tensor expandTo(Tensor self, Shape target) {
        if (target.equals(self.shape)) {
            return self;
        }
        int offset = target.rank() - self.rank();
        boolean ok = offset >= 0;
        for (int i = 0; ok && i < self.rank(); i++) {
            ok = self.shape.at(i) == 1 || self.shape.at(i) == target.at(i + offset);
        }
        if (!ok) {
            throw new IllegalArgumentException("expand: shape " + self.shape + " cannot be expanded to " + target
                    + " (each size must be 1 or equal the target's, aligned at the last axis)");
        }
        return new ExpandOp(target).apply(self);
    }
}
