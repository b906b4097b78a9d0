package jgrad.tensor.nn;

import java.util.Map;

import jgrad.tensor.Tensor;

/**
 * Merges axes {@code startDim..endDim} into one, as {@code torch.nn.Flatten} (defaults 1 and −1:
 * [N, C, H, W] → [N, C·H·W]), between the convolutional and the linear part of a network.
 *
 * <pre>{@code
 * new Flatten().forward(Tensor.zeros(64, 16, 4, 4)).shape();   // [64, 256]
 * }</pre>
 */
public final class Flatten implements TensorModule {
    private final int startDim;
    private final int endDim;

    /** Flattens all axes but the first. */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens axes {@code startDim} to {@code endDim} inclusive (negative counts from the end). */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /**
     * The input with the axes merged; shares storage.
     *
     * @throws IllegalArgumentException if an axis is out of range or start comes after end
     */
    @Override
    public Tensor forward(Tensor x) {
        int r = x.rank();
        int s = startDim < 0 ? startDim + r : startDim, e = endDim < 0 ? endDim + r : endDim;
        if (s < 0 || e >= r || s > e) {
            throw new IllegalArgumentException(this + ": axes " + startDim + ".." + endDim + " do not fit input shape "
                    + x.shape() + " of rank " + r);
        }
        int[] dims = new int[r - (e - s)];
        int merged = 1;
        for (int i = s; i <= e; i++) {
            merged *= x.dim(i);
        }
        for (int i = 0, j = 0; i < r; i++) {
            if (i < s || i > e) {
                dims[j++] = x.dim(i);
            } else if (i == s) {
                dims[j++] = merged;
            }
        }
        return x.reshape(dims);
    }

    /** None. */
    @Override
    public Map<String, Tensor> namedParameters() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "Flatten(start_dim=" + startDim + ", end_dim=" + endDim + ")";
    }
}
