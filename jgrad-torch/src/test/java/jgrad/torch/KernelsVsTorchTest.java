package jgrad.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.UnaryOperator;
import jgrad.tensor.kernel.Elementwise;
import jgrad.tensor.kernel.KernelParameters;
import jgrad.tensor.kernel.MatMul;
import jgrad.tensor.kernel.Reductions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * jgrad's float32 kernels against libtorch on seeded random inputs: matmul and its transposed
 * forms, elementwise ops, row softmax and log-softmax, and the backward helpers against libtorch's
 * autograd. Tolerances are float32's: a few ulps, or ~1e-5 relative to the size of the terms.
 */
class KernelsVsTorchTest {
    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    private static void assertClose(float[] actual, float[] expected, double atol, double rtol, String what) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            assertThat((double) actual[i]).as("%s at %d", what, i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tol));
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"1,1,1", "3,5,7", "17,33,65", "64,64,64", "128,784,256", "203,300,97", "0,4,5", "4,0,5"})
    void matmulAndTransposesMatchLibtorchMm(int m, int k, int n) {
        Random rnd = new Random(m * 1000L + k * 10L + n);
        float[] a = random(rnd, m * k), b = random(rnd, k * n), bt = random(rnd, n * k), at = random(rnd, k * m);
        Tensor ta = TorchArrays.tensor(a, m, k), tb = TorchArrays.tensor(b, k, n);
        Tensor tbt = TorchArrays.tensor(bt, n, k), tat = TorchArrays.tensor(at, k, m);
        double atol = 1e-5 * Math.sqrt(k) * 4;
        float[] c = new float[m * n];

        MatMul.mult(a, 0, b, 0, c, 0, m, k, n);
        assertClose(c, TorchArrays.floats(torch.mm(ta, tb)), atol, 1e-5, "A·B");
        MatMul.multTransB(a, 0, bt, 0, c, 0, m, k, n);
        assertClose(c, TorchArrays.floats(torch.mm(ta, tbt.t())), atol, 1e-5, "A·Bᵀ");
        MatMul.multTransA(at, 0, b, 0, c, 0, m, k, n);
        assertClose(c, TorchArrays.floats(torch.mm(tat.t(), tb)), atol, 1e-5, "Aᵀ·B");

        float[] acc = c.clone();
        MatMul.multAdd(a, 0, b, 0, acc, 0, m, k, n);
        Tensor expected = torch.mm(tat.t(), tb).add(torch.mm(ta, tb));
        assertClose(acc, TorchArrays.floats(expected), atol, 1e-5, "Aᵀ·B + A·B");
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"1", "15", "17", "1000", "65537"})
    void elementwiseMatchesLibtorch(int n) {
        Random rnd = new Random(n);
        float[] x = random(rnd, n), y = random(rnd, n), out = new float[n];
        Tensor tx = TorchArrays.tensor(x, n), ty = TorchArrays.tensor(y, n);
        Elementwise.add(x, 0, y, 0, out, 0, n);
        assertThat(out).containsExactly(TorchArrays.floats(tx.add(ty)));
        Elementwise.sub(x, 0, y, 0, out, 0, n);
        assertThat(out).containsExactly(TorchArrays.floats(tx.sub(ty)));
        Elementwise.mul(x, 0, y, 0, out, 0, n);
        assertThat(out).containsExactly(TorchArrays.floats(tx.mul(ty)));
        Elementwise.div(x, 0, y, 0, out, 0, n);
        assertClose(out, TorchArrays.floats(tx.div(ty)), 0, 2e-7, "div");
        Elementwise.relu(x, 0, out, 0, n);
        assertThat(out).containsExactly(TorchArrays.floats(torch.relu(tx)));
        Elementwise.exp(x, 0, out, 0, n);
        assertClose(out, TorchArrays.floats(torch.exp(tx)), 1e-30, 5e-7, "exp");
        Elementwise.tanh(x, 0, out, 0, n);
        assertClose(out, TorchArrays.floats(torch.tanh(tx)), 1e-7, 5e-7, "tanh");
        Elementwise.sigmoid(x, 0, out, 0, n);
        assertClose(out, TorchArrays.floats(torch.sigmoid(tx)), 1e-7, 5e-7, "sigmoid");
    }

    /** Σ g ⊙ f(x) backpropagated by libtorch: its x.grad() is what gradIn += ... must produce from 0. */
    private static float[] torchGrad(float[] x, float[] g, long[] shape, UnaryOperator<Tensor> f) {
        Tensor tx = TorchArrays.tensor(x, shape).requires_grad_(true);
        Tensor loss = torch.sum(f.apply(tx).mul(TorchArrays.tensor(g, shape)));
        loss.backward();
        return TorchArrays.floats(tx.grad());
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1,1", "3,7", "8,16", "5,33", "32,10", "4,1000"})
    void softmaxAndActivationGradientsMatchLibtorchAutograd(int rows, int cols) {
        Random rnd = new Random(rows * 31L + cols);
        int n = rows * cols;
        float[] x = random(rnd, n), g = random(rnd, n), y = new float[n];
        for (int i = 0; i < n; i += 3) {
            x[i] *= 10;   // some large logits
        }
        long[] shape = {rows, cols};
        Tensor tx = TorchArrays.tensor(x, shape);

        Reductions.softmaxRows(x, 0, rows, cols, y, 0);
        assertClose(y, TorchArrays.floats(torch.softmax(tx, 1)), 1e-7, 1e-5, "softmax");
        float[] grad = new float[n];
        Reductions.softmaxBackwardRows(y, 0, g, 0, grad, 0, rows, cols);
        assertClose(grad, torchGrad(x, g, shape, t -> torch.softmax(t, 1)), 1e-5, 1e-4, "softmax grad");

        Reductions.logSoftmaxRows(x, 0, rows, cols, y, 0);
        assertClose(y, TorchArrays.floats(torch.log_softmax(tx, 1)), 1e-5, 1e-5, "logSoftmax");
        grad = new float[n];
        Reductions.logSoftmaxBackwardRows(y, 0, g, 0, grad, 0, rows, cols);
        assertClose(grad, torchGrad(x, g, shape, t -> torch.log_softmax(t, 1)), 1e-5, 1e-4, "logSoftmax grad");

        Elementwise.tanh(x, 0, y, 0, n);
        grad = new float[n];
        Elementwise.tanhBackward(y, 0, g, 0, grad, 0, n);
        assertClose(grad, torchGrad(x, g, shape, torch::tanh), 1e-6, 1e-5, "tanh grad");

        Elementwise.sigmoid(x, 0, y, 0, n);
        grad = new float[n];
        Elementwise.sigmoidBackward(y, 0, g, 0, grad, 0, n);
        assertClose(grad, torchGrad(x, g, shape, torch::sigmoid), 1e-6, 1e-5, "sigmoid grad");

        grad = new float[n];
        Elementwise.reluBackward(x, 0, g, 0, grad, 0, n);
        assertThat(grad).containsExactly(torchGrad(x, g, shape, torch::relu));

        float[] sums = new float[rows], bias = new float[cols];
        Reductions.sumRows(x, 0, rows, cols, sums, 0);
        assertClose(sums, TorchArrays.floats(torch.sum(tx, new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional())), 1e-5, 1e-5, "sum rows");
        Reductions.sumColumns(x, 0, rows, cols, bias, 0, false);
        assertClose(bias, TorchArrays.floats(torch.sum(tx, new long[] {0}, false, new org.bytedeco.pytorch.ScalarTypeOptional())), 1e-5, 1e-5, "sum columns");
        assertThat(KernelParameters.threads()).isPositive();
    }
}
