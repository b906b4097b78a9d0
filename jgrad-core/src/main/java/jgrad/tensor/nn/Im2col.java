package jgrad.tensor.nn;

import jgrad.tensor.Context;
import jgrad.tensor.DType;
import jgrad.tensor.Function;
import jgrad.tensor.Tensor;

/**
 * The sliding windows of an NCHW batch as rows, the "im2col" that turns a convolution into one
 * matrix product: [N, C, H, W] → [N·OH·OW, C·KH·KW], row (n, oy, ox) holding window (oy, ox) of
 * sample n, channel-major then kernel row then kernel column (the order of a PyTorch Conv2d weight
 * flattened to [out, C·KH·KW]). Positions in the padding read {@code padValue}. The backward pass
 * is "col2im": each window entry adds its gradient back to the pixel it came from; padding entries
 * drop theirs.
 *
 * <p>The window-to-pixel map is built once per call and shared by forward and backward, so the
 * float32 and float64 loops are a gather and a scatter-add over the same int array.
 */
final class Im2col extends Function {
    private final int c, h, w, kh, kw, oh, ow;
    private final double padValue;
    private final boolean transposed;
    private final int[] map;   // per sample: for each (p, k), the pixel offset in the sample, or -1

    Im2col(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, double padValue) {
        this(c, h, w, kh, kw, sh, sw, ph, pw, padValue, false);
    }

