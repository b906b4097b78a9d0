package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;
import jgrad.tensor.functional.Functional;

/** Values computed by hand, API behaviour, and the error messages. */
class TensorTest {

    private static Tensor t64(double[] data, int... shape) {
        return Tensor.of(data, shape);
    }

    @Test
    void shapeIsAValueWithBracketedText() {
        assertThat(Shape.of(2, 3)).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
        assertThat(Shape.of(2, 3)).isNotEqualTo(Shape.of(3, 2));
        assertThat(Shape.of(2, 3).toString()).isEqualTo("[2, 3]");
        assertThat(Shape.scalar().numel()).isEqualTo(1);
        assertThat(Shape.of(4, 0, 2).numel()).isZero();
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        assertThat(s.dim(0)).isEqualTo(2);
        assertThat(s.dim(-1)).isEqualTo(3);
        assertThatThrownBy(() -> Shape.of(2, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, -1]");
        assertThatThrownBy(() -> s.dim(2)).hasMessageContaining("axis 2").hasMessageContaining("[2, 3]");
    }

    @Test
    void addScaledInPlaceIsAnSgdStep() {
        Tensor w32 = Tensor.of(new float[] {1, 2, 3}, 3);
        assertThat(w32.addScaledInPlace(-0.5, Tensor.of(new float[] {2, 4, -2}, 3))).isSameAs(w32);
        assertThat(w32.toDoubleArray()).containsExactly(0, 0, 4);   // 1-1, 2-2, 3+1
        Tensor w64 = t64(new double[] {1, 2}, 2).addScaledInPlace(0.25, t64(new double[] {4, 8}, 2));
        assertThat(w64.toDoubleArray()).containsExactly(2, 4);
        assertThatThrownBy(() -> w32.addScaledInPlace(1, Tensor.ones(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addScaledInPlace")
                .hasMessageContaining("[2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> w32.addScaledInPlace(1, Tensor.ones(DType.FLOAT64, 3)))
                .hasMessageContaining("float64");
    }

    @Test
    void creation() {
        assertThat(Tensor.of(new float[] {1, 2}, 2).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.of(new double[] {1, 2}, 2).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.zeros(2, 3).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.ones(DType.FLOAT64, 2).toDoubleArray()).containsExactly(1, 1);
        assertThat(Tensor.full(2.5, 3).toDoubleArray()).containsExactly(2.5, 2.5, 2.5);
        assertThat(Tensor.arange(4).toDoubleArray()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.arange(DType.FLOAT64, 1, 2, 0.25).toDoubleArray()).containsExactly(1, 1.25, 1.5, 1.75);
        assertThat(Tensor.eye(3).toDoubleArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(Tensor.scalar(3).rank()).isZero();
        assertThat(Tensor.scalar(3).item()).isEqualTo(3);
        double[] data = {1, 2, 3};
        Tensor t = t64(data, 3);
        data[0] = 7;
        assertThat(t.get(0)).isEqualTo(1);     // copied in
        assertThat(Tensor.rand(new Random(5), 2, 2).toDoubleArray()).isEqualTo(Tensor.rand(new Random(5), 2, 2).toDoubleArray());
        Random rng = new Random(3);
        Tensor r = Tensor.randn(DType.FLOAT64, rng, 1000);
        assertThat(r.mean().item()).isCloseTo(0, within(0.15));
        Random rng2 = new Random(3);
        assertThat(r.get(0)).isEqualTo(rng2.nextGaussian());
        assertThatThrownBy(() -> Tensor.of(new double[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 2]").hasMessageContaining("3");
    }

    @Test
    void elementwiseValuesByHand() {
        Tensor a = t64(new double[] {1, -2, 3}, 3);
        Tensor b = t64(new double[] {4, 5, -6}, 3);
        assertThat(a.add(b).toDoubleArray()).containsExactly(5, 3, -3);
        assertThat(a.sub(b).toDoubleArray()).containsExactly(-3, -7, 9);
        assertThat(a.mul(b).toDoubleArray()).containsExactly(4, -10, -18);
        assertThat(a.div(b).toDoubleArray()).containsExactly(0.25, -0.4, -0.5);
        assertThat(a.neg().toDoubleArray()).containsExactly(-1, 2, -3);
        assertThat(a.pow(2).toDoubleArray()).containsExactly(1, 4, 9);
        assertThat(a.abs().toDoubleArray()).containsExactly(1, 2, 3);
        assertThat(a.relu().toDoubleArray()).containsExactly(1, 0, 3);
        assertThat(a.maximum(b).toDoubleArray()).containsExactly(4, 5, 3);
        assertThat(a.minimum(b).toDoubleArray()).containsExactly(1, -2, -6);
        assertThat(a.gt(b).toDoubleArray()).containsExactly(0, 0, 1);
        assertThat(a.lt(0).toDoubleArray()).containsExactly(0, 1, 0);
        assertThat(a.ge(1).toDoubleArray()).containsExactly(1, 0, 1);
        assertThat(a.le(1).toDoubleArray()).containsExactly(1, 1, 0);
        assertThat(a.eq(3).toDoubleArray()).containsExactly(0, 0, 1);
        assertThat(a.eq(b).toDoubleArray()).containsExactly(0, 0, 0);
        assertThat(t64(new double[] {4}, 1).sqrt().item()).isEqualTo(2);
        assertThat(t64(new double[] {0}, 1).exp().item()).isEqualTo(1);
        assertThat(t64(new double[] {Math.E}, 1).log().item()).isCloseTo(1, within(1e-15));
        assertThat(t64(new double[] {0, -1000, 1000}, 3).sigmoid().toDoubleArray()).containsExactly(0.5, 0, 1);
        assertThat(t64(new double[] {0.5}, 1).tanh().item()).isEqualTo(Math.tanh(0.5));
        assertThat(Tensor.where(a.gt(0), a, b).toDoubleArray()).containsExactly(1, 5, 3);
    }

    @Test
    void broadcastingFollowsNumpy() {
        Tensor col = t64(new double[] {1, 2}, 2, 1);
        Tensor row = t64(new double[] {10, 20, 30}, 3);
        Tensor sum = col.add(row);
        assertThat(sum.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(sum.toDoubleArray()).containsExactly(11, 21, 31, 12, 22, 32);
        assertThat(Shape.broadcast(Shape.of(8, 1, 6, 1), Shape.of(7, 1, 5), "add")).isEqualTo(Shape.of(8, 7, 6, 5));
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add").hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
    }

    @Test
    void mixingDtypesComputesInFloat64() {
        Tensor sum = Tensor.ones(2).add(Tensor.ones(DType.FLOAT64, 2));
        assertThat(sum.dtype()).isEqualTo(DType.FLOAT64);
        Tensor f = Tensor.of(new float[] {0.1f}, 1);
        assertThat(f.cast(DType.FLOAT64).item()).isEqualTo((double) 0.1f);
        // the cast is differentiable: the gradient comes back in the leaf's own dtype
        Tensor w = Tensor.of(new float[] {2, -3}, 2).requiresGrad(true);
        w.cast(DType.FLOAT64).mul(Tensor.of(new double[] {0.25, 4}, 2)).sum().backward();
        assertThat(w.grad().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(w.grad().toDoubleArray()).containsExactly(0.25, 4);
        Tensor v = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        v.mul(Tensor.of(new double[] {3}, 1)).sum().backward();    // promotion inserts the cast
        assertThat(v.grad().toDoubleArray()).containsExactly(3);
    }

    @Test
    void reductionsByHand() {
        Tensor x = t64(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertThat(x.sum().item()).isEqualTo(21);
        assertThat(x.sum(0).toDoubleArray()).containsExactly(5, 7, 9);
        assertThat(x.sum(1).toDoubleArray()).containsExactly(9, 12);
        assertThat(x.sum(new int[] {1}, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(x.mean().item()).isEqualTo(3.5);
        assertThat(x.mean(0).toDoubleArray()).containsExactly(2.5, 3.5, 4.5);
        assertThat(x.max().item()).isEqualTo(6);
        assertThat(x.max(1).toDoubleArray()).containsExactly(5, 6);
        assertThat(x.min(0).toDoubleArray()).containsExactly(1, 2, 3);
        assertThat(x.argmax(1, false).toDoubleArray()).containsExactly(1, 2);
        assertThat(x.argmax(0, true).shape()).isEqualTo(Shape.of(1, 3));
        assertThat(x.argmax().item()).isEqualTo(5);
        assertThat(Tensor.zeros(0, 3).sum().item()).isZero();
        assertThat(Tensor.zeros(0, 3).sum(0).toDoubleArray()).containsExactly(0, 0, 0);
        assertThatThrownBy(() -> Tensor.zeros(0, 3).mean()).hasMessageContaining("mean").hasMessageContaining("[0, 3]");
        assertThatThrownBy(() -> Tensor.zeros(0, 3).max(0)).hasMessageContaining("max").hasMessageContaining("size 0");
        assertThatThrownBy(() -> x.sum(0, -2)).hasMessageContaining("twice");
        assertThatThrownBy(() -> x.sum(2)).hasMessageContaining("axis 2").hasMessageContaining("[2, 3]");
    }

    @Test
    void maxSharesTheGradientOnTies() {
        Tensor x = t64(new double[] {3, 1, 3}, 3).requiresGrad(true);
        x.max().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0.5, 0, 0.5);
        Tensor a = t64(new double[] {2}, 1).requiresGrad(true);
        Tensor b = t64(new double[] {2}, 1).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertThat(a.grad().item()).isEqualTo(0.5);
        assertThat(b.grad().item()).isEqualTo(0.5);
    }

    @Test
    void movementByHand() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 6, 1).reshape(2, 3);
        assertThat(x.transpose(0, 1).toDoubleArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(x.reshape(3, -1).shape()).isEqualTo(Shape.of(3, 2));
        assertThat(x.slice(1, 1, 3).toDoubleArray()).containsExactly(1, 2, 4, 5);
        assertThat(x.indexSelect(0, 1, 1, 0).toDoubleArray()).containsExactly(3, 4, 5, 3, 4, 5, 0, 1, 2);
        assertThat(x.gather(1, Tensor.of(new long[] {2, 0}, 2, 1)).toDoubleArray()).containsExactly(2, 3);
        assertThat(Tensor.concat(0, x, x).shape()).isEqualTo(Shape.of(4, 3));
        assertThat(Tensor.concat(1, x, x).toDoubleArray()).containsExactly(0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5);
        assertThat(Tensor.stack(1, x, x).shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(Tensor.stack(1, x, x).toDoubleArray()).containsExactly(0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5);
        assertThat(x.expand(2, 2, 3).toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5);
        Tensor p = Tensor.arange(24).reshape(2, 3, 4).permute(2, 0, 1);
        assertThat(p.shape()).isEqualTo(Shape.of(4, 2, 3));
        assertThat(p.get(3, 1, 2)).isEqualTo(1 * 12 + 2 * 4 + 3);
        assertThatThrownBy(() -> x.reshape(4, 2)).hasMessageContaining("[2, 3]").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> x.slice(1, 2, 5)).hasMessageContaining("slice").hasMessageContaining("size 3");
        assertThatThrownBy(() -> x.permute(0, 0)).hasMessageContaining("permute");
        assertThatThrownBy(() -> x.expand(3, 3)).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 3]");
        assertThatThrownBy(() -> x.gather(1, Tensor.of(new long[] {3, 0}, 2, 1))).hasMessageContaining("gather");
        assertThatThrownBy(() -> Tensor.concat(0, x, Tensor.zeros(2, 2))).hasMessageContaining("[2, 3]").hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> x.indexSelect(1, 3)).hasMessageContaining("index 3");
    }

    @Test
    void matmulByHandAndItsErrors() {
        Tensor a = t64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = t64(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertThat(a.matmul(b).toDoubleArray()).containsExactly(58, 64, 139, 154);
        assertThat(a.matmul(t64(new double[] {1, 0, -1}, 3)).toDoubleArray()).containsExactly(-2, -2);
        assertThat(t64(new double[] {1, 1}, 2).matmul(a).toDoubleArray()).containsExactly(5, 7, 9);
        assertThat(t64(new double[] {1, 2}, 2).matmul(t64(new double[] {3, 4}, 2)).shape()).isEqualTo(Shape.scalar());
        Tensor batched = Tensor.ones(5, 1, 2, 3).matmul(Tensor.ones(7, 3, 4));
        assertThat(batched.shape()).isEqualTo(Shape.of(5, 7, 2, 4));
        assertThat(batched.max().item()).isEqualTo(3);
        assertThat(Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3)).toDoubleArray()).containsOnly(0).hasSize(6);
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: inner dimensions differ: [2, 3] @ [4, 5]");
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)))
                .hasMessageContaining("batch").hasMessageContaining("[2, 2, 3]").hasMessageContaining("[3, 3, 4]");
        assertThatThrownBy(() -> Tensor.scalar(1).matmul(Tensor.zeros(3))).hasMessageContaining("matmul");
    }

    @Test
    void linearIsMatmulWithTheTransposedWeightPlusBias() {
        Tensor x = Tensor.randn(new Random(1), 7, 5), w = Tensor.randn(new Random(2), 3, 5), b = Tensor.randn(new Random(3), 3);
        assertThat(x.linear(w, b).toFloatArray()).containsExactly(x.matmul(w.transpose(0, 1)).add(b).toFloatArray());
        assertThat(x.linear(w, null).toFloatArray()).containsExactly(x.matmul(w.transpose(0, 1)).toFloatArray());
        assertThat(Tensor.ones(2, 4, 5).linear(w, b).shape()).isEqualTo(Shape.of(2, 4, 3));
        assertThatThrownBy(() -> x.linear(Tensor.ones(3, 4), null))
                .hasMessageContaining("linear").hasMessageContaining("[7, 5]").hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> x.linear(w, Tensor.ones(2))).hasMessageContaining("bias [2]");
    }

    @Test
    void float32MatmulAgreesWithFloat64() {
        Tensor a = Tensor.randn(new Random(11), 7, 9), b = Tensor.randn(new Random(12), 9, 5);
        double[] f32 = a.matmul(b).toDoubleArray();
        double[] f64 = a.cast(DType.FLOAT64).matmul(b.cast(DType.FLOAT64)).toDoubleArray();
        for (int i = 0; i < f32.length; i++) {
            assertThat(f32[i]).isCloseTo(f64[i], within(1e-5));
        }
    }

    @Test
    void softmaxAndLossesByHand() {
        Tensor x = t64(new double[] {1, 2, 3, 1000, 1000, 1000}, 2, 3);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(x.softmax(1).toDoubleArray()).containsExactly(
                new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z, 1 / 3.0, 1 / 3.0, 1 / 3.0},
                within(1e-15));
        assertThat(x.logSoftmax(1).get(1, 0)).isCloseTo(-Math.log(3), within(1e-12));
        double ce = -((1 - Math.log(z)) + (-Math.log(3))) / 2;
        assertThat(Functional.crossEntropy(x, 0, 2).item()).isCloseTo(ce, within(1e-12));
        assertThat(Functional.mse(t64(new double[] {1, 2}, 2), t64(new double[] {0, 4}, 2)).item()).isEqualTo(2.5);
        double bce = -(Math.log(1 / (1 + Math.exp(-2))) + Math.log(1 - 1 / (1 + Math.exp(1)))) / 2;
        assertThat(Functional.bceWithLogits(t64(new double[] {2, -1}, 2), t64(new double[] {1, 0}, 2)).item())
                .isCloseTo(bce, within(1e-15));
        assertThat(Functional.bceWithLogits(t64(new double[] {-800, 800}, 2), t64(new double[] {1, 0}, 2)).item())
                .isEqualTo(800);
        assertThatThrownBy(() -> Functional.crossEntropy(x, 0, 3)).hasMessageContaining("target 3");
        assertThatThrownBy(() -> Functional.crossEntropy(x, 0)).hasMessageContaining("1 targets").hasMessageContaining("[2, 3]");
    }

    @Test
    void gradientsAccumulateUntilZeroGrad() {
        Tensor w = t64(new double[] {2, 3}, 2).requiresGrad(true);
        Tensor x = t64(new double[] {5, 7}, 2);
        w.mul(x).sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(5, 7);
        assertThat(x.grad()).isNull();
        w.mul(x).sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(10, 14);
        w.zeroGrad();
        assertThat(w.grad().toDoubleArray()).containsExactly(0, 0);
        // a = 3, b = a + a: db/da = 2 (the lecture's reason for +=)
        Tensor a = t64(new double[] {3}, 1).requiresGrad(true);
        a.add(a).sum().backward();
        assertThat(a.grad().item()).isEqualTo(2);
    }

    @Test
    void backwardWithAGradientIsAVectorJacobianProduct() {
        Tensor x = t64(new double[] {1, 2, 3}, 3).requiresGrad(true);
        x.mul(x).backward(t64(new double[] {1, 10, 100}, 3));
        assertThat(x.grad().toDoubleArray()).containsExactly(2, 40, 600);
        assertThatThrownBy(() -> x.mul(x).backward()).hasMessageContaining("[3]").hasMessageContaining("backward(gradient)");
        assertThatThrownBy(() -> x.mul(x).backward(Tensor.ones(2))).hasMessageContaining("[2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Tensor.ones(1).backward()).hasMessageContaining("requiresGrad");
    }

    @Test
    void noGradAndDetachRecordNothing() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        try (NoGrad scope = Tensor.noGrad()) {
            assertThat(NoGrad.isRecording()).isFalse();
            assertThat(w.mul(2).requiresGrad()).isFalse();
            try (NoGrad inner = Tensor.noGrad()) {
                assertThat(w.exp().requiresGrad()).isFalse();
            }
            assertThat(NoGrad.isRecording()).isFalse();
        }
        assertThat(NoGrad.isRecording()).isTrue();
        Tensor y = w.mul(2);
        assertThat(y.requiresGrad()).isTrue();
        assertThat(y.isLeaf()).isFalse();
        assertThat(y.detach().requiresGrad()).isFalse();
        assertThat(y.detach().isLeaf()).isTrue();
        assertThatThrownBy(() -> y.requiresGrad(false)).hasMessageContaining("detach()");
    }

    @Test
    void aMillionLongChainBackpropagatesWithoutRecursion() {
        Tensor x = Tensor.scalar(DType.FLOAT64, 0.5).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 200_000; i++) {
            y = y.add(1.0);
        }
        y.backward();
        assertThat(x.grad().item()).isEqualTo(1);
        assertThat(y.item()).isEqualTo(200_000.5);
    }

    @Test
    void topologicalOrderIsDeterministicAndInputsFirst() {
        Tensor a = Tensor.ones(1).requiresGrad(true), b = Tensor.ones(1).requiresGrad(true);
        Tensor c = a.mul(b);
        Tensor d = c.add(a);
        Tensor[] topo = Autograd.topologicalOrder(d);
        assertThat(topo[topo.length - 1]).isSameAs(d);
        assertThat(topo[0]).isSameAs(a);
        assertThat(java.util.Arrays.asList(topo)).containsSubsequence(a, b, c, d);
    }

    @Test
    void anomalyModeNamesTheFirstOpThatMakesANaN() {
        Tensor x = t64(new double[] {1, -1}, 2);
        assertThat(Double.isNaN(x.log().get(1))).isTrue();           // IEEE by default
        try (jgrad.engine.AnomalyMode.Scope scope = jgrad.engine.AnomalyMode.scope()) {
            assertThatThrownBy(() -> x.log())
                    .isInstanceOf(TensorAnomalyException.class)
                    .hasMessage("anomaly mode: 'log' produced NaN in its output [2] at index [1] (inputs [2])");
            // a finite forward whose backward overflows: d sqrt(x)/dx at 0 is infinite
            Tensor z = t64(new double[] {4, 0}, 2).requiresGrad(true);
            Tensor y = z.sqrt().sum();
            assertThatThrownBy(y::backward).isInstanceOf(TensorAnomalyException.class)
                    .hasMessageContaining("'pow'").hasMessageContaining("gradient of input 0").hasMessageContaining("[1]");
        }
        assertThat(Double.isNaN(x.log().get(1))).isTrue();
    }

    @Test
    void conversions() {
        Tensor t = t64(new double[] {1.5, -2}, 2);
        assertThat(t.toFloatArray()).containsExactly(1.5f, -2f);
        Value[] v = t.toValues();
        assertThat(v[1].data()).isEqualTo(-2);
        assertThat(Tensor.fromValues(v, 2, 1).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(Tensor.fromValues(v, 2).toDoubleArray()).containsExactly(1.5, -2);
        t.set(9, 1);
        assertThat(t.get(1)).isEqualTo(9);
        assertThatThrownBy(() -> t.get(2)).hasMessageContaining("[2]");
        assertThatThrownBy(() -> t.item()).hasMessageContaining("[2]");
    }

    @Test
    void printsLikePytorch() {
        assertThat(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString())
                .isEqualTo("tensor([[1., 2.],\n        [3., 4.]])");
        assertThat(t64(new double[] {1.5, -0.25}, 2).toString())
                .isEqualTo("tensor([ 1.5000, -0.2500], dtype=float64)");
        assertThat(Tensor.scalar(2.5).toString()).isEqualTo("tensor(2.5000)");
        assertThat(t64(new double[] {1e-5, 1}, 2).toString()).isEqualTo("tensor([1.0000e-05, 1.0000e+00], dtype=float64)");
        assertThat(Tensor.zeros(0, 3).toString()).isEqualTo("tensor([], shape=[0, 3])");
        assertThat(Tensor.ones(2).requiresGrad(true).toString()).isEqualTo("tensor([1., 1.], requires_grad=true)");
        assertThat(Tensor.ones(2).requiresGrad(true).exp().toString()).endsWith(", grad_fn=<exp>)");
        assertThat(Tensor.arange(8).reshape(2, 2, 2).toString())
                .isEqualTo("tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])");
        String big = Tensor.arange(2000).reshape(40, 50).toString();
        assertThat(big).startsWith("tensor([[   0.,    1.,    2.,  ...,   47.,   48.,   49.],")
                .contains("...,\n").endsWith("shape=[40, 50])");
        assertThat(big.split("\n")).hasSize(7);
    }
}
