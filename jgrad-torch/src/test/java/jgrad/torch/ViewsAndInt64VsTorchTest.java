package jgrad.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Function;
import jgrad.tensor.DType;
import jgrad.tensor.functional.Functional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Views and int64 ops against libtorch on seeded random shapes: transpose, permute, expand and
 * narrow must give libtorch's values, strides, offsets and gradients; gather and indexSelect take
 * random int64 indices; argmax gives int64; crossEntropy takes int64 targets. Each repetition
 * draws new shapes from its own seed, in float64 (tolerance 1e-10).
 */
class ViewsAndInt64VsTorchTest {
    private static final double TOL = 1e-10;

    private static int[] randomShape(Random r, int rank) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + r.nextInt(5);
        }
        return s;
    }

    private static long[] longsOf(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static void close(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what + ": element count").hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("%s [%d]: jgrad %s, libtorch %s", what, i, actual[i],
                    expected[i]).isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(expected[i])));
        }
    }

    /** A view op on both sides: same values, shape, strides and offset; then the gradient of Σ y·G. */
    private static void compareView(String name, Random r, int[] shape,
                                    Function<jgrad.tensor.Tensor, jgrad.tensor.Tensor> jop,
                                    Function<Tensor, Tensor> top) {
        jgrad.tensor.Tensor jx = jgrad.tensor.Tensor.randn(DType.FLOAT64, r, shape).requiresGrad(true);
        Tensor tx = TorchArrays.tensor(jx).requires_grad_(true);
        jgrad.tensor.Tensor jy = jop.apply(jx);
        Tensor ty = top.apply(tx);
        assertThat(longsOf(jy.shape().toArray())).as(name + " shape").containsExactly(TorchArrays.shape(ty));
        assertThat(jy.sharesStorageWith(jx)).as(name + " is a view").isTrue();
        assertThat(longsOf(jy.strides())).as(name + " strides").containsExactly(TorchArrays.strides(ty));
        assertThat((long) jy.storageOffset()).as(name + " offset").isEqualTo(ty.storage_offset());
        close(name + " forward", jy.toDoubleArray(), TorchArrays.doubles(ty));
        jgrad.tensor.Tensor g = jgrad.tensor.Tensor.randn(DType.FLOAT64, r, jy.shape().toArray());
        jy.mul(g).sum().backward();
        torch.sum(ty.mul(TorchArrays.tensor(g))).backward();
        close(name + " gradient", jx.grad().toDoubleArray(), TorchArrays.doubles(tx.grad()));
    }

    @RepeatedTest(6)
    void viewsMatchLibtorch(RepetitionInfo rep) {
        Random r = new Random(1000 + rep.getCurrentRepetition());
        int[] s3 = randomShape(r, 3);
        int a = r.nextInt(3), b = r.nextInt(3);
        compareView("transpose(" + a + ", " + b + ") of " + java.util.Arrays.toString(s3), r, s3,
                x -> x.transpose(a, b), t -> t.transpose(a, b));
        int[] perm = {2, 0, 1};
        compareView("permute", r, s3, x -> x.permute(perm), t -> t.permute(longsOf(perm)));
        int[] s2 = randomShape(r, 2);
        s2[1] = 1;
        int wide = 2 + r.nextInt(4), front = 1 + r.nextInt(3);
        compareView("expand", r, s2, x -> x.expand(front, s2[0], wide), t -> t.expand(new long[] {front, s2[0], wide}));
        int axis = r.nextInt(3), n = s3[axis], start = r.nextInt(n), len = 1 + r.nextInt(n - start);
        compareView("narrow", r, s3, x -> x.narrow(axis, start, len), t -> t.narrow(axis, start, len));
        compareView("narrow of a transpose", r, s3, x -> x.transpose(0, 2).narrow(2, 0, 1),
                t -> t.transpose(0, 2).narrow(2, 0, 1));
        compareView("unsqueeze of a permute", r, s3, x -> x.permute(perm).unsqueeze(1),
                t -> t.permute(longsOf(perm)).unsqueeze(1));
    }

    @RepeatedTest(6)
    void int64IndexOpsMatchLibtorch(RepetitionInfo rep) {
        Random r = new Random(2000 + rep.getCurrentRepetition());
        int rows = 1 + r.nextInt(6), cols = 2 + r.nextInt(6), k = 1 + r.nextInt(5);
        jgrad.tensor.Tensor jx = jgrad.tensor.Tensor.randn(DType.FLOAT64, r, rows, cols).requiresGrad(true);
        Tensor tx = TorchArrays.tensor(jx).requires_grad_(true);
        long[] idx = new long[rows * k];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.nextInt(cols);
        }
        jgrad.tensor.Tensor jindex = jgrad.tensor.Tensor.of(idx, rows, k);
        Tensor tindex = TorchArrays.tensor(jindex);
        assertThat(tindex.scalar_type().intern()).isEqualTo(torch.ScalarType.Long);
        long[] sel = new long[k + 1];
        for (int i = 0; i < sel.length; i++) {
            sel[i] = r.nextInt(rows);
        }
        jgrad.tensor.Tensor jsel = jgrad.tensor.Tensor.of(sel);
        jgrad.tensor.Tensor jy = jx.gather(1, jindex).mul(2).sum().add(jx.indexSelect(0, jsel).pow(2).sum());
        Tensor ty = torch.gather(tx, 1, tindex).mul(new org.bytedeco.pytorch.Scalar(2)).sum()
                .add(torch.index_select(tx, 0, TorchArrays.tensor(jsel)).pow(new org.bytedeco.pytorch.Scalar(2)).sum());
        close("gather + indexSelect forward", jy.toDoubleArray(), TorchArrays.doubles(ty));
        jy.backward();
        ty.backward();
        close("gather + indexSelect gradient", jx.grad().toDoubleArray(), TorchArrays.doubles(tx.grad()));

        jgrad.tensor.Tensor am = jx.detach().argmax(1, false);
        assertThat(am.dtype()).isEqualTo(DType.INT64);
        assertThat(am.toLongArray()).containsExactly(TorchArrays.longs(torch.argmax(tx.detach(), new LongOptional(1), false)));
        assertThat(torch.argmax(tx.detach(), new LongOptional(1), false).scalar_type().intern())
                .isEqualTo(torch.ScalarType.Long);
    }

    @RepeatedTest(4)
    void crossEntropyWithInt64TargetsMatchesLibtorch(RepetitionInfo rep) {
        Random r = new Random(3000 + rep.getCurrentRepetition());
        int n = 1 + r.nextInt(8), c = 2 + r.nextInt(6);
        long[] targets = new long[n];
        for (int i = 0; i < n; i++) {
            targets[i] = r.nextInt(c);
        }
        jgrad.tensor.Tensor jt = jgrad.tensor.Tensor.of(targets);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            jgrad.tensor.Tensor jx = jgrad.tensor.Tensor.randn(dt, r, n, c).mul(3).detach().requiresGrad(true);
            Tensor tx = TorchArrays.tensor(jx).requires_grad_(true);
            // by hand over an int64 gather, and through Functional's crossEntropy
            jgrad.tensor.Tensor byHand = jx.logSoftmax(1).gather(1, jt.unsqueeze(1)).mean().neg();
            int[] ints = java.util.Arrays.stream(targets).mapToInt(Math::toIntExact).toArray();
            jgrad.tensor.Tensor functional = Functional.crossEntropy(jx, ints);
            Tensor ty = torch.cross_entropy_loss(tx, TorchArrays.tensor(jt));
            double tol = dt == DType.FLOAT32 ? 2e-5 : TOL;
            double expected = TorchArrays.doubles(ty)[0];
            assertThat(Math.abs(byHand.item() - expected)).as(dt + " by hand").isLessThanOrEqualTo(tol);
            assertThat(Math.abs(functional.item() - expected)).as(dt + " functional").isLessThanOrEqualTo(tol);
            byHand.backward();
            ty.backward();
            double[] jg = jx.grad().toDoubleArray(), tg = TorchArrays.doubles(tx.grad());
            for (int i = 0; i < jg.length; i++) {
                assertThat(Math.abs(jg[i] - tg[i])).as(dt + " gradient [%d]", i).isLessThanOrEqualTo(tol);
            }
        }
    }
}
