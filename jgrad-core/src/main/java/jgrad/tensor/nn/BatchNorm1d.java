package jgrad.tensor.nn;

import jgrad.tensor.DType;

/**
 * Batch normalisation of [N, C] or [N, C, L] inputs per channel C, as {@code torch.nn.BatchNorm1d};
 * see {@link BatchNorm} for training against evaluation mode and the running statistics.
 *
 * <pre>{@code
 * BatchNorm1d bn = new BatchNorm1d(200);     // eps 1e-5, momentum 0.1, affine, float32
 * bn.forward(h);                             // training: batch statistics
 * bn.train(false);
 * bn.forward(h);                             // evaluation: running statistics
 * }</pre>
 */
public final class BatchNorm1d extends BatchNorm {
    /**
     * @throws IllegalArgumentException if features &lt; 1, eps ≤ 0 or momentum is outside [0, 1]
     */
    public BatchNorm1d(int features, double eps, double momentum, boolean affine, DType dtype) {
        super(features, eps, momentum, affine, dtype);
    }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine; float32. */
    public BatchNorm1d(int features) {
        this(features, 1e-5, 0.1, true, DType.FLOAT32);
    }

    @Override
    String name() {
        return "BatchNorm1d";
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    String expected() {
        return "[N, C] or [N, C, L]";
    }
}
