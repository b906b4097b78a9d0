package jgrad.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Function;
import jgrad.tensor.DType;
import jgrad.tensor.functional.Functional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every op of {@link jgrad.tensor.Tensor}, forward and gradient, against libtorch's forward and
 * autograd on the same seeded random inputs, in float32 (relative and absolute tolerance 2e-4, the
 * size of float32 rounding over the sums involved) and float64 (1e-10). The gradient is that of
 * Σ y ⊙ G for a random G of y's shape, so every element of the vector-Jacobian product counts.
 * Shapes include broadcasting on either side, size-1 axes and batched matmul.
 */
class TensorOpsVsTorchTest {
    /** Input values: standard normal, or |normal| + 0.5 for log, sqrt and pow. */
    private enum Domain { ANY, POSITIVE }

    private static double tol(DType dtype) {
        return dtype == DType.FLOAT32 ? 2e-4 : 1e-10;
    }

    private static long[] dims(int[] shape) {
        long[] d = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            d[i] = shape[i];
        }
        return d;
    }

    private static void close(String what, double[] actual, double[] expected, double tol) {
        assertThat(actual).as(what + ": element count").hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertThat(err).as("%s [%d]: jgrad %s, libtorch %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(expected[i])));
        }
    }

    /** Runs jgrad's op and libtorch's on the same inputs and compares outputs and input gradients. */
    private static void compare(String name, DType dtype, Domain domain,
                                Function<jgrad.tensor.Tensor[], jgrad.tensor.Tensor> jgradOp,
                                Function<Tensor[], Tensor> torchOp, int[]... shapes) {
        Random rnd = new Random(name.hashCode() * 31L + dtype.ordinal());
        jgrad.tensor.Tensor[] jx = new jgrad.tensor.Tensor[shapes.length];
        Tensor[] tx = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            int n = 1;
            for (int d : shapes[i]) {
                n *= d;
            }
            double[] data = new double[n];
            for (int j = 0; j < n; j++) {
                double v = rnd.nextGaussian();
                data[j] = domain == Domain.POSITIVE ? Math.abs(v) + 0.5 : v;
            }
            jx[i] = jgrad.tensor.Tensor.of(dtype, data, shapes[i]).requiresGrad(true);
            tx[i] = TorchArrays.tensor(jx[i]).requires_grad_(true);
            // the pitfall check: libtorch holds exactly the values jgrad holds
            assertThat(TorchArrays.doubles(tx[i])).as(name + ": input %d round trip", i)
                    .containsExactly(jx[i].toDoubleArray());
        }
        jgrad.tensor.Tensor jy = jgradOp.apply(jx);
        Tensor ty = torchOp.apply(tx);
        assertThat(dims(jy.shape().toArray())).as(name + " shape").containsExactly(TorchArrays.shape(ty));
        close(name + " " + dtype + " forward", jy.toDoubleArray(), TorchArrays.doubles(ty), tol(dtype));
        if (!jy.requiresGrad()) {
            return;   // masks and indices carry no gradient
        }
        double[] g = new double[jy.numel()];
        for (int j = 0; j < g.length; j++) {
            g[j] = rnd.nextGaussian();
        }
        jgrad.tensor.Tensor jg = jgrad.tensor.Tensor.of(dtype, g, jy.shape().toArray());
        jy.mul(jg).sum().backward();
        torch.sum(ty.mul(TorchArrays.tensor(jg))).backward();
        for (int i = 0; i < shapes.length; i++) {
            Tensor tg = tx[i].grad();
            double[] expected = tg.defined() ? TorchArrays.doubles(tg) : new double[jx[i].numel()];
            double[] actual = jx[i].grad() == null ? new double[jx[i].numel()] : jx[i].grad().toDoubleArray();
            close(name + " " + dtype + " gradient of input " + i, actual, expected, tol(dtype));
        }
    }

    private static int[] s(int... dims) {
        return dims;
    }

    private static Tensor longs(jgrad.tensor.Tensor index) {
        return TorchArrays.tensor(index).toType(torch.ScalarType.Long);
    }

    private static Scalar sc(double v) {
        return new Scalar(v);
    }

    private static final ScalarTypeOptional NO_TYPE = new ScalarTypeOptional();

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void elementwiseWithBroadcasting(DType dt) {
        compare("add", dt, Domain.ANY, x -> x[0].add(x[1]), t -> t[0].add(t[1]), s(3, 4), s(4));
        compare("add 3-D", dt, Domain.ANY, x -> x[0].add(x[1]), t -> t[0].add(t[1]), s(2, 1, 4), s(3, 1));
        compare("sub", dt, Domain.ANY, x -> x[0].sub(x[1]), t -> t[0].sub(t[1]), s(3, 1), s(1, 5));
        compare("mul", dt, Domain.ANY, x -> x[0].mul(x[1]), t -> t[0].mul(t[1]), s(2, 3, 4), s());
        compare("div", dt, Domain.POSITIVE, x -> x[0].div(x[1]), t -> t[0].div(t[1]), s(5), s(4, 5));
        compare("neg", dt, Domain.ANY, x -> x[0].neg(), t -> t[0].neg(), s(7));
        compare("pow const", dt, Domain.POSITIVE, x -> x[0].pow(2.5), t -> torch.pow(t[0], sc(2.5)), s(3, 4));
        compare("pow", dt, Domain.POSITIVE, x -> x[0].pow(x[1]), t -> torch.pow(t[0], t[1]), s(3, 4), s(3, 1));
        compare("exp", dt, Domain.ANY, x -> x[0].exp(), t -> torch.exp(t[0]), s(33));
        compare("log", dt, Domain.POSITIVE, x -> x[0].log(), t -> torch.log(t[0]), s(4, 9));
        compare("sqrt", dt, Domain.POSITIVE, x -> x[0].sqrt(), t -> torch.sqrt(t[0]), s(17));
        compare("abs", dt, Domain.ANY, x -> x[0].abs(), t -> torch.abs(t[0]), s(5, 6));
        compare("tanh", dt, Domain.ANY, x -> x[0].tanh(), t -> torch.tanh(t[0]), s(100));
        compare("relu", dt, Domain.ANY, x -> x[0].relu(), t -> torch.relu(t[0]), s(10, 17));
        compare("sigmoid", dt, Domain.ANY, x -> x[0].mul(5).sigmoid(), t -> torch.sigmoid(t[0].mul(sc(5))), s(65));
        compare("maximum", dt, Domain.ANY, x -> x[0].maximum(x[1]), t -> torch.maximum(t[0], t[1]), s(3, 4), s(4));
        compare("minimum", dt, Domain.ANY, x -> x[0].minimum(x[1]), t -> torch.minimum(t[0], t[1]), s(2, 1), s(2, 6));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void comparisonsAndWhere(DType dt) {
        compare("gt", dt, Domain.ANY, x -> x[0].gt(x[1]), t -> torch.gt(t[0], t[1]).toType(t[0].scalar_type()), s(3, 4), s(4));
        compare("lt", dt, Domain.ANY, x -> x[0].lt(0.1), t -> torch.lt(t[0], sc(0.1)).toType(t[0].scalar_type()), s(9));
        compare("ge", dt, Domain.ANY, x -> x[0].ge(x[1]), t -> torch.ge(t[0], t[1]).toType(t[0].scalar_type()), s(2, 3), s(2, 3));
        compare("le", dt, Domain.ANY, x -> x[0].le(x[1]), t -> torch.le(t[0], t[1]).toType(t[0].scalar_type()), s(3, 1), s(3));
        compare("eq", dt, Domain.ANY, x -> x[0].eq(x[0].relu()), t -> torch.eq(t[0], torch.relu(t[0])).toType(t[0].scalar_type()), s(12));
        compare("where", dt, Domain.ANY, x -> jgrad.tensor.Tensor.where(x[0].gt(0), x[1], x[2]),
                t -> torch.where(torch.gt(t[0], sc(0)), t[1], t[2]), s(3, 4), s(3, 4), s(4));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void reductionsOverAxesWithKeepdim(DType dt) {
        compare("sum all", dt, Domain.ANY, x -> x[0].sum(), t -> t[0].sum(), s(4, 5));
        compare("sum axis", dt, Domain.ANY, x -> x[0].sum(new int[] {1}, false),
                t -> t[0].sum(new long[] {1}, false, NO_TYPE), s(3, 4, 5));
        compare("sum axes keepdim", dt, Domain.ANY, x -> x[0].sum(new int[] {0, 2}, true),
                t -> t[0].sum(new long[] {0, 2}, true, NO_TYPE), s(3, 4, 5));
        compare("mean", dt, Domain.ANY, x -> x[0].mean(new int[] {-1}, true),
                t -> t[0].mean(new long[] {-1}, true, NO_TYPE), s(6, 7));
        compare("mean all", dt, Domain.ANY, x -> x[0].mean(), t -> t[0].mean(), s(2, 3, 2));
        compare("max axis", dt, Domain.ANY, x -> x[0].max(new int[] {0}, false), t -> torch.amax(t[0], new long[] {0}, false), s(5, 3));
        compare("max keepdim", dt, Domain.ANY, x -> x[0].max(new int[] {1, 2}, true),
                t -> torch.amax(t[0], new long[] {1, 2}, true), s(2, 3, 4));
        compare("min", dt, Domain.ANY, x -> x[0].min(new int[] {1}, true), t -> torch.amin(t[0], new long[] {1}, true), s(4, 6));
        compare("argmax", dt, Domain.ANY, x -> x[0].argmax(1, false),
                t -> torch.argmax(t[0], new LongOptional(1), false).toType(t[0].scalar_type()), s(5, 8));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void movement(DType dt) {
        compare("reshape", dt, Domain.ANY, x -> x[0].reshape(4, 6).mul(x[0].reshape(4, 6)), t -> t[0].reshape(4, 6).mul(t[0].reshape(4, 6)), s(2, 3, 4));
        compare("permute", dt, Domain.ANY, x -> x[0].permute(2, 0, 1), t -> t[0].permute(2, 0, 1), s(2, 3, 4));
        compare("transpose", dt, Domain.ANY, x -> x[0].transpose(0, 1), t -> t[0].transpose(0, 1), s(3, 5));
        compare("expand", dt, Domain.ANY, x -> x[0].expand(2, 3, 4), t -> t[0].expand(2, 3, 4), s(3, 1));
        compare("slice", dt, Domain.ANY, x -> x[0].slice(1, 1, 4), t -> t[0].slice(1, new LongOptional(1), new LongOptional(4), 1), s(3, 5, 2));
        jgrad.tensor.Tensor index = jgrad.tensor.Tensor.of(new long[] {2, 0, 1, 1, 0, 3}, 3, 2);
        compare("gather", dt, Domain.ANY, x -> x[0].gather(1, index), t -> torch.gather(t[0], 1, longs(index)), s(3, 4));
        jgrad.tensor.Tensor rows = jgrad.tensor.Tensor.of(new long[] {3, 0, 3}, 3);
        compare("indexSelect", dt, Domain.ANY, x -> x[0].indexSelect(0, 3, 0, 3), t -> torch.index_select(t[0], 0, longs(rows)), s(4, 2));
        compare("concat", dt, Domain.ANY, x -> jgrad.tensor.Tensor.concat(1, x[0], x[1]), t -> torch.cat(new TensorVector(t[0], t[1]), 1), s(2, 3), s(2, 5));
        compare("stack", dt, Domain.ANY, x -> jgrad.tensor.Tensor.stack(1, x[0], x[1]), t -> torch.stack(new TensorVector(t[0], t[1]), 1), s(2, 3), s(2, 3));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void matmul(DType dt) {
        compare("matmul 2-D", dt, Domain.ANY, x -> x[0].matmul(x[1]), t -> torch.matmul(t[0], t[1]), s(7, 33), s(33, 19));
        compare("matmul large", dt, Domain.ANY, x -> x[0].matmul(x[1]), t -> torch.matmul(t[0], t[1]), s(64, 130), s(130, 70));
        compare("matmul vector", dt, Domain.ANY, x -> x[0].matmul(x[1]), t -> torch.matmul(t[0], t[1]), s(5), s(5, 3));
        compare("matmul batched", dt, Domain.ANY, x -> x[0].matmul(x[1]), t -> torch.matmul(t[0], t[1]), s(2, 3, 4), s(4, 5));
        compare("matmul broadcast", dt, Domain.ANY, x -> x[0].matmul(x[1]), t -> torch.matmul(t[0], t[1]), s(2, 1, 3, 4), s(3, 4, 2));
        compare("linear", dt, Domain.ANY, x -> x[0].linear(x[1], x[2]), t -> torch.matmul(t[0], t[1].t()).add(t[2]), s(10, 6), s(4, 6), s(4));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void neuralNetworkFunctions(DType dt) {
        compare("softmax last", dt, Domain.ANY, x -> x[0].mul(4).softmax(-1), t -> torch.softmax(t[0].mul(sc(4)), -1), s(5, 10));
        compare("softmax 3-D", dt, Domain.ANY, x -> x[0].softmax(2), t -> torch.softmax(t[0], 2), s(2, 3, 7));
        compare("softmax axis 0", dt, Domain.ANY, x -> x[0].softmax(0), t -> torch.softmax(t[0], 0), s(4, 3));
        compare("logSoftmax last", dt, Domain.ANY, x -> x[0].mul(4).logSoftmax(1), t -> torch.log_softmax(t[0].mul(sc(4)), 1), s(6, 10));
        compare("logSoftmax axis 0", dt, Domain.ANY, x -> x[0].logSoftmax(0), t -> torch.log_softmax(t[0], 0), s(4, 3));
        int[] targets = {2, 0, 4, 4, 1, 3};
        jgrad.tensor.Tensor targetTensor = jgrad.tensor.Tensor.of(new double[] {2, 0, 4, 4, 1, 3}, 6);
        compare("crossEntropy", dt, Domain.ANY, x -> Functional.crossEntropy(x[0].mul(3), targets),
                t -> torch.cross_entropy_loss(t[0].mul(sc(3)), longs(targetTensor)), s(6, 5));
        compare("mseLoss", dt, Domain.ANY, x -> Functional.mse(x[0], x[1]), t -> torch.mse_loss(t[0], t[1]), s(4, 3), s(4, 3));
        jgrad.tensor.Tensor labels = jgrad.tensor.Tensor.of(new double[] {1, 0, 0, 1, 1, 0, 0.5, 1}, 8).cast(dt);
        compare("BCE with logits", dt, Domain.ANY, x -> Functional.bceWithLogits(x[0].mul(6), labels),
                t -> torch.binary_cross_entropy_with_logits(t[0].mul(sc(6)), TorchArrays.tensor(labels)), s(8));
    }
}
