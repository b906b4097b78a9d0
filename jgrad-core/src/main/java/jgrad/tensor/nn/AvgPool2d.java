package jgrad.tensor.nn;

import java.util.Map;

import jgrad.tensor.Tensor;

/**
 * The mean of each window of an NCHW batch, per channel, as {@code torch.nn.AvgPool2d} with its
 * defaults: the stride defaults to the kernel size, and padded zeros count in the mean
 * ({@code count_include_pad=True}). Built from {@link Im2col} (each channel as its own image) and
 * {@link Tensor#mean}, so it needs no derivative of its own.
 *
 * <pre>{@code
 * new AvgPool2d(2).forward(Tensor.randn(64, 6, 28, 28)).shape();   // [64, 6, 14, 14]
 * }</pre>
 */
public final class AvgPool2d implements TensorModule {
    private final int kh, kw, sh, sw, ph, pw;

    /**
     * Pooling with the given kernel, stride and padding per axis.
     *
     * @throws IllegalArgumentException if a kernel or stride is below 1, or a padding is negative
     *     or more than half the kernel (as PyTorch)
     */
    public AvgPool2d(int kh, int kw, int sh, int sw, int ph, int pw) {
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0 || pw < 0 || 2 * ph > kh || 2 * pw > kw) {
            throw new IllegalArgumentException("AvgPool2d: kernel and stride must be >= 1 and padding between 0 and half "
                    + "the kernel, got kernel=" + kh + "x" + kw + ", stride=" + sh + "x" + sw + ", padding=" + ph + "x" + pw);
        }
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
    }

    /** A square kernel, stride and padding. */
    public AvgPool2d(int kernel, int stride, int padding) {
        this(kernel, kernel, stride, stride, padding, padding);
    }

    /** A square kernel with stride = kernel and no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * [N, C, H, W] → [N, C, OH, OW].
     *
     * @throws IllegalArgumentException if x is not 4-D or is smaller than the kernel
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(this + ": input shape " + x.shape() + " must be [N, C, H, W]");
        }
        int n = x.dim(0), c = x.dim(1);
        Im2col cols = new Im2col(1, x.dim(2), x.dim(3), kh, kw, sh, sw, ph, pw, 0);
        Tensor windows = cols.apply(x.reshape(n * c, 1, x.dim(2), x.dim(3)));   // [N·C·OH·OW, KH·KW]
        return windows.mean(1).reshape(n, c, cols.outHeight(), cols.outWidth());
    }

    /** None. */
    @Override
    public Map<String, Tensor> namedParameters() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernel_size=(" + kh + ", " + kw + "), stride=(" + sh + ", " + sw + "), padding=(" + ph + ", "
                + pw + "))";
    }
}
