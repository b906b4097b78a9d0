package jgrad.tensor.nn;


import jgrad.tensor.DType;
import jgrad.tensor.NoGrad;
import jgrad.tensor.Tensor;

/**
 * The batch normalisation shared by {@link BatchNorm1d} and {@link BatchNorm2d}, as PyTorch's
 * {@code _BatchNorm}: per channel (axis 1), over every other axis. In training mode it normalises
 * with the batch's mean and biased variance and updates the running statistics,
 * running = (1 − momentum)·running + momentum·batch, with the unbiased variance (n/(n − 1)) as
 * PyTorch; in evaluation mode it uses the running statistics. The weight starts at ones, the bias
 * at zeros; running_mean at zeros, running_var at ones.
 */
abstract class BatchNorm extends AbstractTensorModule {
    private final int features;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor batchesTracked;

    BatchNorm(int features, double eps, double momentum, boolean affine, DType dtype) {
        if (features < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name() + ": features must be >= 1, eps > 0 and momentum in [0, 1], got "
                    + features + ", eps=" + eps + ", momentum=" + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        // registered in PyTorch's state-dict order: weight, bias, running_mean, running_var, num_batches_tracked
        this.weight = affine ? registerParameter("weight", Tensor.ones(dtype, features).requiresGrad(true)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(dtype, features).requiresGrad(true)) : null;
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(dtype, features));
        this.runningVar = registerBuffer("running_var", Tensor.ones(dtype, features));
        this.batchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(DType.INT64, 0));
    }

    abstract String name();

    abstract boolean acceptsRank(int rank);

    abstract String expected();

    @Override
    public Tensor forward(Tensor x) {
        if (!acceptsRank(x.rank()) || x.dim(1) != features) {
            throw new IllegalArgumentException(this + ": input shape " + x.shape() + " must be " + expected()
                    + " with C=" + features);
        }
        int r = x.rank();
        int[] axes = new int[r - 1];
        int[] bshape = new int[r];
        axes[0] = 0;
        for (int i = 2; i < r; i++) {
            axes[i - 1] = i;
        }
        java.util.Arrays.fill(bshape, 1);
        bshape[1] = features;
        Tensor y;
        if (isTraining()) {
            int n = x.numel() / features;
            if (n < 2) {
                throw new IllegalArgumentException(this + ": training needs more than 1 value per channel, input shape "
                        + x.shape() + " has " + n + " (use a larger batch, or eval())");
            }
            Tensor mean = x.mean(axes, true);
            Tensor centred = x.sub(mean);
            Tensor var = centred.mul(centred).mean(axes, true);
            y = centred.div(var.add(eps).sqrt());
            try (NoGrad scope = Tensor.noGrad()) {
                Tensor m = mean.detach().reshape(features).cast(runningMean.dtype());
                Tensor v = var.detach().reshape(features).mul((double) n / (n - 1)).cast(runningVar.dtype());
                runningMean.copyFrom(runningMean.mul(1 - momentum).add(m.mul(momentum)));
                runningVar.copyFrom(runningVar.mul(1 - momentum).add(v.mul(momentum)));
                batchesTracked.copyFrom(batchesTracked.add(1));
            }
        } else {
            y = x.sub(runningMean.reshape(bshape)).div(runningVar.reshape(bshape).add(eps).sqrt());
        }
        return weight == null ? y : y.mul(weight.reshape(bshape)).add(bias.reshape(bshape));
    }

    /** The number of channels C. */
    public int features() {
        return features;
    }

    /** The [C] weight (γ), or null without affine. */
    public Tensor weight() {
        return weight;
    }

    /** The [C] bias (β), or null without affine. */
    public Tensor bias() {
        return bias;
    }

    /** The [C] running mean, a buffer. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The [C] running (unbiased) variance, a buffer. */
    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public String toString() {
        return name() + "(" + features + ", eps=" + eps + ", momentum=" + momentum + ", affine="
                + (weight != null ? "True" : "False") + ", track_running_stats=True)";
    }
}
