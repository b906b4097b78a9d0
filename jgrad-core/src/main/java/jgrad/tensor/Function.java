package jgrad.tensor;

/**
 * A differentiable tensor operation with a hand-written derivative, as PyTorch's
 * {@code torch.autograd.Function}: {@link #forward} computes the output and saves in the
 * {@link Context} what the derivative needs; {@link #backward} turns the gradient of the output into
 * one gradient per input, or {@code null} where {@link Context#needsInputGrad(int)} says none is
 * wanted. {@link #apply} runs it and records it in the graph, so that {@link Tensor#backward()}
 * calls it. Every primitive of the engine (add, matmul, relu, ...) is one such subclass; a user
 * adds an op the same way, from any package:
 *
 * <pre>{@code
 * final class Swish extends Function {             // x · sigmoid(x)
 *     Swish() { super("swish"); }
 *
 *     protected Tensor forward(Context ctx, Tensor... in) {
 *         Tensor s = in[0].sigmoid();
 *         ctx.saveForBackward(in[0], s);
 *         return in[0].mul(s);
 *     }
 *
 *     protected Tensor[] backward(Context ctx, Tensor g) {
 *         Tensor x = ctx.saved(0), s = ctx.saved(1);   // d/dx = s + x·s·(1 - s)
 *         return new Tensor[] {g.mul(s.add(x.mul(s).mul(s.neg().add(1))))};
 *     }
 * }
 * Tensor y = new Swish().apply(x);
 * }</pre>
 *
 * <p>Both methods run with recording off ({@link Tensor#noGrad()}), so they may use any tensor
 * method without growing the graph. A gradient must have its input's shape; the engine casts it to
 * the input's dtype. A saved tensor that is changed in place before {@code backward} makes
 * {@link Context#saved(int)} throw (see {@link Tensor#version()}).
 *
 * <p>A {@code Function} object may hold constants of the call (an exponent, an axis); create one
 * per call, or share one that holds none.
 */
public abstract class Function {
    private final String name;

    /** A function called {@code name} in graphs, errors and {@code grad_fn=<name>}. */
    protected Function(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Function: give the function a name, e.g. super(\"swish\")");
        }
        this.name = name;
    }

    /** The name given to the constructor. */
    public final String name() {
        return name;
    }

    /**
     * The output, a new tensor (or a view of an input), computed from {@code inputs}; saves in
     * {@code ctx} what {@link #backward} needs.
     */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /**
     * d(loss)/d(input_i) for each input, given {@code grad} = d(loss)/d(output): an array as long as
     * the inputs, {@code null} where no gradient is needed.
     */
    protected abstract Tensor[] backward(Context ctx, Tensor grad);

    /**
     * Runs {@link #forward} on {@code inputs} and, when recording and an input requires a
     * gradient, records this function as the output's creator.
     */
    public final Tensor apply(Tensor... inputs) {
        return Autograd.apply(this, inputs);
    }
}
