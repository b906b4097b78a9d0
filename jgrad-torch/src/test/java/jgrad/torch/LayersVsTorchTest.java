package jgrad.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import jgrad.tensor.DType;
import jgrad.tensor.nn.Activation;
import jgrad.tensor.nn.AvgPool2d;
import jgrad.tensor.nn.BatchNorm1d;
import jgrad.tensor.nn.BatchNorm2d;
import jgrad.tensor.nn.Conv2d;
import jgrad.tensor.nn.Dropout;
import jgrad.tensor.nn.Embedding;
import jgrad.tensor.nn.Flatten;
import jgrad.tensor.nn.LayerNorm;
import jgrad.tensor.nn.MaxPool2d;
import jgrad.tensor.nn.Softmax;
import jgrad.tensor.nn.TensorModule;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every layer of {@code jgrad.tensor.nn} against libtorch's functional twin ({@code conv2d},
 * {@code max_pool2d}, {@code layer_norm}, {@code batch_norm}, ...) with the same weights: the
 * forward output, the input's gradient and every parameter's gradient of Σ y ⊙ G for a random G,
 * on seeded random inputs of several shapes (strides, padding, odd sizes), in float32 and float64;
 * BatchNorm in training mode (batch statistics, and the running statistics it leaves) and in
 * evaluation mode.
 */
class LayersVsTorchTest {

    private static double tol(DType dtype) {
        return dtype == DType.FLOAT32 ? 2e-4 : 1e-10;
    }

    private static void close(String what, double[] actual, double[] expected, double tol) {
        assertThat(actual).as(what + ": element count").hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertThat(err).as("%s [%d]: jgrad %s, libtorch %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(expected[i])));
        }
    }

    /**
     * Runs {@code m} on {@code x} and {@code torchOp} on (x, parameters in namedParameters order),
     * both from the same values; compares outputs and the gradients of x and of every parameter.
     */
    private static void compare(String name, DType dtype, TensorModule m, jgrad.tensor.Tensor x, boolean inputGrad,
                                Function<Tensor[], Tensor> torchOp) {
        Random rnd = new Random(name.hashCode() * 31L + dtype.ordinal());
        jgrad.tensor.Tensor jx = inputGrad ? x.detach().requiresGrad(true) : x;
        List<jgrad.tensor.Tensor> params = m.parameters();
        Tensor[] t = new Tensor[params.size() + 1];
        t[0] = TorchArrays.tensor(x);
        if (inputGrad) {
            t[0].requires_grad_(true);
        } else if (x.dtype() == DType.INT64) {
            t[0] = t[0].toType(torch.ScalarType.Long);
        }
        for (int i = 0; i < params.size(); i++) {
            t[i + 1] = TorchArrays.tensor(params.get(i)).requires_grad_(true);
        }
        m.zeroGrad();
        jgrad.tensor.Tensor jy = m.forward(jx);
        Tensor ty = torchOp.apply(t);
        long[] shape = TorchArrays.shape(ty);
        int[] jshape = jy.shape().toArray();
        assertThat(jshape.length).as(name + " rank").isEqualTo(shape.length);
        for (int i = 0; i < shape.length; i++) {
            assertThat((long) jshape[i]).as(name + " shape").isEqualTo(shape[i]);
        }
        close(name + " " + dtype + " forward", jy.toDoubleArray(), TorchArrays.doubles(ty), tol(dtype));
        double[] g = new double[jy.numel()];
        for (int j = 0; j < g.length; j++) {
            g[j] = rnd.nextGaussian();
        }
        jgrad.tensor.Tensor jg = jgrad.tensor.Tensor.of(dtype, g, jshape);
        jy.mul(jg).sum().backward();
        torch.sum(ty.mul(TorchArrays.tensor(jg))).backward();
        if (inputGrad) {
            close(name + " " + dtype + " input gradient", jx.grad().toDoubleArray(), TorchArrays.doubles(t[0].grad()),
                    tol(dtype));
        }
        for (int i = 0; i < params.size(); i++) {
            Tensor tg = t[i + 1].grad();
            close(name + " " + dtype + " gradient of parameter " + i, params.get(i).grad().toDoubleArray(),
                    TorchArrays.doubles(tg), tol(dtype));
        }
    }

    private static jgrad.tensor.Tensor randn(DType dt, long seed, int... shape) {
        return jgrad.tensor.Tensor.randn(dt, new Random(seed), shape);
    }

    private static TensorOptional opt(Tensor t) {
        return new TensorOptional(t);
    }