    /**
     * With {@code transposed}, the windows are columns: [C·KH·KW, N·OH·OW], so that a convolution
     * is weight [out, C·KH·KW] times this, a product whose output rows are long (N·OH·OW) rather
     * than {@code out} wide, which suits the SIMD matmul kernel.
     */
    Im2col(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, double padValue, boolean transposed) {
        super("im2col");
        this.transposed = transposed;
        this.c = c;
        this.h = h;
        this.w = w;
        this.kh = kh;
        this.kw = kw;
        this.padValue = padValue;
        this.oh = outSize("im2col", h, kh, sh, ph);
        this.ow = outSize("im2col", w, kw, sw, pw);
        map = new int[oh * ow * c * kh * kw];
        int i = 0;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int ky = 0; ky < kh; ky++) {
                        int y = oy * sh - ph + ky;
                        for (int kx = 0; kx < kw; kx++) {
                            int x = ox * sw - pw + kx;
                            map[i++] = y < 0 || y >= h || x < 0 || x >= w ? -1 : (ch * h + y) * w + x;
                        }
                    }
                }
            }
        }
    }

    /**
     * floor((size + 2·pad − kernel) / stride) + 1, PyTorch's output size.
     *
     * @throws IllegalArgumentException if the padded input is smaller than the kernel
     */
    static int outSize(String op, int size, int kernel, int stride, int pad) {
        if (size + 2 * pad < kernel) {
            throw new IllegalArgumentException(op + ": input size " + size + " with padding " + pad
                    + " is smaller than the kernel " + kernel + "; use a larger input, more padding or a smaller kernel");
        }
        return (size + 2 * pad - kernel) / stride + 1;
    }

    int outHeight() {
        return oh;
    }

    int outWidth() {
        return ow;
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... in) {
        Tensor x = in[0];
        int n = x.dim(0), plane = c * h * w, per = map.length;
        if (transposed) {
            return forwardTransposed(x, n);
        }
        if (x.dtype() == DType.FLOAT32) {
            float[] src = x.toFloatArray();
            float[] dst = new float[n * per];
            float pad = (float) padValue;
            for (int s = 0; s < n; s++) {
                int base = s * plane, o = s * per;
                for (int i = 0; i < per; i++) {
                    int m = map[i];
                    dst[o + i] = m < 0 ? pad : src[base + m];
                }
            }
            return Tensor.of(dst, n * oh * ow, c * kh * kw);
        }
        double[] src = x.toDoubleArray();
        double[] dst = new double[n * per];
        for (int s = 0; s < n; s++) {
            int base = s * plane, o = s * per;
            for (int i = 0; i < per; i++) {
                int m = map[i];
                dst[o + i] = m < 0 ? padValue : src[base + m];
            }
        }
        return Tensor.of(dst, n * oh * ow, c * kh * kw);
    }

    // row k of the output, column (s, p): map[p * cols + k] of sample s
    private Tensor forwardTransposed(Tensor x, int n) {
        int plane = c * h * w, cols = c * kh * kw, pixels = oh * ow, width = n * pixels;
        if (x.dtype() == DType.FLOAT32) {
            float[] src = x.toFloatArray();
            float[] dst = new float[cols * width];
            float pad = (float) padValue;
            for (int k = 0; k < cols; k++) {
                int row = k * width;
                for (int s = 0; s < n; s++) {
                    int base = s * plane, o = row + s * pixels;
                    for (int p = 0; p < pixels; p++) {
                        int m = map[p * cols + k];
                        dst[o + p] = m < 0 ? pad : src[base + m];
                    }
                }
            }
            return Tensor.of(dst, cols, width);
        }
        double[] src = x.toDoubleArray();
        double[] dst = new double[cols * width];
        for (int k = 0; k < cols; k++) {
            int row = k * width;
            for (int s = 0; s < n; s++) {
                int base = s * plane, o = row + s * pixels;
                for (int p = 0; p < pixels; p++) {
                    int m = map[p * cols + k];
                    dst[o + p] = m < 0 ? padValue : src[base + m];
                }
            }
        }
        return Tensor.of(dst, cols, width);
    }

    private Tensor[] backwardTransposed(Tensor g) {
        int plane = c * h * w, cols = c * kh * kw, pixels = oh * ow, width = g.dim(1), n = width / pixels;
        if (g.dtype() == DType.FLOAT32) {
            float[] src = g.toFloatArray();
            float[] dx = new float[n * plane];
            for (int k = 0; k < cols; k++) {
                int row = k * width;
                for (int s = 0; s < n; s++) {
                    int base = s * plane, o = row + s * pixels;
                    for (int p = 0; p < pixels; p++) {
                        int m = map[p * cols + k];
                        if (m >= 0) {
                            dx[base + m] += src[o + p];
                        }
                    }
                }
            }
            return new Tensor[] {Tensor.of(dx, n, c, h, w)};
        }
        double[] src = g.toDoubleArray();
        double[] dx = new double[n * plane];
        for (int k = 0; k < cols; k++) {
            int row = k * width;
            for (int s = 0; s < n; s++) {
                int base = s * plane, o = row + s * pixels;
                for (int p = 0; p < pixels; p++) {
                    int m = map[p * cols + k];
                    if (m >= 0) {
                        dx[base + m] += src[o + p];
                    }
                }
            }
        }
        return new Tensor[] {Tensor.of(dx, n, c, h, w)};
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor g) {
        if (transposed) {
            return backwardTransposed(g);
        }
        int n = g.dim(0) / (oh * ow), plane = c * h * w, per = map.length;
        if (g.dtype() == DType.FLOAT32) {
            float[] src = g.toFloatArray();
            float[] dx = new float[n * plane];
            for (int s = 0; s < n; s++) {
                int base = s * plane, o = s * per;
                for (int i = 0; i < per; i++) {
                    int m = map[i];
                    if (m >= 0) {
                        dx[base + m] += src[o + i];
                    }
                }
            }
            return new Tensor[] {Tensor.of(dx, n, c, h, w)};
        }
        double[] src = g.toDoubleArray();
        double[] dx = new double[n * plane];
        for (int s = 0; s < n; s++) {
            int base = s * plane, o = s * per;
            for (int i = 0; i < per; i++) {
                int m = map[i];
                if (m >= 0) {
                    dx[base + m] += src[o + i];
                }
            }
        }
        return new Tensor[] {Tensor.of(dx, n, c, h, w)};
    }
}
