package jgrad.tensor.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * A 2-D convolution over an NCHW batch, as {@code torch.nn.Conv2d}: the weight is
 * [out, in, KH, KW] and the bias [out], both initialised as PyTorch does (U(−b, b) with
 * b = 1/√(in·KH·KW), Kaiming uniform with a = √5). Computed as im2col onto the matmul kernel:
 * the windows become the columns of an [in·KH·KW, N·OH·OW] matrix, the flattened weight
 * [out, in·KH·KW] times it gives [out, N·OH·OW] (long output rows, which suit the SIMD kernel
 * better than [N·OH·OW, out] with out = 6), and a permute gives NCHW back. Only the window
 * gather/scatter ({@link Im2col}) has a hand-written derivative.
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 6, 5, 1, 2, DType.FLOAT32, new Random(0));   // 6@5×5, 'same' padding
 * conv.forward(Tensor.randn(64, 1, 28, 28)).shape();                      // [64, 6, 28, 28]
 * }</pre>
 *
 * <p>Output size per axis: floor((size + 2·padding − kernel) / stride) + 1.
 */
public final class Conv2d implements TensorModule {
    private final int in, out, kh, kw, sh, sw, ph, pw;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A convolution with rectangular kernel, stride and padding.
     *
     * @param bias whether to add a learned bias per output channel
     * @throws IllegalArgumentException if a size is below 1 or a padding below 0
     */
    public Conv2d(int in, int out, int kh, int kw, int sh, int sw, int ph, int pw, boolean bias, DType dtype,
                  Random rng) {
        if (in < 1 || out < 1 || kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0 || pw < 0) {
            throw new IllegalArgumentException("Conv2d: channels, kernel and stride must be >= 1 and padding >= 0, got in="
                    + in + ", out=" + out + ", kernel=" + kh + "x" + kw + ", stride=" + sh + "x" + sw + ", padding="
                    + ph + "x" + pw);
        }
        this.in = in;
        this.out = out;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
        int fanIn = in * kh * kw;
        this.weight = Init.PYTORCH_DEFAULT.tensor(dtype, rng, out, in, kh, kw).requiresGrad(true);
        this.bias = bias ? Init.fanInBias(dtype, rng, fanIn, out).requiresGrad(true) : null;
    }

    /** A square kernel, stride and padding, with bias. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, DType dtype, Random rng) {
        this(in, out, kernel, kernel, stride, stride, padding, padding, true, dtype, rng);
    }

    /** A float32 convolution with stride 1 and no padding, weights from {@code new Random(seed)}. */
    public Conv2d(int in, int out, int kernel, long seed) {
        this(in, out, kernel, 1, 0, DType.FLOAT32, new Random(seed));
    }

    /**
     * The convolution of {@code x} [N, in, H, W]; [N, out, OH, OW].
     *
     * @throws IllegalArgumentException if x is not 4-D with {@code in} channels, or smaller than the kernel
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != in) {
            throw new IllegalArgumentException(this + ": input shape " + x.shape() + " must be [N, " + in
                    + ", H, W] (NCHW; reshape a single image to [1, " + in + ", H, W])");
        }
        int n = x.dim(0);
        Im2col cols = new Im2col(in, x.dim(2), x.dim(3), kh, kw, sh, sw, ph, pw, 0, true);
        int oh = cols.outHeight(), ow = cols.outWidth();
        Tensor w2 = weight.reshape(out, in * kh * kw);
        Tensor y = w2.matmul(cols.apply(x));                       // [out, N·OH·OW]: long rows for the kernel
        if (bias != null) {
            y = y.add(bias.reshape(out, 1));
        }
        return y.reshape(out, n, oh, ow).permute(1, 0, 2, 3).contiguous();
    }

    /** The [out, in, KH, KW] weight, a parameter. */
    public Tensor weight() {
        return weight;
    }

    /** The [out] bias, a parameter, or null without bias. */
    public Tensor bias() {
        return bias;
    }

    /** {@code weight}, then {@code bias} if any. */
    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weight", weight);
        if (bias != null) {
            m.put("bias", bias);
        }
        return m;
    }

    /** PyTorch's text, e.g. {@code Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))}. */
    @Override
    public String toString() {
        return "Conv2d(" + in + ", " + out + ", kernel_size=(" + kh + ", " + kw + "), stride=(" + sh + ", " + sw + ")"
                + (ph != 0 || pw != 0 ? ", padding=(" + ph + ", " + pw + ")" : "") + (bias == null ? ", bias=False" : "")
                + ")";
    }
}
