package jgrad.tensor;

import java.util.Random;
import java.util.function.Function;

/**
 * A numerical gradient check for tensor functions, as PyTorch's {@code gradcheck}: the gradients
 * that {@link Tensor#backward()} computes are compared with central differences
 * {@code (L(x+h) - L(x-h)) / 2h}, in float64. A non-scalar output is reduced to
 * {@code L = Σ out·w} with fixed pseudo-random weights {@code w}, so every output element counts.
 *
 * <pre>{@code
 * double err = TensorGradCheck.maxError(x -> x[0].matmul(x[1]).tanh(),
 *         Tensor.randn(DType.FLOAT64, new Random(1), 2, 3), Tensor.randn(DType.FLOAT64, new Random(2), 3, 4));
 * // err is about 1e-10
 * }</pre>
 *
 * <p>Check away from kinks (relu at 0, ties of max) and domain edges.
 */
public final class TensorGradCheck {
    /** The default step for float64. */
    public static final double STEP = 1e-6;

    private TensorGradCheck() {
    }

    /**
     * The largest error over all input elements between backpropagated and numerical gradients,
     * each error being |analytic - numeric| / max(1, |numeric|).
     *
     * @param f the function, given float64 copies of {@code inputs} that require gradients
     * @param inputs the point to check at; they are not modified
     */
    public static double maxError(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] leaves = leaves(inputs);
        Tensor out = f.apply(leaves);
        Tensor w = Tensor.randn(DType.FLOAT64, new Random(12345), out.shape.toArray());
        Tensor loss = out.cast(DType.FLOAT64).mul(w).sum();
        loss.backward();
        double worst = 0;
        for (int i = 0; i < leaves.length; i++) {
            Tensor g = leaves[i].grad();
            for (int j = 0; j < leaves[i].numel(); j++) {
                double analytic = g == null ? 0 : g.getFlat(j);
                double numeric = (perturbed(f, inputs, w, i, j, STEP) - perturbed(f, inputs, w, i, j, -STEP))
                        / (2 * STEP);
                worst = Math.max(worst, Math.abs(analytic - numeric) / Math.max(1, Math.abs(numeric)));
            }
        }
        return worst;
    }

    private static double perturbed(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor w, int i, int j,
                                     double h) {
        try (NoGrad scope = Tensor.noGrad()) {
            Tensor[] x = leaves(inputs);
            x[i].setFlat(j, x[i].getFlat(j) + h);
            return f.apply(x).cast(DType.FLOAT64).mul(w).sum().item();
        }
    }

    private static Tensor[] leaves(Tensor[] inputs) {
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = Tensor.of(inputs[i].toDoubleArray(), inputs[i].shape.toArray()).requiresGrad(true);
        }
        return out;
    }
}
