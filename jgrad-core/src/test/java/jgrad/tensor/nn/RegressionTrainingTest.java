package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.data.Standardizer;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.Objective;
import jgrad.nn.RegressionLoss;
import jgrad.nn.Trainer;
import jgrad.optim.Adam;
import jgrad.optim.ParameterGroup;
import jgrad.tensor.DType;
import org.junit.jupiter.api.Test;

/**
 * Regression, early stopping and end-of-epoch metrics in both training loops: the scalar
 * {@link Trainer} is the reference for the tensor loop in float64, step by step.
 */
class RegressionTrainingTest {

    /** Two targets, y1 = sin(x1) + x2 and y2 = x1·x2, plus noise. */
    static Dataset twoTargets(int n, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[n][2];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[i][0] = 10 * Math.sin(x[i][0]) + 3 * x[i][1] + 50 + 0.1 * rng.nextGaussian();
            y[i][1] = 100 * x[i][0] * x[i][1] - 20 + rng.nextGaussian();
        }
        return Dataset.regression(x, y, List.of("a", "b"), List.of("y1", "y2"));
    }

    @Test
    void bothEnginesGiveTheSameRegressionNumbersInFloat64() {
        Dataset raw = twoTargets(80, 4);
        Standardizer ys = Standardizer.fit(raw.targets());
        double[][] scaled = raw.targets();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = ys.transform(scaled[i]);
        }
        Dataset data = raw.withTargets(scaled);
        Dataset.Split split = data.split(new Random(1), 0.75, 0.25);
        for (RegressionLoss loss : RegressionLoss.values()) {
            Objective objective = Objective.regression(loss, 2, ys);
            jgrad.nn.MLP scalar = new jgrad.nn.MLP(new Random(11), 2, 8, 2);
            MLP tensor = new MLP(new Random(0), DType.FLOAT64, 2, 8, 2);
            tensor.setMicrogradParameters(scalar.parameterData());
            List<Trainer.Step> expected = new ArrayList<>(), actual = new ArrayList<>();
            List<Trainer.Epoch> s = new Trainer(scalar, objective,
                    new Adam(ParameterGroup.of(scalar.parameters()), 0.02, 0.9, 0.999, 1e-8, 0))
                    .l2(1e-4).batchSize(16).random(new Random(5)).measureAfterEpoch(true)
                    .listener(new Trainer.Listener() {
                        @Override public void onStep(Trainer.Step st) { expected.add(st); }
                    })
                    .fit(split.train(), split.validation(), 4);
            List<Trainer.Epoch> t = new TensorTrainer(tensor, objective,
                    new Adam(ParameterGroup.of(tensor.parameters()), 0.02, 0.9, 0.999, 1e-8, 0))
                    .l2(1e-4).batchSize(16).random(new Random(5)).measureAfterEpoch(true)
                    .listener(new Trainer.Listener() {
                        @Override public void onStep(Trainer.Step st) { actual.add(st); }
                    })
                    .fit(split.train(), split.validation(), 4);
            assertThat(actual).hasSameSizeAs(expected).hasSize(16);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).loss()).as("%s step %d", loss, i).isCloseTo(expected.get(i).loss(), within(1e-12));
            }
            for (int e = 0; e < 4; e++) {
                assertThat(t.get(e).validation().regression().r2()).as("%s epoch %d R2", loss, e)
                        .isCloseTo(s.get(e).validation().regression().r2(), within(1e-10));
                assertThat(t.get(e).train().regression().mae()).isCloseTo(s.get(e).train().regression().mae(), within(1e-9));
            }
            assertThat(tensor.microgradParameters()).usingComparatorWithPrecision(1e-10)
                    .containsExactly(scalar.parameterData());
            assertThat(s.get(0).train().loss()).as("%s trains", loss).isGreaterThan(s.get(3).train().loss());
        }
    }

    @Test
    void metricsComeBackInTheTargetsUnits() {
        // a model that predicts 0 in z-units predicts the training mean; its MAE in target units is
        // the mean absolute deviation, computed here by hand from the raw targets
        Dataset raw = twoTargets(50, 9);
        Standardizer ys = Standardizer.fit(raw.targets());
        double[][] z = raw.targets();
        for (int i = 0; i < z.length; i++) {
            z[i] = ys.transform(z[i]);
        }
        jgrad.nn.MLP zero = jgrad.nn.MLP.builder(2, 2).weightInit(jgrad.nn.Init.zeros()).build(new Random(0));
        Trainer.Metrics m = new Trainer(zero, Objective.regression(RegressionLoss.MSE, 2, ys),
                new Adam(ParameterGroup.of(zero.parameters()), 0.01, 0.9, 0.999, 1e-8, 0)).l2(0)
                .evaluate(raw.withTargets(z));
        double[][] y = raw.targets();
        double[] mad = new double[2];
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            for (double[] row : y) {
                mean += row[j] / y.length;
            }
            for (double[] row : y) {
                mad[j] += Math.abs(row[j] - mean) / y.length;
            }
        }
        assertThat(m.regression().mae()).isCloseTo((mad[0] + mad[1]) / 2, within(1e-9));
        assertThat(m.regression().r2()).isCloseTo(0, within(1e-12));
        assertThat(m.loss()).as("MSE in z-units of a constant-mean prediction is the variance, 1").isCloseTo(1, within(1e-12));
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        Dataset data = Datasets.spiral(120, 3, 0.3, new Random(2));
        Dataset.Split split = data.split(new Random(3), 0.5, 0.5);
        MLP net = new MLP(new Random(4), DType.FLOAT64, 2, 64, 64, 3);
        TensorTrainer trainer = new TensorTrainer(net, ClassificationLoss.CROSS_ENTROPY,
                new Adam(ParameterGroup.of(net.parameters()), 0.05, 0.9, 0.999, 1e-8, 0))
                .batchSize(8).patience(3).measureAfterEpoch(true);
        List<Trainer.Epoch> h = trainer.fit(split.train(), split.validation(), 200);
        int kept = trainer.keptEpoch();
        double best = h.stream().mapToDouble(e -> e.validation().loss()).min().orElseThrow();
        assertThat(h.get(kept).validation().loss()).isEqualTo(best);
        assertThat(trainer.stoppedEarly()).as("overfits 60 points with 4,500 weights").isTrue();
        assertThat(h).hasSize(kept + 4);
        Trainer.Metrics now = trainer.evaluate(split.validation());
        assertThat(now.loss()).as("the best weights are back").isCloseTo(best, within(1e-12));
        assertThat(trainer.evaluate(split.train()).accuracy()).isEqualTo(h.get(kept).train().accuracy());
    }

    @Test
    void measuredAfterTheEpochTheLastLineIsTheFinalEvaluation() {
        Dataset moons = Datasets.moons(100, 0.1, new Random(1));
        jgrad.nn.MLP model = new jgrad.nn.MLP(new Random(2), 2, 8, 1);
        Trainer trainer = new Trainer(model, ClassificationLoss.MAX_MARGIN,
                new Adam(ParameterGroup.of(model.parameters()), 0.05, 0.9, 0.999, 1e-8, 0))
                .batchSize(10).measureAfterEpoch(true);
        List<Trainer.Epoch> h = trainer.fit(moons, null, 5);
        assertThat(h.get(4).train()).isEqualTo(trainer.evaluate(moons));
    }

    @Test
    void mismatchesAreNamed() {
        Dataset reg = twoTargets(10, 1);
        jgrad.nn.MLP model = new jgrad.nn.MLP(new Random(2), 2, 4, 2);
        Adam adam = new Adam(ParameterGroup.of(model.parameters()), 0.01, 0.9, 0.999, 1e-8, 0);
        assertThatThrownBy(() -> new Trainer(model, ClassificationLoss.CROSS_ENTROPY, adam).fit(reg, null, 1))
                .hasMessageContaining("real-valued targets [y1, y2]");
        assertThatThrownBy(() -> new Trainer(model, Objective.regression(RegressionLoss.MSE, 2, null), adam)
                .fit(Datasets.moons(10, 0.1, new Random(1)), null, 1)).hasMessageContaining("class labels");
        assertThatThrownBy(() -> new Trainer(model, Objective.regression(RegressionLoss.MSE, 2, null), adam)
                .patience(2).fit(reg, null, 1)).hasMessageContaining("no validation data");
        double[][] x = {{1, 2}};
        assertThatThrownBy(() -> Dataset.regression(x, new double[][] {{Double.NaN}}, List.of("a", "b"), List.of("y")))
                .hasMessageContaining("target y of row 0 is NaN");
    }
}
