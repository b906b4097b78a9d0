package jgrad.tensor.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * Normalises over the last axes, as {@code torch.nn.LayerNorm}: y = (x − mean) / √(var + eps) · weight
 * + bias, with mean and the biased variance taken over the trailing {@code normalizedShape} axes of
 * each sample, and weight (ones) and bias (zeros) of that shape when {@code elementwiseAffine}. It
 * is composed of engine ops, so the gradient is the engine's.
 *
 * <pre>{@code
 * LayerNorm ln = new LayerNorm(new int[] {200}, 1e-5, true, DType.FLOAT32);
 * ln.forward(Tensor.randn(32, 200)).shape();   // [32, 200], each row mean 0, variance 1
 * }</pre>
 */
public final class LayerNorm implements TensorModule {
    private final int[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A layer norm over trailing axes of {@code normalizedShape}.
     *
     * @throws IllegalArgumentException for an empty shape, a size below 1, or eps ≤ 0
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, DType dtype) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: normalizedShape must be non-empty with sizes >= 1 and eps > 0, "
                    + "got " + Arrays.toString(normalizedShape) + ", eps=" + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? Tensor.ones(dtype, normalizedShape).requiresGrad(true) : null;
        this.bias = elementwiseAffine ? Tensor.zeros(dtype, normalizedShape).requiresGrad(true) : null;
    }

    /** A float32 layer norm over the last axis of size {@code features}, eps 1e-5, with affine. */
    public LayerNorm(int features) {
        this(new int[] {features}, 1e-5, true, DType.FLOAT32);
    }

    /**
     * The normalised input.
     *
     * @throws IllegalArgumentException if x does not end with {@code normalizedShape}
     */
    @Override
    public Tensor forward(Tensor x) {
        int k = normalizedShape.length, r = x.rank();
        boolean fits = r >= k;
        for (int i = 0; fits && i < k; i++) {
            fits = x.dim(r - k + i) == normalizedShape[i];
        }
        if (!fits) {
            throw new IllegalArgumentException(this + ": input shape " + x.shape() + " must end with "
                    + Arrays.toString(normalizedShape));
        }
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = r - k + i;
        }
        Tensor centred = x.sub(x.mean(axes, true));
        Tensor var = centred.mul(centred).mean(axes, true);
        Tensor y = centred.div(var.add(eps).sqrt());
        return weight == null ? y : y.mul(weight).add(bias);
    }

    /** The weight (ones at first), or null without affine. */
    public Tensor weight() {
        return weight;
    }

    /** The bias (zeros at first), or null without affine. */
    public Tensor bias() {
        return bias;
    }

    /** {@code weight} and {@code bias} when affine, else none. */
    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        if (weight != null) {
            m.put("weight", weight);
            m.put("bias", bias);
        }
        return m;
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Arrays.toString(normalizedShape).replace('[', '(').replace("]", ",)") + ", eps=" + eps
                + ", elementwise_affine=" + (weight != null ? "True" : "False") + ")";
    }
}
