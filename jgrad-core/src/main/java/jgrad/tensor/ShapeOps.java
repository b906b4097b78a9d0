package jgrad.tensor;

/**
 * The movement primitives: reshape, permute, expand, slice, index selection, gather and concat.
 * Their backward passes move the gradient back to where each element came from; {@link Expand}'s
 * is the one place where a broadcast gradient is summed. Internal.
 */
final class ShapeOps {
    private ShapeOps() {
    }

    /** The product of the sizes before {@code axis}. */
    static int outer(Shape s, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= s.at(i);
        }
        return n;
    }

    /** The product of the sizes after {@code axis}. */
    static int inner(Shape s, int axis) {
        int n = 1;
        for (int i = axis + 1; i < s.rank(); i++) {
            n *= s.at(i);
        }
        return n;
    }

    static Shape withDim(Shape s, int axis, int size) {
        int[] dims = s.toArray();
        dims[axis] = size;
        return Shape.of(dims);
    }

    /** Same elements, new shape; shares storage. */
    static final class Reshape extends Op {
        private final Shape target;

        Reshape(Tensor x, Shape target) {
            super("reshape", x);
            this.target = target;
        }

        @Override Tensor forward() {
            return new Tensor(target, x().f, x().d);
        }

        @Override Tensor[] backward(Tensor g, Tensor out) {
            return new Tensor[] {g.reshape(x().shape.toArray())};
        }
    }

    /** out axis i = input axis perm[i]. */
    static final class Permute extends Op {
        private final int[] perm;

        Permute(Tensor x, int[] perm) {
            super("permute", x);
            this.perm = perm;
        }

        @Override Tensor forward() {
            Shape in = x().shape;
            int[] dims = new int[perm.length], inStrides = in.strides(), strides = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                dims[i] = in.at(perm[i]);
                strides[i] = inStrides[perm[i]];
            }
            Tensor out = new Tensor(Shape.of(dims), x().dtype);
            Loops.copyStrided(x(), 0, strides, out);
            return out;
        }

        // the inverse permutation
        @Override Tensor[] backward(Tensor g, Tensor out) {
            int[] inverse = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                inverse[perm[i]] = i;
            }
            return new Tensor[] {g.permute(inverse)};
        }
    }

    /** Broadcast to a larger shape: stride 0 along stretched and new axes. */
    static final class Expand extends Op {
        private final Shape target;

        Expand(Tensor x, Shape target) {
            super("expand", x);
            this.target = target;
        }

        @Override Tensor forward() {
            Shape in = x().shape;
            int offset = target.rank() - in.rank();
            int[] inStrides = in.strides(), strides = new int[target.rank()];
            for (int i = offset; i < target.rank(); i++) {
                strides[i] = in.at(i - offset) == 1 ? 0 : inStrides[i - offset];
            }
            Tensor out = new Tensor(target, x().dtype);
            Loops.copyStrided(x(), 0, strides, out);
            return out;
        }

        // every copy of an element sends its gradient back: sum over the stretched and new axes
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Shape in = x().shape;
            int offset = target.rank() - in.rank();
            int[] axes = new int[target.rank()];
            int n = 0;
            for (int i = 0; i < target.rank(); i++) {
                if (i < offset || in.at(i - offset) == 1 && target.at(i) != 1) {
                    axes[n++] = i;
                }
            }
            Tensor summed = n == 0 ? g : g.sum(java.util.Arrays.copyOf(axes, n), true);
            return new Tensor[] {summed.reshape(in.toArray())};
        }
    }

    /** Entries [start, end) along an axis. */
    static final class Slice extends Op {
        private final int axis, start, end;

        Slice(Tensor x, int axis, int start, int end) {
            super("slice", x);
            this.axis = axis;
            this.start = start;
            this.end = end;
        }

        @Override Tensor forward() {
            Shape in = x().shape;
            int outer = outer(in, axis), len = in.at(axis), inner = inner(in, axis), w = end - start;
            Tensor out = new Tensor(withDim(in, axis, w), x().dtype);
            for (int o = 0; o < outer; o++) {
                Loops.copy(x(), (o * len + start) * inner, out, o * w * inner, w * inner);
            }
            return out;
        }

        // the gradient goes back into the slice's place; zeros elsewhere
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Shape in = x().shape;
            int outer = outer(in, axis), len = in.at(axis), inner = inner(in, axis), w = end - start;
            Tensor dx = new Tensor(in, g.dtype);
            for (int o = 0; o < outer; o++) {
                Loops.copy(g, o * w * inner, dx, (o * len + start) * inner, w * inner);
            }
            return new Tensor[] {dx};
        }
    }

    /** Entries idx[0], idx[1], ... along an axis. */
    static final class IndexSelect extends Op {
        private final int axis;
        private final int[] idx;

        IndexSelect(Tensor x, int axis, int[] idx) {
            super("indexSelect", x);
            this.axis = axis;
            this.idx = idx;
        }

        @Override Tensor forward() {
            Shape in = x().shape;
            int outer = outer(in, axis), len = in.at(axis), inner = inner(in, axis), k = idx.length;
            Tensor out = new Tensor(withDim(in, axis, k), x().dtype);
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < k; j++) {
                    Loops.copy(x(), (o * len + idx[j]) * inner, out, (o * k + j) * inner, inner);
                }
            }
            return out;
        }

        // each picked entry adds its gradient back; repeats accumulate
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Shape in = x().shape;
            int outer = outer(in, axis), len = in.at(axis), inner = inner(in, axis), k = idx.length;
            Tensor dx = new Tensor(in, g.dtype);
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < k; j++) {
                    Loops.addInto(g, (o * k + j) * inner, dx, (o * len + idx[j]) * inner, inner);
                }
            }
            return new Tensor[] {dx};
        }
    }

    /** out[o, j, i] = x[o, idx[o, j, i], i] around the gather axis. */
    static final class Gather extends Op {
        private final int axis;
        private final int[] idx;
        private final Shape indexShape;

        Gather(Tensor x, int axis, int[] idx, Shape indexShape) {
            super("gather", x);
            this.axis = axis;
            this.idx = idx;
            this.indexShape = indexShape;
        }

        @Override Tensor forward() {
            Shape in = x().shape;
            int outer = outer(in, axis), len = in.at(axis), inner = inner(in, axis), k = indexShape.at(axis);
            Tensor out = new Tensor(indexShape, x().dtype);
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < inner; i++) {
                        int p = (o * k + j) * inner + i;
                        out.setFlat(p, x().getFlat((o * len + idx[p]) * inner + i));
                    }
                }
            }
            return out;
        }

        // scatter-add the gradient back to the picked positions
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Shape in = x().shape;
            int outer = outer(in, axis), len = in.at(axis), inner = inner(in, axis), k = indexShape.at(axis);
            Tensor dx = new Tensor(in, g.dtype);
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < inner; i++) {
                        int p = (o * k + j) * inner + i, q = (o * len + idx[p]) * inner + i;
                        dx.setFlat(q, dx.getFlat(q) + g.getFlat(p));
                    }
                }
            }
            return new Tensor[] {dx};
        }
    }

    /** The inputs joined along an axis. */
    static final class Concat extends Op {
        private final int axis;

        Concat(int axis, Tensor... parts) {
            super("concat", parts);
            this.axis = axis;
        }

        @Override Tensor forward() {
            Shape first = inputs[0].shape;
            int total = 0;
            for (Tensor t : inputs) {
                total += t.shape.at(axis);
            }
            Tensor out = new Tensor(withDim(first, axis, total), inputs[0].dtype);
            int outer = outer(first, axis), inner = inner(first, axis), at = 0;
            for (Tensor t : inputs) {
                int w = t.shape.at(axis);
                for (int o = 0; o < outer; o++) {
                    Loops.copy(t, o * w * inner, out, (o * total + at) * inner, w * inner);
                }
                at += w;
            }
            return out;
        }

        // each input gets its slice of the gradient
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Tensor[] grads = new Tensor[inputs.length];
            int at = 0;
            for (int i = 0; i < inputs.length; i++) {
                int w = inputs[i].shape.at(axis);
                grads[i] = needs(i) ? g.slice(axis, at, at + w) : null;
                at += w;
            }
            return grads;
        }
    }
}