    private static void perturb(TensorModule m, long seed) {
        Random rng = new Random(seed);
        for (jgrad.tensor.Tensor p : m.parameters()) {
            p.copyFrom(jgrad.tensor.Tensor.randn(p.dtype(), rng, p.shape().toArray()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void conv2dWithStridesPaddingAndOddSizes(DType dt) {
        int[][] cases = {
            // n, c, h, w, out, kh, kw, sh, sw, ph, pw, bias
            {2, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 1},
            {3, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1},
            {2, 3, 9, 7, 4, 3, 2, 2, 3, 1, 0, 1},
            {1, 2, 6, 5, 3, 1, 1, 2, 1, 0, 0, 0},
            {4, 3, 11, 13, 5, 4, 3, 3, 2, 2, 1, 1},
        };
        for (int[] c : cases) {
            Conv2d conv = new Conv2d(c[1], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11] == 1, dt, new Random(c[2]));
            String name = "conv2d " + java.util.Arrays.toString(c);
            compare(name, dt, conv, randn(dt, c[3], c[0], c[1], c[2], c[3]), true,
                    t -> torch.conv2d(t[0], t[1], c[11] == 1 ? opt(t[2]) : new TensorOptional(),
                            new long[] {c[7], c[8]}, new long[] {c[9], c[10]}, new long[] {1, 1}, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void poolingFlattenAndSoftmax(DType dt) {
        int[][] cases = {
            // n, c, h, w, kh, kw, sh, sw, ph, pw
            {2, 3, 8, 8, 2, 2, 2, 2, 0, 0},
            {1, 2, 7, 9, 3, 3, 2, 2, 1, 1},
            {3, 1, 10, 5, 3, 2, 1, 2, 1, 0},
        };
        for (int[] c : cases) {
            jgrad.tensor.Tensor x = randn(dt, c[2] * 7L + c[3], c[0], c[1], c[2], c[3]);
            compare("max_pool2d " + java.util.Arrays.toString(c), dt, new MaxPool2d(c[4], c[5], c[6], c[7], c[8], c[9]),
                    x, true, t -> torch.max_pool2d(t[0], new long[] {c[4], c[5]}, new long[] {c[6], c[7]},
                            new long[] {c[8], c[9]}, new long[] {1, 1}, false));
            compare("avg_pool2d " + java.util.Arrays.toString(c), dt, new AvgPool2d(c[4], c[5], c[6], c[7], c[8], c[9]),
                    x, true, t -> torch.avg_pool2d(t[0], new long[] {c[4], c[5]}, new long[] {c[6], c[7]},
                            new long[] {c[8], c[9]}, false, true, new LongOptional()));
        }
        compare("flatten", dt, new Flatten(), randn(dt, 1, 2, 3, 4, 5), true, t -> torch.flatten(t[0], 1, -1));
        compare("softmax dim 1", dt, new Softmax(1), randn(dt, 2, 3, 5, 2), true,
                t -> torch.softmax(t[0], 1, new ScalarTypeOptional()));
        compare("softmax dim -1", dt, new Softmax(-1), randn(dt, 3, 4, 7), true,
                t -> torch.softmax(t[0], -1, new ScalarTypeOptional()));
        compare("relu", dt, Activation.RELU, randn(dt, 4, 5, 6), true, t -> torch.relu(t[0]));
        compare("tanh", dt, Activation.TANH, randn(dt, 5, 5, 6), true, t -> torch.tanh(t[0]));
        compare("sigmoid", dt, Activation.SIGMOID, randn(dt, 6, 5, 6), true, t -> torch.sigmoid(t[0]));
        compare("gelu tanh", dt, Activation.GELU, randn(dt, 7, 5, 6), true, t -> torch.gelu(t[0], "tanh"));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void layerNorm(DType dt) {
        LayerNorm ln = new LayerNorm(new int[] {200}, 1e-5, true, dt);
        perturb(ln, 1);
        compare("layer_norm [32, 200]", dt, ln, randn(dt, 2, 32, 200), true,
                t -> torch.layer_norm(t[0], new long[] {200}, opt(t[1]), opt(t[2]), 1e-5, false));
        LayerNorm ln2 = new LayerNorm(new int[] {3, 5}, 1e-3, true, dt);
        perturb(ln2, 3);
        compare("layer_norm [2, 4, 3, 5]", dt, ln2, randn(dt, 4, 2, 4, 3, 5), true,
                t -> torch.layer_norm(t[0], new long[] {3, 5}, opt(t[1]), opt(t[2]), 1e-3, false));
        compare("layer_norm no affine", dt, new LayerNorm(new int[] {7}, 1e-5, false, dt), randn(dt, 5, 3, 7), true,
                t -> torch.layer_norm(t[0], new long[] {7}, new TensorOptional(), new TensorOptional(), 1e-5, false));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void batchNormInTrainingAndEvaluation(DType dt) {
        BatchNorm2d bn = new BatchNorm2d(3, 1e-5, 0.1, true, dt);
        perturb(bn, 5);
        Tensor rm = torch.zeros(3).toType(dt == DType.FLOAT32 ? torch.ScalarType.Float : torch.ScalarType.Double);
        Tensor rv = torch.ones(3).toType(dt == DType.FLOAT32 ? torch.ScalarType.Float : torch.ScalarType.Double);
        for (int step = 0; step < 3; step++) {
            int[] shape = {4 + step, 3, 5, 7 - step};
            compare("batch_norm2d train step " + step, dt, bn, randn(dt, 10 + step, shape), true,
                    t -> torch.batch_norm(t[0], opt(t[1]), opt(t[2]), opt(rm), opt(rv), true, 0.1, 1e-5, false));
            close("running_mean " + dt, bn.runningMean().toDoubleArray(), TorchArrays.doubles(rm), tol(dt));
            close("running_var " + dt, bn.runningVar().toDoubleArray(), TorchArrays.doubles(rv), tol(dt));
        }
        bn.train(false);
        compare("batch_norm2d eval", dt, bn, randn(dt, 20, 2, 3, 4, 4), true,
                t -> torch.batch_norm(t[0], opt(t[1]), opt(t[2]), opt(rm), opt(rv), false, 0.1, 1e-5, false));

        BatchNorm1d bn1 = new BatchNorm1d(5, 1e-3, 0.3, true, dt);
        perturb(bn1, 6);
        Tensor rm1 = torch.zeros(5).toType(dt == DType.FLOAT32 ? torch.ScalarType.Float : torch.ScalarType.Double);
        Tensor rv1 = torch.ones(5).toType(dt == DType.FLOAT32 ? torch.ScalarType.Float : torch.ScalarType.Double);
        compare("batch_norm1d [N, C]", dt, bn1, randn(dt, 21, 32, 5), true,
                t -> torch.batch_norm(t[0], opt(t[1]), opt(t[2]), opt(rm1), opt(rv1), true, 0.3, 1e-3, false));
        compare("batch_norm1d [N, C, L]", dt, bn1, randn(dt, 22, 4, 5, 3), true,
                t -> torch.batch_norm(t[0], opt(t[1]), opt(t[2]), opt(rm1), opt(rv1), true, 0.3, 1e-3, false));
        close("running_var 1d " + dt, bn1.runningVar().toDoubleArray(), TorchArrays.doubles(rv1), tol(dt));
        bn1.train(false);
        compare("batch_norm1d eval", dt, bn1, randn(dt, 23, 6, 5), true,
                t -> torch.batch_norm(t[0], opt(t[1]), opt(t[2]), opt(rm1), opt(rv1), false, 0.3, 1e-3, false));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void embeddingOverInt64IndicesOfAnyShape(DType dt) {
        Embedding emb = new Embedding(27, 10, dt, new Random(7));
        Random rng = new Random(8);
        for (int[] shape : new int[][] {{32, 3}, {5}, {2, 3, 4}}) {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            long[] idx = new long[n];
            for (int i = 0; i < n; i++) {
                idx[i] = rng.nextInt(i % 3 == 0 ? 4 : 27);   // repeats, so rows accumulate
            }
            compare("embedding " + java.util.Arrays.toString(shape), dt, emb, jgrad.tensor.Tensor.of(idx, shape), false,
                    t -> torch.embedding(t[1], t[0]));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void dropoutEvalIsIdentityAndTrainScalesByOneOverOneMinusP(DType dt) {
        // the masks come from different generators, so compare jgrad's mask with the formula libtorch applies
        Dropout d = new Dropout(0.3, 9);
        jgrad.tensor.Tensor x = randn(dt, 24, 6, 7);
        jgrad.tensor.Tensor y = d.forward(x);
        double[] xs = x.toDoubleArray(), ys = y.toDoubleArray();
        List<Double> mask = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            mask.add(ys[i] == 0 ? 0.0 : 1.0);
        }
        double[] m = mask.stream().mapToDouble(Double::doubleValue).toArray();
        Tensor tm = TorchArrays.tensor(m, 6, 7).toType(dt == DType.FLOAT32 ? torch.ScalarType.Float
                : torch.ScalarType.Double);
        Tensor expected = TorchArrays.tensor(x).mul(tm).div(new org.bytedeco.pytorch.Scalar(0.7));
        close("dropout train " + dt, ys, TorchArrays.doubles(expected), tol(dt));
        d.train(false);
        close("dropout eval " + dt, d.forward(x).toDoubleArray(),
                TorchArrays.doubles(torch.dropout(TorchArrays.tensor(x), 0.3, false)), 0);
    }
}
