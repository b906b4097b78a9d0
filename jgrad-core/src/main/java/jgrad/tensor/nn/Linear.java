package jgrad.tensor.nn;

import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * A fully connected layer, y = x·Wᵀ + b, as {@code torch.nn.Linear}: the weight has PyTorch's
 * shape [out, in], so that row j holds neuron j's weights (micrograd's {@code Neuron.w}) and saved
 * weights load into PyTorch unchanged.
 *
 * <pre>{@code
 * Linear layer = new Linear(784, 128, 42);   // float32, PyTorch's default initialisation
 * Linear other = new Linear(784, 128, DType.FLOAT64, Init.KAIMING_UNIFORM, new Random(42));
 * Tensor h = layer.forward(x);       // [batch, 784] → [batch, 128]
 * }</pre>
 *
 * <p>An input with more axes is treated as a stack: [..., in] → [..., out]. With
 * {@code bias = false} (PyTorch's {@code bias=False}) there is no bias parameter: y = x·Wᵀ, and the
 * state dict holds only {@code weight}.
 */
public final class Linear extends AbstractTensorModule {
    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A layer with weights from {@code init} drawn from {@code rng}; biases as {@link
     * #Linear(int, int, boolean, DType, Init, Random)} makes them.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public Linear(int in, int out, DType dtype, Init init, Random rng) {
        this(in, out, true, dtype, init, rng);
    }

    /**
     * A layer with weights from {@code init} drawn from {@code rng}, and a bias if {@code bias}: with
     * {@link Init#PYTORCH_DEFAULT} the bias is drawn next from U(-1/√in, 1/√in), as
     * {@code torch.nn.Linear} draws it; with any other init it starts at zero.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public Linear(int in, int out, boolean bias, DType dtype, Init init, Random rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: sizes must be >= 1, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight", init.weight(dtype, rng, out, in).detach().requiresGrad(true));
        Tensor b = init == Init.PYTORCH_DEFAULT ? Init.fanInBias(dtype, rng, in, out) : Tensor.zeros(dtype, out);
        this.bias = bias ? registerParameter("bias", b.requiresGrad(true)) : null;
    }

    /** A float32 layer initialised as {@code torch.nn.Linear} from {@code seed}, with a bias if {@code bias}. */
    public Linear(int in, int out, boolean bias, long seed) {
        this(in, out, bias, DType.FLOAT32, Init.PYTORCH_DEFAULT, new Random(seed));
    }

    /**
     * A float32 layer initialised as {@code torch.nn.Linear} (weights and bias from U(-1/√in, 1/√in))
     * from a {@code Random} seeded with {@code seed}.
     */
    public Linear(int in, int out, long seed) {
        this(in, out, DType.FLOAT32, Init.PYTORCH_DEFAULT, new Random(seed));
    }

    /**
     * x·Wᵀ + b.
     *
     * @throws IllegalArgumentException if x's last axis is not {@code in}
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() == 0 || x.dim(-1) != in) {
            throw new IllegalArgumentException("Linear(" + in + ", " + out + "): input shape " + x.shape()
                    + " must end with " + in);
        }
        return x.linear(weight, bias);
    }

    /** The number of input features. */
    public int inputs() {
        return in;
    }

    /** The number of outputs. */
    public int outputs() {
        return out;
    }

    /** The [out, in] weight matrix, a parameter. */
    public Tensor weight() {
        return weight;
    }

    /** The [out] bias vector, a parameter; null for a layer made with {@code bias = false}. */
    public Tensor bias() {
        return bias;
    }

    /** Whether the layer adds a bias. */
    public boolean hasBias() {
        return bias != null;
    }

    /** {@code Linear(in_features=2, out_features=16)}, with {@code , bias=False} when there is no bias. */
    @Override
    public String toString() {
        return "Linear(in_features=" + in + ", out_features=" + out + (bias == null ? ", bias=False" : "") + ")";
    }
}
