package jgrad.tensor.nn;

import java.util.Arrays;
import java.util.Map;

import jgrad.tensor.Tensor;

/**
 * Splits axis {@code dim} into {@code sizes}, as {@code torch.nn.Unflatten}: [N, 784] with
 * {@code new Unflatten(1, 1, 28, 28)} becomes [N, 1, 28, 28], so that a network of rows of pixels
 * can start with a convolution.
 *
 * <pre>{@code
 * new Unflatten(1, 1, 8, 8).forward(Tensor.zeros(5, 64)).shape();   // [5, 1, 8, 8]
 * }</pre>
 */
public final class Unflatten implements TensorModule {
    private final int dim;
    private final int[] sizes;

    /**
     * Splits axis {@code dim} (negative counts from the end) into {@code sizes}.
     *
     * @throws IllegalArgumentException if no size is given or a size is below 1
     */
    public Unflatten(int dim, int... sizes) {
        if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("Unflatten: give sizes >= 1 to split the axis into, got "
                    + Arrays.toString(sizes));
        }
        this.dim = dim;
        this.sizes = sizes.clone();
    }

    /**
     * The input with axis {@code dim} split; shares storage.
     *
     * @throws IllegalArgumentException if the axis is out of range or its size is not the product of the sizes
     */
    @Override
    public Tensor forward(Tensor x) {
        int r = x.rank(), d = dim < 0 ? dim + r : dim;
        int product = Arrays.stream(sizes).reduce(1, (a, b) -> a * b);
        if (d < 0 || d >= r || x.dim(d) != product) {
            throw new IllegalArgumentException(this + ": input shape " + x.shape() + " needs axis " + dim + " of size "
                    + product + " (" + Arrays.toString(sizes) + ")");
        }
        int[] out = new int[r - 1 + sizes.length];
        for (int i = 0, j = 0; i < r; i++) {
            if (i == d) {
                for (int s : sizes) {
                    out[j++] = s;
                }
            } else {
                out[j++] = x.dim(i);
            }
        }
        return x.reshape(out);
    }

    /** None. */
    @Override
    public Map<String, Tensor> namedParameters() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "Unflatten(dim=" + dim + ", unflattened_size=" + Arrays.toString(sizes).replace('[', '(').replace(']', ')')
                + ")";
    }
}
