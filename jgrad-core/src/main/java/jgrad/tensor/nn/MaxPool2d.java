package jgrad.tensor.nn;

import java.util.Map;

import jgrad.tensor.Context;
import jgrad.tensor.DType;
import jgrad.tensor.Function;
import jgrad.tensor.Tensor;

/**
 * The largest value of each window of an NCHW batch, per channel, as {@code torch.nn.MaxPool2d}:
 * padding counts as −∞, the stride defaults to the kernel size, and the gradient goes to the first
 * maximum of each window in row-major order (PyTorch's choice; jgrad's {@code max} shares it among
 * ties instead, which differs on the all-zero windows that follow a ReLU).
 *
 * <pre>{@code
 * new MaxPool2d(2).forward(Tensor.randn(64, 6, 28, 28)).shape();   // [64, 6, 14, 14]
 * }</pre>
 */
public final class MaxPool2d implements TensorModule {
    private final int kh, kw, sh, sw, ph, pw;

    /**
     * Pooling with the given kernel, stride and padding per axis.
     *
     * @throws IllegalArgumentException if a kernel or stride is below 1, or a padding is negative
     *     or more than half the kernel (as PyTorch)
     */
    public MaxPool2d(int kh, int kw, int sh, int sw, int ph, int pw) {
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0 || pw < 0 || 2 * ph > kh || 2 * pw > kw) {
            throw new IllegalArgumentException("MaxPool2d: kernel and stride must be >= 1 and padding between 0 and half "
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
    public MaxPool2d(int kernel, int stride, int padding) {
        this(kernel, kernel, stride, stride, padding, padding);
    }

    /** A square kernel with stride = kernel and no padding. */
    public MaxPool2d(int kernel) {
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
        return new Op(x.dim(2), x.dim(3)).apply(x);
    }

    /** None. */
    @Override
    public Map<String, Tensor> namedParameters() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel_size=(" + kh + ", " + kw + "), stride=(" + sh + ", " + sw + "), padding=(" + ph + ", "
                + pw + "))";
    }

    /** Forward keeps the flat index of each window's maximum; backward sends the gradient there. */
    private final class Op extends Function {
        private final int h, w, oh, ow;
        private int[] argmax;

        Op(int h, int w) {
            super("maxPool2d");
            this.h = h;
            this.w = w;
            this.oh = Im2col.outSize("MaxPool2d", h, kh, sh, ph);
            this.ow = Im2col.outSize("MaxPool2d", w, kw, sw, pw);
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            Tensor x = in[0];
            int planes = x.dim(0) * x.dim(1);
            if (x.dtype() == DType.FLOAT32) {
                return forward32(x, planes);
            }
            double[] src = x.toDoubleArray();
            double[] dst = new double[planes * oh * ow];
            argmax = new int[dst.length];
            int o = 0;
            for (int p = 0; p < planes; p++) {
                int base = p * h * w;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int ky = 0; ky < kh; ky++) {
                            int y = oy * sh - ph + ky;
                            if (y < 0 || y >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < kw; kx++) {
                                int xx = ox * sw - pw + kx;
                                if (xx < 0 || xx >= w) {
                                    continue;
                                }
                                double v = src[base + y * w + xx];
                                if (at < 0 || v > best || Double.isNaN(v)) {
                                    best = v;
                                    at = base + y * w + xx;
                                    if (Double.isNaN(v)) {
                                        ky = kh;
                                        break;
                                    }
                                }
                            }
                        }
                        dst[o] = best;
                        argmax[o++] = at;
                    }
                }
            }
            return Tensor.of(x.dtype(), dst, x.dim(0), x.dim(1), oh, ow);
        }

        // the float32 twin of the loop in forward, without converting to double and back
        private Tensor forward32(Tensor x, int planes) {
            float[] src = x.toFloatArray();
            float[] dst = new float[planes * oh * ow];
            argmax = new int[dst.length];
            int o = 0;
            for (int p = 0; p < planes; p++) {
                int base = p * h * w;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int ky = 0; ky < kh; ky++) {
                            int y = oy * sh - ph + ky;
                            if (y < 0 || y >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < kw; kx++) {
                                int xx = ox * sw - pw + kx;
                                if (xx < 0 || xx >= w) {
                                    continue;
                                }
                                float v = src[base + y * w + xx];
                                if (at < 0 || v > best || Float.isNaN(v)) {
                                    best = v;
                                    at = base + y * w + xx;
                                    if (Float.isNaN(v)) {
                                        ky = kh;
                                        break;
                                    }
                                }
                            }
                        }
                        dst[o] = best;
                        argmax[o++] = at;
                    }
                }
            }
            return Tensor.of(dst, x.dim(0), x.dim(1), oh, ow);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor g) {
            int n = g.dim(0), c = g.dim(1);
            if (g.dtype() == DType.FLOAT32) {
                float[] gs = g.toFloatArray();
                float[] dx = new float[n * c * h * w];
                for (int i = 0; i < gs.length; i++) {
                    dx[argmax[i]] += gs[i];
                }
                return new Tensor[] {Tensor.of(dx, n, c, h, w)};
            }
            double[] gs = g.toDoubleArray();
            double[] dx = new double[n * c * h * w];
            for (int i = 0; i < gs.length; i++) {
                dx[argmax[i]] += gs[i];
            }
            return new Tensor[] {Tensor.of(dx, n, c, h, w)};
        }
    }
}
