package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.optim.Adam;
import jgrad.optim.AdamW;
import jgrad.optim.Optimizer;
import jgrad.optim.ParameterGroup;
import jgrad.optim.SGD;
import jgrad.tensor.DType;
import jgrad.tensor.NoGrad;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import jgrad.tensor.functional.Functional;

/** Tensor models that really learn, with the optimizers shared with the scalar engine. */
class LearningTest {

    private static Tensor features(Dataset d) {
        double[] flat = new double[d.size() * d.featureCount()];
        for (int i = 0; i < d.size(); i++) {
            System.arraycopy(d.features(i), 0, flat, i * d.featureCount(), d.featureCount());
        }
        return Tensor.of(DType.FLOAT32, flat, d.size(), d.featureCount());
    }

    private static double accuracy(Tensor logits, int[] labels) {
        try (NoGrad scope = Tensor.noGrad()) {
            Tensor predicted = logits.argmax(1, false);
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                correct += predicted.get(i) == labels[i] ? 1 : 0;
            }
            return (double) correct / labels.length;
        }
    }

    @Test
    void anMlpLearnsTheFiveClassSpiral() {
        Dataset spiral = Datasets.spiral(500, 5, 0.2, new Random(0));
        Tensor x = features(spiral);
        int[] y = spiral.labels();
        MLP model = new MLP(new Random(1), DType.FLOAT32, 2, 64, 64, 5);
        Optimizer adam = new Adam(ParameterGroup.of(model.parameters()), 0.01, 0.9, 0.999, 1e-8, 0);
        double first = 0, last = 0;
        for (int step = 0; step < 400; step++) {
            adam.zeroGrad();
            Tensor loss = Functional.crossEntropy(model.forward(x), y);
            loss.backward();
            adam.step();
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        assertThat(first).isGreaterThan(1.3);     // about ln 5 = 1.61 at the start
        assertThat(last).isLessThan(0.25);
        assertThat(accuracy(model.forward(x), y)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void mnistShapedTrainingRunsEndToEnd() {
        // synthetic "digits": 10 random prototype images, samples = prototype + noise
        Random rng = new Random(7);
        Tensor prototypes = Tensor.rand(DType.FLOAT32, rng, 10, 784);
        int n = 256;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        Tensor images = prototypes.indexSelect(0, labels).add(Tensor.randn(DType.FLOAT32, rng, n, 784).mul(0.3));
        MLP model = new MLP(new Random(3), DType.FLOAT32, 784, 128, 10);
        Optimizer opt = new AdamW(ParameterGroup.of(model.parameters()), 1e-3, 0.9, 0.999, 1e-8, 0.01);
        double first = Double.NaN, last = Double.NaN;
        int batch = 32;
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int start = 0; start < n; start += batch) {
                Tensor xb = images.slice(0, start, start + batch);
                int[] yb = java.util.Arrays.copyOfRange(labels, start, start + batch);
                opt.zeroGrad();
                Tensor loss = Functional.crossEntropy(model.forward(xb), yb);
                loss.backward();
                opt.step();
                first = Double.isNaN(first) ? loss.item() : first;
                last = loss.item();
            }
        }
        assertThat(model.parameterCount()).isEqualTo(784 * 128 + 128 + 128 * 10 + 10);
        assertThat(last).isLessThan(first / 4);
        assertThat(accuracy(model.forward(images), labels)).isGreaterThan(0.9);
    }

    @Test
    void sgdWithMomentumMatchesTheUpdateRuleOnATensor() {
        Tensor w = Tensor.of(new double[] {1, -2}, 2).requiresGrad(true);
        SGD sgd = new SGD(ParameterGroup.of(java.util.List.of(w)), 0.1, 0.9, 0);
        for (int t = 0; t < 2; t++) {
            sgd.zeroGrad();
            w.mul(w).sum().backward();      // grad = 2w
            sgd.step();
        }
        // t=1: b = 2w0 = [2, -4], w1 = [0.8, -1.6]; t=2: g = [1.6, -3.2], b = 0.9·b + g = [3.4, -6.8],
        // w2 = w1 - 0.1·b = [0.46, -0.92]
        assertThat(w.toDoubleArray()).usingComparatorWithPrecision(1e-12).containsExactly(0.46, -0.92);
    }
}
