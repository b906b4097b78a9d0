package jgrad.tensor.nn;

import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * How {@link Linear} draws its initial weights from fan-in and fan-out; biases start at 0.
 *
 * <ul>
 *   <li>{@link #KAIMING_UNIFORM}: U(-b, b) with b = √(6 / fanIn), He et al. 2015, for ReLU nets
 *       ({@code torch.nn.init.kaiming_uniform_} with the ReLU gain).</li>
 *   <li>{@link #KAIMING_NORMAL}: N(0, 2 / fanIn).</li>
 *   <li>{@link #XAVIER_UNIFORM}: U(-b, b) with b = √(6 / (fanIn + fanOut)), Glorot and Bengio 2010,
 *       for tanh and sigmoid nets.</li>
 *   <li>{@link #MICROGRAD}: U(-1, 1), as micrograd's {@code Neuron}.</li>
 *   <li>{@link #PYTORCH_DEFAULT}: U(-b, b) with b = 1/√fanIn, what {@code torch.nn.Linear} and
 *       {@code Conv2d} do by default ({@code kaiming_uniform_(w, a=√5)}); their default bias is
 *       {@link #fanInBias} with the same bound.</li>
 *   <li>{@link #XAVIER_NORMAL}: N(0, 2 / (fanIn + fanOut)).</li>
 *   <li>{@link #NORMAL}: N(0, 1), {@code torch.nn.Embedding}'s default.</li>
 * </ul>
 *
 * <p>{@link #tensor} takes any shape and computes the fans as PyTorch's
 * {@code _calculate_fan_in_and_fan_out}: fanIn = shape[1]·(receptive field), fanOut =
 * shape[0]·(receptive field), where the receptive field is the product of shape[2..] (a conv
 * kernel's KH·KW).
 *
 * <pre>{@code
 * Tensor w = Init.XAVIER_UNIFORM.weight(DType.FLOAT32, new Random(0), 128, 784);   // [128, 784]
 * }</pre>
 */
public enum Init {
    /** U(-b, b) with b = √(6 / fanIn). */
    KAIMING_UNIFORM,
    /** N(0, 2 / fanIn). */
    KAIMING_NORMAL,
    /** U(-b, b) with b = √(6 / (fanIn + fanOut)). */
    XAVIER_UNIFORM,
    /** U(-1, 1). */
    MICROGRAD,
    /** U(-b, b) with b = 1/√fanIn: PyTorch's default for Linear and Conv2d weights. */
    PYTORCH_DEFAULT,
    /** N(0, 2 / (fanIn + fanOut)). */
    XAVIER_NORMAL,
    /** N(0, 1). */
    NORMAL;

    /**
     * A fresh tensor of {@code shape} drawn in row-major order from {@code rng}, with PyTorch's fans
     * (see the class comment); a leaf without gradient.
     *
     * @throws IllegalArgumentException for a shape of rank below 1
     */
    public Tensor tensor(DType dtype, Random rng, int... shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("Init." + name() + ": give a shape of rank >= 1, e.g. [out, in]");
        }
        int receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        int fanIn = shape.length > 1 ? shape[1] * receptive : shape[0];
        int fanOut = shape[0] * receptive;
        double b;
        switch (this) {
            case KAIMING_NORMAL:
                return Tensor.randn(dtype, rng, shape).mul(Math.sqrt(2.0 / Math.max(1, fanIn))).detach();
            case XAVIER_NORMAL:
                return Tensor.randn(dtype, rng, shape).mul(Math.sqrt(2.0 / Math.max(1, fanIn + fanOut))).detach();
            case NORMAL:
                return Tensor.randn(dtype, rng, shape);
            case KAIMING_UNIFORM:
                b = Math.sqrt(6.0 / Math.max(1, fanIn));
                break;
            case XAVIER_UNIFORM:
                b = Math.sqrt(6.0 / Math.max(1, fanIn + fanOut));
                break;
            case PYTORCH_DEFAULT:
                b = 1 / Math.sqrt(Math.max(1, fanIn));
                break;
            default:
                b = 1;
        }
        return uniform(dtype, rng, b, shape).detach();
    }

    /**
     * PyTorch's default bias of a Linear or Conv2d layer with {@code fanIn} inputs per output:
     * U(-b, b) with b = 1/√fanIn, shape [out].
     */
    public static Tensor fanInBias(DType dtype, Random rng, int fanIn, int out) {
        return uniform(dtype, rng, fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0, out).detach();
    }

    /** A fresh [fanOut, fanIn] weight matrix drawn in row-major order from {@code rng}. */
    public Tensor weight(DType dtype, Random rng, int fanOut, int fanIn) {
        Tensor w;
        switch (this) {
            case KAIMING_NORMAL:
                w = Tensor.randn(dtype, rng, fanOut, fanIn).mul(Math.sqrt(2.0 / Math.max(1, fanIn)));
                break;
            case KAIMING_UNIFORM:
                w = uniform(dtype, rng, Math.sqrt(6.0 / Math.max(1, fanIn)), fanOut, fanIn);
                break;
            case XAVIER_UNIFORM:
                w = uniform(dtype, rng, Math.sqrt(6.0 / Math.max(1, fanIn + fanOut)), fanOut, fanIn);
                break;
            case MICROGRAD:
                w = uniform(dtype, rng, 1, fanOut, fanIn);
                break;
            default:
                w = tensor(dtype, rng, fanOut, fanIn);
        }
        return w;
    }

    private static Tensor uniform(DType dtype, Random rng, double bound, int... shape) {
        return Tensor.rand(dtype, rng, shape).mul(2 * bound).sub(bound);
    }
}
