package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The float32 speed path against float64: forward values and gradients agree to float precision. */
class Float32AgreementTest {

    private static void agree(String name, Function<Tensor[], Tensor> f, int[]... shapes) {
        Random rng = new Random(name.hashCode());
        Tensor[] x64 = new Tensor[shapes.length], x32 = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            Tensor base = Tensor.randn(DType.FLOAT32, rng, shapes[i]).abs().add(0.5f);
            x32[i] = base.detach().requiresGrad(true);
            x64[i] = base.cast(DType.FLOAT64).detach().requiresGrad(true);
        }
        Tensor y32 = f.apply(x32), y64 = f.apply(x64);
        assertThat(y32.dtype()).as(name).isEqualTo(DType.FLOAT32);
        close(name + " forward", y32.toDoubleArray(), y64.toDoubleArray());
        y32.sum().backward();
        y64.sum().backward();
        for (int i = 0; i < shapes.length; i++) {
            close(name + " grad " + i, x32[i].grad().toDoubleArray(), x64[i].grad().toDoubleArray());
        }
    }

    private static void close(String what, double[] a, double[] b) {
        assertThat(a).as(what).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("%s [%d]: %s vs %s", what, i, a[i], b[i])
                    .isLessThanOrEqualTo(1e-5 * Math.max(1, Math.abs(b[i])));
        }
    }

    @Test
    void everyOpAgreesInFloat32() {
        int[] m = {4, 5}, row = {5};
        List.<Object[]>of(
                new Object[] {"add", (Function<Tensor[], Tensor>) x -> x[0].add(x[1])},
                new Object[] {"mul", (Function<Tensor[], Tensor>) x -> x[0].mul(x[1])},
                new Object[] {"div", (Function<Tensor[], Tensor>) x -> x[0].div(x[1])},
                new Object[] {"pow", (Function<Tensor[], Tensor>) x -> x[0].pow(x[1])},
                new Object[] {"maximum", (Function<Tensor[], Tensor>) x -> x[0].maximum(x[1].mul(1.1))},
                new Object[] {"unary chain", (Function<Tensor[], Tensor>) x -> x[0].log().exp().sqrt().tanh().sigmoid().relu()
                        .add(x[1].abs().pow(1.5))},
                new Object[] {"softmax", (Function<Tensor[], Tensor>) x -> x[0].softmax(1).mul(x[1])},
                new Object[] {"logSoftmax", (Function<Tensor[], Tensor>) x -> x[0].logSoftmax(0).mul(x[1])},
                // the fused float32 kernels (last axis) against float64's composition
                new Object[] {"logSoftmax last axis", (Function<Tensor[], Tensor>) x -> x[0].mul(3).logSoftmax(-1).mul(x[1])},
                new Object[] {"softmax 3-D", (Function<Tensor[], Tensor>) x -> x[0].reshape(2, 2, 5).softmax(2)
                        .reshape(4, 5).mul(x[1])},
                new Object[] {"activations both signs", (Function<Tensor[], Tensor>) x -> x[0].sub(1.2).relu()
                        .add(x[0].sub(1.2).tanh()).add(x[0].sub(1.2).mul(4).sigmoid()).mul(x[1])},
                new Object[] {"linear with bias", (Function<Tensor[], Tensor>) x -> x[0].linear(x[0].slice(0, 0, 3), x[1].slice(0, 0, 3))},
                new Object[] {"reductions", (Function<Tensor[], Tensor>) x -> x[0].max(0).add(x[0].mean(0)).add(x[1])},
                new Object[] {"matmul", (Function<Tensor[], Tensor>) x -> x[0].matmul(x[0].transpose(0, 1)).sum(1)
                        .unsqueeze(1).mul(x[1])})
                .forEach(op -> {
                    @SuppressWarnings("unchecked")
                    Function<Tensor[], Tensor> f = (Function<Tensor[], Tensor>) op[1];
                    agree((String) op[0], f, m, row);
                });
    }

    @Test
    void float32SoftmaxOverTheLastAxisIsOneFusedPrimitive() {
        Tensor x32 = Tensor.randn(DType.FLOAT32, new Random(5), 3, 4).requiresGrad(true);
        assertThat(x32.softmax(-1).gradFn().name()).isEqualTo("softmax");
        assertThat(x32.logSoftmax(1).gradFn().name()).isEqualTo("logSoftmax");
        assertThat(x32.softmax(0).gradFn().name()).as("other axes compose").isEqualTo("mul");
        assertThat(x32.cast(DType.FLOAT64).logSoftmax(1).gradFn().name()).as("float64 fuses too").isEqualTo("logSoftmax");
        assertThat(x32.cast(DType.FLOAT64).softmax(-1).gradFn().name()).isEqualTo("softmax");
        assertThat(x32.cast(DType.FLOAT64).logSoftmax(0).gradFn().name()).as("other axes compose").isEqualTo("add");
        // stable for logits near 1000 (e^1000 overflows): rows sum to 1 and match float64
        Tensor big = x32.detach().add(1000f);
        close("rows sum to 1", big.softmax(1).sum(1).toDoubleArray(), new double[] {1, 1, 1});
        // log-softmax subtracts max + log Σ (as PyTorch's kernel), rounded at the logits' scale:
        // ulp(1000) = 6.1e-5 in float32
        double[] fused = big.logSoftmax(1).toDoubleArray(), exact = big.cast(DType.FLOAT64).logSoftmax(1).toDoubleArray();
        for (int i = 0; i < fused.length; i++) {
            assertThat(fused[i]).as("large logits [%d]", i).isCloseTo(exact[i], org.assertj.core.data.Offset.offset(1.3e-4));
        }
    }

    /**
     * The fused float64 primitives against the float64 composition (the same function over axis 0
     * of the transpose, which does not fuse), forward and gradient of Σ y ⊙ G, to 1e-13.
     */
    @Test
    void float64FusedSoftmaxMatchesTheComposition() {
        Random rnd = new Random(17);
        for (int[] shape : new int[][] {{3, 4}, {5, 17}, {2, 33}, {1, 1}}) {
            Tensor g = Tensor.randn(DType.FLOAT64, rnd, shape);
            Tensor base = Tensor.randn(DType.FLOAT64, rnd, shape).mul(4);
            for (boolean log : new boolean[] {false, true}) {
                Tensor xf = base.detach().requiresGrad(true), xc = base.detach().requiresGrad(true);
                Tensor yf = log ? xf.logSoftmax(-1) : xf.softmax(-1);
                Tensor t = xc.transpose(0, 1);
                Tensor yc = (log ? t.logSoftmax(0) : t.softmax(0)).transpose(0, 1);
                assertThat(yf.gradFn().name()).isEqualTo(log ? "logSoftmax" : "softmax");
                assertThat(yc.gradFn().name()).isNotEqualTo(yf.gradFn().name());
                closeTo(1e-13, "forward " + log, yf.toDoubleArray(), yc.toDoubleArray());
                yf.mul(g).sum().backward();
                yc.mul(g).sum().backward();
                closeTo(1e-13, "grad " + log, xf.grad().toDoubleArray(), xc.grad().toDoubleArray());
            }
        }
    }

    private static void closeTo(double tol, String what, double[] a, double[] b) {
        assertThat(a).as(what).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("%s [%d]: %s vs %s", what, i, a[i], b[i])
                    .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(b[i])));
        }
    }
}
