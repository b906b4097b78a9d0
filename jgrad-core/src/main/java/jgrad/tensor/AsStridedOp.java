package jgrad.tensor;

import java.util.Arrays;

/**
 * A view with any shape, strides and offset over the elements of a contiguous input, as
 * {@code torch.as_strided} relative to the input: element [i, j, ...] of the result is the
 * input's flat element {@code offset + i·strides[0] + j·strides[1] + ...}. Its backward adds each
 * output gradient into the input element it came from (overlaps accumulate).
 */
final class AsStridedOp extends Function {
    private final Shape target;
    private final int[] strides;
    private final int offset;
    private Shape source;

    private AsStridedOp(Shape target, int[] strides, int offset) {
        super("asStrided");
        this.target = target;
        this.strides = strides;
        this.offset = offset;
    }

    /** Validates that every element the view can reach lies inside {@code x}, then makes it. */
    static Tensor asStrided(Tensor x, int[] shape, int[] strides, int offset) {
        Shape s = Shape.of(shape);
        if (strides.length != shape.length) {
            throw new IllegalArgumentException("asStrided: " + strides.length + " strides " + Arrays.toString(strides)
                    + " for the " + shape.length + " axes of shape " + s + "; give one stride per axis");
        }
        if (!x.contiguous) {
            throw new IllegalArgumentException("asStrided: the input " + x.shape + " is not contiguous (strides "
                    + Arrays.toString(x.strides) + "); call contiguous() first");
        }
        long lo = offset, hi = offset;
        for (int i = 0; i < shape.length && s.numel() > 0; i++) {
            long reach = (long) (shape[i] - 1) * strides[i];
            lo += Math.min(0, reach);
            hi += Math.max(0, reach);
        }
        if (s.numel() > 0 && (lo < 0 || hi >= x.numel())) {
            throw new IllegalArgumentException("asStrided: shape " + s + " with strides " + Arrays.toString(strides)
                    + " and offset " + offset + " reaches elements " + lo + " to " + hi + ", out of range for the "
                    + x.numel() + " elements of " + x.shape + " (valid: 0 to " + (x.numel() - 1) + ")");
        }
        return new AsStridedOp(s, strides.clone(), offset).apply(x);
    }

    @Override protected Tensor forward(Context ctx, Tensor... in) {
        source = in[0].shape;
        return new Tensor(in[0].storage, in[0].offset + offset, target, strides);
    }

    // scatter-add: each output element sends its gradient back to the input element it shows
    @Override protected Tensor[] backward(Context ctx, Tensor g) {
        Tensor dx = Tensor.zeros(g.dtype, source.toArray());
        Tensor view = new Tensor(dx.storage, offset, target, strides);
        for (int i = 0; i < g.numel(); i++) {
            int p = view.position(i);
            dx.storage.set(p, dx.storage.get(p) + g.getFlat(i));
        }
        return new Tensor[] {dx};
    }
}
