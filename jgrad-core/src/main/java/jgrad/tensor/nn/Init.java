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
 * </ul>
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
    MICROGRAD;

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
            default:
                w = uniform(dtype, rng, 1, fanOut, fanIn);
        }
        return w;
    }

    private static Tensor uniform(DType dtype, Random rng, double bound, int... shape) {
        return Tensor.rand(dtype, rng, shape).mul(2 * bound).sub(bound);
    }
}
