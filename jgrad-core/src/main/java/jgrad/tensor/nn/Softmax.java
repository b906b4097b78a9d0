package jgrad.tensor.nn;

import java.util.Map;

import jgrad.tensor.Tensor;
import jgrad.tensor.functional.Functional;

/**
 * Softmax over one axis as a module, as {@code torch.nn.Softmax(dim)}, for the end of a
 * {@link Sequential}: each slice along {@code dim} becomes positive and sums to 1.
 *
 * <pre>{@code
 * new Softmax(1).forward(Tensor.randn(4, 10)).sum(1);   // four ones
 * }</pre>
 */
public final class Softmax implements TensorModule {
    private final int dim;

    /** Softmax over axis {@code dim} (negative counts from the end). */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.softmax(x, dim);
    }

    /** None. */
    @Override
    public Map<String, Tensor> namedParameters() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "Softmax(dim=" + dim + ")";
    }
}
