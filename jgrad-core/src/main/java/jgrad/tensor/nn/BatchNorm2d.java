package jgrad.tensor.nn;

import jgrad.tensor.DType;

/**
 * Batch normalisation of [N, C, H, W] inputs per channel C, as {@code torch.nn.BatchNorm2d};
 * see {@link BatchNorm} for training against evaluation mode and the running statistics.
 *
 * <pre>{@code
 * BatchNorm2d bn = new BatchNorm2d(16);     // eps 1e-5, momentum 0.1, affine, float32
 * bn.forward(h);                             // training: batch statistics
 * bn.train(false);
 * bn.forward(h);                             // evaluation: running statistics
 * }</pre>
 */
public final class BatchNorm2d extends BatchNorm {
    /**
     * @throws IllegalArgumentException if features &lt; 1, eps ≤ 0 or momentum is outside [0, 1]
     */
    public BatchNorm2d(int features, double eps, double momentum, boolean affine, DType dtype) {
        super(features, eps, momentum, affine, dtype);
    }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine; float32. */
    public BatchNorm2d(int features) {
        this(features, 1e-5, 0.1, true, DType.FLOAT32);
    }

    @Override
    String name() {
        return "BatchNorm2d";
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    String expected() {
        return "[N, C, H, W]";
    }
}
