package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.tensor.TensorGradCheck;
import org.junit.jupiter.api.Test;

/** Every layer's backward pass against central differences in float64, over inputs and parameters. */
class LayersGradCheckTest {
    private static final double TOL = 1e-6;

    private static Tensor x(long seed, int... shape) {
        return Tensor.randn(DType.FLOAT64, new Random(seed), shape);
    }

    private static void check(TensorModule m, Tensor x) {
        assertThat(ModuleGradCheck.input(m, x)).as(m + " input").isLessThan(TOL);
        assertThat(ModuleGradCheck.parameters(m, x)).as(m + " parameters").isLessThan(TOL);
    }

    @Test
    void conv2dWithStridePaddingAndOddSizes() {
        check(new Conv2d(2, 3, 3, 3, 1, 1, 0, 0, true, DType.FLOAT64, new Random(1)), x(2, 2, 2, 5, 6));
        check(new Conv2d(3, 2, 3, 2, 2, 1, 1, 2, true, DType.FLOAT64, new Random(3)), x(4, 2, 3, 7, 5));
        check(new Conv2d(1, 2, 2, 2, 3, 3, 1, 0, false, DType.FLOAT64, new Random(5)), x(6, 3, 1, 8, 7));
    }

    @Test
    void pooling() {
        // distinct values, so that no window has a tie and the difference quotient is defined
        check(new MaxPool2d(2), x(7, 2, 3, 6, 6));
        check(new MaxPool2d(3, 3, 2, 1, 1, 1), x(8, 1, 2, 7, 5));
        check(new AvgPool2d(2), x(9, 2, 2, 5, 4));
        check(new AvgPool2d(3, 2, 1), x(10, 1, 3, 6, 7));
    }

    @Test
    void normalisation() {
        LayerNorm ln = new LayerNorm(new int[] {4}, 1e-5, true, DType.FLOAT64);
        perturb(ln, 11);
        check(ln, x(12, 3, 4));
        LayerNorm ln2 = new LayerNorm(new int[] {3, 5}, 1e-5, true, DType.FLOAT64);
        perturb(ln2, 13);
        check(ln2, x(14, 2, 3, 5));
        check(new LayerNorm(new int[] {6}, 1e-3, false, DType.FLOAT64), x(15, 5, 6));

        BatchNorm1d bn1 = new BatchNorm1d(3, 1e-5, 0.1, true, DType.FLOAT64);
        perturb(bn1, 16);
        check(bn1, x(17, 5, 3));
        check(bn1, x(18, 4, 3, 2));
        bn1.train(false);
        check(bn1, x(19, 4, 3));
        BatchNorm2d bn2 = new BatchNorm2d(2, 1e-5, 0.1, true, DType.FLOAT64);
        perturb(bn2, 20);
        check(bn2, x(21, 3, 2, 3, 4));
        bn2.train(false);
        check(bn2, x(22, 3, 2, 3, 4));
    }

    @Test
    void embeddingFlattenSoftmaxDropout() {
        Embedding emb = new Embedding(5, 3, DType.FLOAT64, new Random(23));
        int[] idx = {4, 0, 4, 2, 2, 2};
        assertThat(ModuleGradCheck.parameters(
                wrap(x -> emb.forward(idx, 2, 3), emb), Tensor.zeros(DType.FLOAT64, 1))).isLessThan(TOL);
        check(new Flatten(), x(24, 2, 3, 2));
        check(new Softmax(1), x(25, 3, 4, 2));
        assertThat(TensorGradCheck.maxError(in -> new Dropout(0.4, 26).forward(in[0]), x(27, 4, 5)))
                .isLessThan(TOL);
    }

    @Test
    void aLeNetStackEndToEnd() {
        Random rng = new Random(28);
        Sequential net = new Sequential(new Conv2d(1, 2, 3, 1, 1, DType.FLOAT64, rng), Activation.TANH,
                new MaxPool2d(2), new Conv2d(2, 3, 2, 1, 0, DType.FLOAT64, rng), Activation.RELU,
                new AvgPool2d(2), new Flatten(), new Linear(3 * 1 * 1, 4, DType.FLOAT64, Init.PYTORCH_DEFAULT, rng));
        check(net, x(29, 2, 1, 6, 6));
    }

    /** Moves weight and bias away from ones and zeros, so that their gradients matter. */
    private static void perturb(TensorModule m, long seed) {
        Random rng = new Random(seed);
        for (Tensor p : m.parameters()) {
            p.copyFrom(Tensor.randn(DType.FLOAT64, rng, p.shape().toArray()));
        }
    }

    private static TensorModule wrap(java.util.function.Function<Tensor, Tensor> f, TensorModule params) {
        return new TensorModule() {
            @Override public Tensor forward(Tensor x) {
                return f.apply(x);
            }

            @Override public java.util.Map<String, Tensor> namedParameters() {
                return params.namedParameters();
            }
        };
    }
}
