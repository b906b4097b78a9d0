package jgrad.torch;

import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.functional.Functional;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The same float32 MLP twice, once in jgrad and once in libtorch, with identical weights and one
 * fixed batch: ReLU hidden layers, a linear output, cross-entropy over class targets (or, with a
 * single output, mean squared error against ±1 targets, as micrograd's regression), and plain SGD.
 * {@link #jgradStep()} and {@link #torchStep()} each do one training step (forward, backward,
 * SGD update, gradients zeroed for the next step) and return the loss before the update.
 * Used by {@link MlpRace} and by the test that compares the two steps.
 *
 * <pre>{@code
 * MlpPair pair = new MlpPair(new int[] {2, 16, 16, 1}, 100, 0.05, 42);
 * double a = pair.jgradStep(), b = pair.torchStep();   // equal to float32 precision
 * }</pre>
 */
public final class MlpPair {
    private final int[] sizes;
    private final double learningRate;
    private final jgrad.tensor.Tensor[] jw, jb;
    private final jgrad.tensor.Tensor jx, jy;
    private final int[] targets;
    private final Tensor[] tw, tb;
    private final Tensor tx, ty;
    private final Scalar minusLr;

    /**
     * @param sizes layer widths, input first; the last is the number of classes (1: regression)
     * @throws IllegalArgumentException if fewer than two sizes are given or one is below 1
     */
    public MlpPair(int[] sizes, int batch, double learningRate, long seed) {
        if (sizes.length < 2 || java.util.Arrays.stream(sizes).anyMatch(s -> s < 1) || batch < 1) {
            throw new IllegalArgumentException("MlpPair: need at least two layer sizes >= 1 and a batch >= 1, got "
                    + java.util.Arrays.toString(sizes) + " and batch " + batch);
        }
        this.sizes = sizes.clone();
        this.learningRate = learningRate;
        Random rnd = new Random(seed);
        int layers = sizes.length - 1;
        jw = new jgrad.tensor.Tensor[layers];
        jb = new jgrad.tensor.Tensor[layers];
        tw = new Tensor[layers];
        tb = new Tensor[layers];
        for (int l = 0; l < layers; l++) {
            double bound = 1 / Math.sqrt(sizes[l]);   // PyTorch's default Linear initialisation
            jw[l] = uniform(rnd, bound, sizes[l + 1], sizes[l]).requiresGrad(true);
            jb[l] = uniform(rnd, bound, sizes[l + 1]).requiresGrad(true);
            tw[l] = TorchArrays.tensor(jw[l]).requires_grad_(true);
            tb[l] = TorchArrays.tensor(jb[l]).requires_grad_(true);
        }
        jx = jgrad.tensor.Tensor.randn(DType.FLOAT32, rnd, batch, sizes[0]);
        tx = TorchArrays.tensor(jx);
        int classes = sizes[layers];
        targets = new int[batch];
        double[] y = new double[batch];
        for (int i = 0; i < batch; i++) {
            targets[i] = classes == 1 ? 0 : rnd.nextInt(classes);
            y[i] = classes == 1 ? (rnd.nextBoolean() ? 1 : -1) : targets[i];
        }
        jy = jgrad.tensor.Tensor.of(DType.FLOAT32, y, classes == 1 ? new int[] {batch, 1} : new int[] {batch});
        ty = classes == 1 ? TorchArrays.tensor(jy) : TorchArrays.tensor(jy).toType(torch.ScalarType.Long);
        minusLr = new Scalar(-learningRate);
    }

    private static jgrad.tensor.Tensor uniform(Random rnd, double bound, int... shape) {
        return jgrad.tensor.Tensor.rand(DType.FLOAT32, rnd, shape).mul(2 * bound).sub(bound).detach();
    }

    /** One jgrad training step; returns the loss before the update. */
    public double jgradStep() {
        jgrad.tensor.Tensor h = jx;
        for (int l = 0; l < jw.length; l++) {
            h = h.linear(jw[l], jb[l]);
            if (l < jw.length - 1) {
                h = h.relu();
            }
        }
        jgrad.tensor.Tensor loss = sizes[sizes.length - 1] == 1 ? Functional.mse(h, jy) : Functional.crossEntropy(h, targets);
        loss.backward();
        for (int l = 0; l < jw.length; l++) {
            jw[l].addScaledInPlace(-learningRate, jw[l].grad());
            jb[l].addScaledInPlace(-learningRate, jb[l].grad());
            jw[l].zeroGrad();
            jb[l].zeroGrad();
        }
        return loss.item();
    }

    /** One libtorch training step, as {@code optimizer.zero_grad(); loss.backward(); optimizer.step()}. */
    public double torchStep() {
        try (PointerScope scope = new PointerScope()) {   // frees this step's temporaries now, not at GC
            Tensor h = tx;
            for (int l = 0; l < tw.length; l++) {
                h = torch.linear(h, tw[l], tb[l]);
                if (l < tw.length - 1) {
                    h = torch.relu(h);
                }
            }
            Tensor loss = sizes[sizes.length - 1] == 1 ? torch.mse_loss(h, ty) : torch.cross_entropy_loss(h, ty);
            loss.backward();
            try (NoGradGuard guard = new NoGradGuard()) {
                for (int l = 0; l < tw.length; l++) {
                    tw[l].add_(tw[l].grad(), minusLr);
                    tb[l].add_(tb[l].grad(), minusLr);
                    tw[l].grad().zero_();
                    tb[l].grad().zero_();
                }
            }
            return loss.item_double();
        }
    }

    /** The largest absolute difference between the two models' parameters. */
    public double maxParameterDifference() {
        double worst = 0;
        for (int l = 0; l < jw.length; l++) {
            worst = Math.max(worst, maxDiff(jw[l].toFloatArray(), TorchArrays.floats(tw[l])));
            worst = Math.max(worst, maxDiff(jb[l].toFloatArray(), TorchArrays.floats(tb[l])));
        }
        return worst;
    }

    private static double maxDiff(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
