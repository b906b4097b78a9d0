package jgrad.tensor;

/**
 * A primitive tensor operation: it computes its output from its inputs ({@link #forward()}) and,
 * given the gradient of the output, returns one gradient per input ({@link #backward}), or
 * {@code null} for an input that needs none, as PyTorch's {@code autograd.Function} does.
 *
 * <p>Internal. Subclasses live in {@link ElementwiseOps}, {@link ShapeOps}, {@link ReduceOps} and
 * {@link MatMulOp}, one small class per primitive with {@code forward} above {@code backward}.
 * Forward sees validated inputs of equal shapes where that matters (broadcasting is an explicit
 * {@code expand} before it). Backward runs with gradient recording off and may use any
 * {@link Tensor} method.
 */
abstract class Op {
    final String name;
    final Tensor[] inputs;

    Op(String name, Tensor... inputs) {
        this.name = name;
        this.inputs = inputs;
    }

    /** The output, a fresh tensor. */
    abstract Tensor forward();

    /** d(loss)/d(input_i) for each input, given {@code g} = d(loss)/d(out); null where not needed. */
    abstract Tensor[] backward(Tensor g, Tensor out);

    /** Whether input {@code i} wants a gradient. */
    final boolean needs(int i) {
        return inputs[i].requiresGrad();
    }

    Tensor x() {
        return inputs[0];
    }
}
