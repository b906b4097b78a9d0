package jgrad.tensor.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import jgrad.engine.Value;
import jgrad.nn.Losses;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.tensor.TensorGradCheck;
import org.junit.jupiter.api.Test;

/**
 * The functional losses and activations: gradients by finite differences, values and gradients
 * against the scalar engine's {@link Losses} where it has the loss, and against plain-double
 * formulas (or Python's {@code math.erf}) where it has not.
 */
class FunctionalTest {
    private static final double GRAD_TOL = 1e-6;

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(DType.FLOAT64, new Random(seed), shape);
    }

    private static Tensor t64(double[] data, int... shape) {
        return Tensor.of(DType.FLOAT64, data, shape);
    }

    private static void gradOk(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertThat(TensorGradCheck.maxError(f, inputs)).as(what).isLessThan(GRAD_TOL);
    }

    // ---------------------------------------------------------------- finite differences

    @Test
    void everyLossPassesTheGradientCheckForEveryReduction() {
        Tensor logits = randn(1, 4, 5);
        int[] classes = {0, 4, 2, 2};
        Tensor target = randn(2, 4, 5);
        Tensor probs = Tensor.rand(DType.FLOAT64, new Random(3), 4, 5);
        Tensor signs = t64(new double[] {1, -1, -1, 1}, 4, 1);
        for (Reduction r : Reduction.values()) {
            gradOk("mse " + r, x -> Functional.mse(x[0], x[1], r), logits, target);
            gradOk("l1 " + r, x -> Functional.l1(x[0], x[1], r), logits, target);
            // deltas chosen so that both sides of the kink are visited, never the kink itself
            gradOk("huber 0.7 " + r, x -> Functional.huber(x[0], x[1], 0.7, r), logits, target);
            gradOk("huber 3 " + r, x -> Functional.huber(x[0], x[1], 3, r), logits, target);
            gradOk("crossEntropy " + r, x -> Functional.crossEntropy(x[0], classes, r), logits);
            gradOk("nll " + r, x -> Functional.nll(Functional.logSoftmax(x[0], 1), classes, r), logits);
            gradOk("bceWithLogits " + r, x -> Functional.bceWithLogits(x[0], probs, r), logits);
            gradOk("maxMargin " + r, x -> Functional.maxMargin(x[0], signs, r), randn(4, 4, 1).mul(3));
        }
        gradOk("bceWithLogits target", x -> Functional.bceWithLogits(logits, x[0]), probs);
    }

    @Test
    void activationsPassTheGradientCheck() {
        Tensor x = randn(5, 3, 4).mul(2);
        gradOk("gelu", v -> Functional.gelu(v[0]), x);
        gradOk("tanh", v -> Functional.tanh(v[0]), x);
        gradOk("sigmoid", v -> Functional.sigmoid(v[0]), x);
        gradOk("relu", v -> Functional.relu(v[0]), x);
        gradOk("softmax", v -> Functional.softmax(v[0], 0), x);
        gradOk("logSoftmax", v -> Functional.logSoftmax(v[0], -1), x);
    }

    // ---------------------------------------------------------------- against the scalar engine

    private static List<Value> leaves(double[] xs) {
        List<Value> out = new ArrayList<>();
        for (double x : xs) {
            out.add(Value.of(x));
        }
        return out;
    }

    private static double[] grads(List<Value> vs) {
        double[] g = new double[vs.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = vs.get(i).grad();
        }
        return g;
    }

    /** Loss value and gradient of both engines agree to 1e-12. */
    private static void agree(Tensor tensorLoss, Tensor leaf, Value scalarLoss, List<Value> scalarLeaves) {
        tensorLoss.backward();
        scalarLoss.backward();
        assertThat(tensorLoss.item()).isCloseTo(scalarLoss.data(), within(1e-12));
        assertThat(leaf.grad().toDoubleArray()).containsExactly(grads(scalarLeaves), within(1e-12));
    }

    @Test
    void mseMatchesTheScalarEngineSummedAndAveraged() {
        double[] p = randn(10, 6).toDoubleArray(), y = randn(11, 6).toDoubleArray();
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            Tensor pred = t64(p, 6).requiresGrad(true);
            List<Value> sp = leaves(p);
            agree(Functional.mse(pred, t64(y, 6), r), pred,
                    Losses.mse(sp, y, r == Reduction.SUM ? Losses.Reduction.SUM : Losses.Reduction.MEAN), sp);
        }
    }

    @Test
    void maxMarginMatchesTheScalarEngine() {
        double[] s = randn(12, 8).mul(2).toDoubleArray();
        double[] y = {1, -1, 1, 1, -1, -1, 1, -1};
        Tensor scores = t64(s, 8, 1).requiresGrad(true);
        List<Value> ss = leaves(s);
        agree(Functional.maxMargin(scores, t64(y, 8, 1)), scores, Losses.maxMargin(ss, y), ss);
    }

    @Test
    void bceWithLogitsMatchesTheScalarEngine() {
        double[] x = randn(13, 7).mul(4).toDoubleArray();
        double[] y = {1, 0, 0.25, 1, 0, 0.5, 1};
        Tensor logits = t64(x, 7).requiresGrad(true);
        List<Value> sx = leaves(x);
        agree(Functional.bceWithLogits(logits, t64(y, 7)), logits, Losses.bceWithLogits(sx, y), sx);
    }

    @Test
    void crossEntropyMatchesTheScalarEngine() {
        int n = 5, c = 4;
        double[] x = randn(14, n, c).mul(3).toDoubleArray();
        int[] classes = {3, 0, 1, 3, 2};
        Tensor logits = t64(x, n, c).requiresGrad(true);
        List<List<Value>> rows = new ArrayList<>();
        List<Value> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Value> row = new ArrayList<>();
            for (int j = 0; j < c; j++) {
                row.add(Value.of(x[i * c + j]));
            }
            rows.add(row);
            all.addAll(row);
        }
        agree(Functional.crossEntropy(logits, classes), logits, Losses.crossEntropy(rows, classes), all);
    }

    // ---------------------------------------------------------------- against plain formulas

    @Test
    void l1HuberAndNllByHand() {
        double[] p = {0.5, -2, 3, 0.1}, y = {0, 0, 1, 0.1};
        double l1 = (0.5 + 2 + 2 + 0) / 4;
        assertThat(Functional.l1(t64(p, 4), t64(y, 4)).item()).isCloseTo(l1, within(1e-15));
        assertThat(Functional.l1(t64(p, 4), t64(y, 4), Reduction.SUM).item()).isCloseTo(4.5, within(1e-15));
        // huber with delta 1: 0.5·0.25, 1·(2 - 0.5), 1·(2 - 0.5), 0
        double huber = (0.125 + 1.5 + 1.5 + 0) / 4;
        assertThat(Functional.huber(t64(p, 4), t64(y, 4)).item()).isCloseTo(huber, within(1e-15));
        // delta 2.5: every |d| is below, so it is half the squared error
        double half = 0.5 * (0.25 + 4 + 4) / 4;
        assertThat(Functional.huber(t64(p, 4), t64(y, 4), 2.5).item()).isCloseTo(half, within(1e-15));
        assertThat(Functional.huber(t64(p, 4), t64(y, 4), 1, Reduction.NONE).toDoubleArray())
                .containsExactly(new double[] {0.125, 1.5, 1.5, 0}, within(1e-15));

        double[] logProbs = {Math.log(0.2), Math.log(0.8), Math.log(0.6), Math.log(0.4)};
        Tensor lp = t64(logProbs, 2, 2);
        assertThat(Functional.nll(lp, 1, 0).item()).isCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, within(1e-15));
        assertThat(Functional.nll(lp, new int[] {1, 0}, Reduction.NONE).toDoubleArray())
                .containsExactly(new double[] {-Math.log(0.8), -Math.log(0.6)}, within(1e-15));
    }

    @Test
    void huberGradientIsTheClippedError() {
        Tensor p = t64(new double[] {0.5, -2, 3}, 3).requiresGrad(true);
        Functional.huber(p, t64(new double[] {0, 0, 0}, 3), 1, Reduction.SUM).backward();
        assertThat(p.grad().toDoubleArray()).containsExactly(new double[] {0.5, -1, 1}, within(1e-15));
    }

    @Test
    void crossEntropyIsNllOfLogSoftmaxAndReductionsAgree() {
        Tensor x = randn(20, 3, 5);
        int[] t = {4, 0, 2};
        double ce = Functional.crossEntropy(x, t).item();
        // -mean_n (x[n,t] - log Σ_j e^x[n,j]), in plain doubles
        double[] d = x.toDoubleArray();
        double sum = 0;
        for (int n = 0; n < 3; n++) {
            double z = 0;
            for (int j = 0; j < 5; j++) {
                z += Math.exp(d[n * 5 + j]);
            }
            sum += Math.log(z) - d[n * 5 + t[n]];
        }
        assertThat(ce).isCloseTo(sum / 3, within(1e-12));
        assertThat(Functional.crossEntropy(x, t, Reduction.SUM).item()).isCloseTo(sum, within(1e-12));
        assertThat(Functional.crossEntropy(x, t, Reduction.NONE).shape().toArray()).containsExactly(3);
        assertThat(Functional.nll(Functional.logSoftmax(x, 1), t).item()).isEqualTo(ce);
    }

    @Test
    void int64TargetsGiveTheSameLossAndGradientAsAnIntArray() {
        Tensor x = randn(21, 4, 3);
        int[] t = {2, 0, 1, 2};
        Tensor t64 = Tensor.of(new long[] {2, 0, 1, 2}, 4);
        for (Reduction r : Reduction.values()) {
            assertThat(Functional.crossEntropy(x, t64, r).toDoubleArray())
                    .containsExactly(Functional.crossEntropy(x, t, r).toDoubleArray());
            assertThat(Functional.nll(x, t64, r).toDoubleArray()).containsExactly(Functional.nll(x, t, r).toDoubleArray());
            gradOk("crossEntropy int64 " + r, v -> Functional.crossEntropy(v[0], t64, r), x);
        }
        assertThatThrownBy(() -> Functional.crossEntropy(x, Tensor.of(new double[] {2, 0, 1, 2}, 4)))
                .hasMessageContaining("crossEntropy").hasMessageContaining("int64").hasMessageContaining("float64");
        assertThatThrownBy(() -> Functional.crossEntropy(x, Tensor.of(new long[] {2, 0, 1, 3}, 4)))
                .hasMessageContaining("target 3 at row 3");
        assertThatThrownBy(() -> Functional.nll(x, Tensor.of(new long[] {0, 1}, 2)))
                .hasMessageContaining("2 targets for 4 rows");
    }

    @Test
    void geluIsTheTanhFormAndCloseToTheExactErfForm() {
        double[] xs = {-3, -1, -0.5, 0.5, 1, 2};
        // x·Φ(x) from Python's math.erf: 0.5·x·(1 + erf(x/√2))
        double[] exact = {-0.00404969409489031, -0.15865525393145707, -0.15426876936299344,
            0.34573123063700656, 0.8413447460685429, 1.9544997361036416};
        double[] got = Functional.gelu(t64(xs, 6)).toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            double tanhForm = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertThat(got[i]).isCloseTo(tanhForm, within(1e-15));
            assertThat(got[i]).isCloseTo(exact[i], within(5e-4));
        }
    }

    @Test
    void float32StaysFloat32() {
        Tensor x = Tensor.randn(new Random(7), 3, 4);
        assertThat(Functional.crossEntropy(x, 0, 1, 3).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Functional.huber(x, Tensor.zeros(3, 4)).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Functional.gelu(x).dtype()).isEqualTo(DType.FLOAT32);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badInputIsNamed() {
        Tensor x = randn(30, 2, 3);
        assertThatThrownBy(() -> Functional.crossEntropy(x, 0, 3)).hasMessageContaining("crossEntropy: target 3");
        assertThatThrownBy(() -> Functional.crossEntropy(x.sum(0), 0)).hasMessageContaining("[N, C]");
        assertThatThrownBy(() -> Functional.nll(x, 0)).hasMessageContaining("nll: 1 targets")
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Functional.huber(x, x, 0)).hasMessageContaining("huber: delta");
        assertThatThrownBy(() -> Functional.bceWithLogits(x.sum(0), x))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bceWithLogits");
        assertThatThrownBy(() -> Functional.mse(x, x, null)).hasMessageContaining("reduction");
    }
}
