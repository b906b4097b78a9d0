package jgrad.nn;

import java.util.Objects;
import jgrad.data.Dataset;
import jgrad.data.Standardizer;

/**
 * What a training loop minimises and how it scores the result: a classification objective (a
 * {@link ClassificationLoss} on class labels, scored by accuracy) or a regression objective (a
 * {@link RegressionLoss} on real-valued targets, one network output per target, scored by MSE,
 * RMSE, MAE and R² in the targets' own units). {@link Trainer} and
 * {@code jgrad.tensor.nn.TensorTrainer} take either.
 *
 * <pre>{@code
 * Objective.classification(ClassificationLoss.CROSS_ENTROPY);
 * Standardizer ys = Standardizer.fit(train.targets());                    // targets in z-units
 * Objective.regression(RegressionLoss.MSE, 1, ys);                        // metrics in target units
 * }</pre>
 */
public sealed interface Objective permits Objective.Classification, Objective.Regression {

    /** Class labels scored by {@code loss}. */
    static Objective classification(ClassificationLoss loss) {
        return new Classification(loss);
    }

    /**
     * {@code outputs} real-valued targets scored by {@code loss}; {@code targetScale} (null when
     * the targets are in their own units) is the standardisation the training targets went
     * through, which metrics undo so that MSE, RMSE and MAE come out in the target's units.
     */
    static Objective regression(RegressionLoss loss, int outputs, Standardizer targetScale) {
        return new Regression(loss, outputs, targetScale);
    }

    /** The loss's name: max-margin, bce, cross-entropy, mse, mae or huber. */
    String id();

    /** Whether the targets are real values (regression) rather than classes. */
    boolean isRegression();

    /**
     * The number of network outputs for {@code data}.
     *
     * @throws IllegalArgumentException if the data is of the other kind or does not fit the loss
     */
    int outputs(Dataset data);

    /** A classification objective. */
    record Classification(ClassificationLoss loss) implements Objective {
        /** @throws NullPointerException if {@code loss} is null */
        public Classification {
            Objects.requireNonNull(loss, "loss");
        }

        @Override
        public String id() {
            return loss.id();
        }

        @Override
        public boolean isRegression() {
            return false;
        }

        @Override
        public int outputs(Dataset data) {
            if (data.isRegression()) {
                throw new IllegalArgumentException(loss.id() + " is a classification loss but the data has real-valued"
                        + " targets " + data.targetNames() + "; use a regression objective (mse, mae, huber)");
            }
            return loss.outputs(data.classCount());
        }
    }

    /** A regression objective; {@code targetScale} may be null. */
    record Regression(RegressionLoss loss, int outputs, Standardizer targetScale) implements Objective {
        /** @throws IllegalArgumentException if {@code outputs} is below 1 or does not fit the scale */
        public Regression {
            Objects.requireNonNull(loss, "loss");
            if (outputs < 1) {
                throw new IllegalArgumentException("Objective.regression: needs at least one output, got " + outputs);
            }
            if (targetScale != null && targetScale.featureCount() != outputs) {
                throw new IllegalArgumentException("Objective.regression: the target scale has "
                        + targetScale.featureCount() + " columns but there are " + outputs + " outputs");
            }
        }

        @Override
        public String id() {
            return loss.id();
        }

        @Override
        public boolean isRegression() {
            return true;
        }

        @Override
        public int outputs(Dataset data) {
            if (!data.isRegression()) {
                throw new IllegalArgumentException(loss.id() + " is a regression loss but the data has class labels "
                        + data.classNames() + "; use a classification objective");
            }
            if (data.targetCount() != outputs) {
                throw new IllegalArgumentException(loss.id() + ": the objective has " + outputs + " outputs but the"
                        + " data has " + data.targetCount() + " targets " + data.targetNames());
            }
            return outputs;
        }

        /** Targets or predictions in the model's scale back in the target's units (a new array). */
        public double[] toTargetUnits(double[] scaled) {
            if (targetScale == null) {
                return scaled.clone();
            }
            double[] mean = targetScale.mean();
            double[] std = targetScale.std();
            double[] out = new double[scaled.length];
            for (int j = 0; j < out.length; j++) {
                out[j] = scaled[j] * std[j] + mean[j];
            }
            return out;
        }
    }
}
