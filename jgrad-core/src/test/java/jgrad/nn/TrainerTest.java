package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.optim.Adam;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.SGD;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static List<Trainer.Step> run(long batchSeed, int batchSize) {
        Dataset data = Datasets.moons(30, 0.1, new Random(5));
        MLP model = new MLP(new Random(1), 2, 8, 1);
        List<Trainer.Step> steps = new ArrayList<>();
        new Trainer(model, ClassificationLoss.MAX_MARGIN, new SGD(model.parameters(), 0.1))
                .batchSize(batchSize)
                .random(new Random(batchSeed))
                .listener(new Trainer.Listener() {
                    @Override public void onStep(Trainer.Step s) {
                        steps.add(s);
                    }
                })
                .fit(data, null, 3);
        return steps;
    }

    @Test
    void miniBatchesCoverEveryRowOncePerEpochAndAreSeeded() {
        List<Trainer.Step> a = run(7, 8);
        assertThat(a).hasSize(12); // 3 epochs of 8 + 8 + 8 + 6 rows
        assertThat(a.subList(0, 4)).extracting(Trainer.Step::batchSize).containsExactly(8, 8, 8, 6);
        assertThat(a).extracting(Trainer.Step::step).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(a).extracting(Trainer.Step::epoch).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2);
        assertThat(run(7, 8)).isEqualTo(a);                 // same seed, same run
        assertThat(run(8, 8)).isNotEqualTo(a);              // another seed, other batches
    }

    @Test
    void crossEntropyWithAdamLearnsBlobsAndReportsValidation() {
        Dataset blobs = Datasets.blobs(90, 3, 0.5, new Random(3));
        Dataset.Split split = blobs.split(new Random(4), 0.7, 0.3);
        MLP model = MLP.builder(2, 8, 3).hiddenActivation(Activation.TANH).build(new Random(2));
        List<Trainer.Epoch> epochs = new ArrayList<>();
        Trainer trainer = new Trainer(model, ClassificationLoss.CROSS_ENTROPY, new Adam(model.parameters(), 0.05))
                .batchSize(16).random(new Random(0))
                .schedule(LearningRateSchedule.cosine(0.05, 0.005, 80))
                .listener(new Trainer.Listener() {
                    @Override public void onEpoch(Trainer.Epoch e) {
                        epochs.add(e);
                    }
                });
        Trainer.Metrics before = trainer.evaluate(split.validation());
        List<Trainer.Epoch> history = trainer.fit(split.train(), split.validation(), 20);
        assertThat(epochs).isEqualTo(history);
        assertThat(trainer.stepCount()).isEqualTo(20 * trainer.stepsPerEpoch(63)).isEqualTo(80);
        Trainer.Epoch last = history.get(19);
        assertThat(last.validation()).isNotNull();
        assertThat(last.validation().accuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(last.validation().loss()).isLessThan(before.loss() / 2);
        assertThat(last.train().accuracy()).isGreaterThanOrEqualTo(0.95);
        double[] params = model.parameterData();
        assertThat(trainer.evaluate(split.validation())).isEqualTo(last.validation()); // evaluation changes nothing
        assertThat(model.parameterData()).containsExactly(params);
    }

    @Test
    void binaryCrossEntropyLearnsXor() {
        Dataset xor = Datasets.xor(80, 0.0, new Random(9));
        MLP model = MLP.builder(2, 8, 1).hiddenActivation(Activation.TANH).build(new Random(0));
        List<Trainer.Epoch> h = new Trainer(model, ClassificationLoss.BINARY_CROSS_ENTROPY, new Adam(model.parameters(), 0.05))
                .fit(xor, null, 150);
        assertThat(h.get(149).train().accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(h.get(149).train().loss()).isLessThan(h.get(0).train().loss());
    }

    @Test
    void dataThatDoesNotFitTheModelIsRejected() {
        Dataset moons = Datasets.moons(10, 0.1, new Random(0));
        MLP three = new MLP(new Random(0), 3, 4, 1);
        assertThatThrownBy(() -> new Trainer(three, ClassificationLoss.MAX_MARGIN, new SGD(three.parameters(), 0.1))
                .fit(moons, null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes 3 inputs but the training data has 2 features");
        MLP one = new MLP(new Random(0), 2, 4, 1);
        assertThatThrownBy(() -> new Trainer(one, ClassificationLoss.CROSS_ENTROPY, new SGD(one.parameters(), 0.1))
                .fit(moons, null, 1)).hasMessageContaining("cross-entropy on 2 classes needs 2 outputs but the model has 1");
        Dataset spiral = Datasets.spiral(30, 3, 0.2, new Random(0));
        assertThatThrownBy(() -> new Trainer(one, ClassificationLoss.MAX_MARGIN, new SGD(one.parameters(), 0.1))
                .fit(spiral, null, 1)).hasMessageContaining("3 classes; use cross-entropy");
        assertThatThrownBy(() -> new Trainer(one, ClassificationLoss.MAX_MARGIN, new SGD(one.parameters(), 0.1))
                .batchSize(0)).hasMessageContaining("batchSize");
        assertThat(ClassificationLoss.parse("bce")).isEqualTo(ClassificationLoss.BINARY_CROSS_ENTROPY);
        assertThatThrownBy(() -> ClassificationLoss.parse("hinge")).hasMessageContaining("max-margin, bce or cross-entropy");
    }

    @Test
    void predictionRule() {
        assertThat(ClassificationLoss.predict(new double[] {0.0})).isZero();      // micrograd: score > 0
        assertThat(ClassificationLoss.predict(new double[] {1e-9})).isOne();
        assertThat(ClassificationLoss.predict(new double[] {0.1, 2.0, -1.0})).isOne();
    }

    @Test
    void aDivergingRunStopsAtTheFirstNonFiniteLossWithAMessageThatSaysWhatToDo() {
        Dataset data = Datasets.moons(40, 0.1, new Random(5));
        MLP model = new MLP(new Random(3), 2, 16, 16, 1);
        List<Trainer.Step> steps = new ArrayList<>();
        Trainer trainer = new Trainer(model, ClassificationLoss.MAX_MARGIN, new SGD(model.parameters(), 1e200))
                .listener(new Trainer.Listener() {
                    @Override public void onStep(Trainer.Step s) { steps.add(s); }
                });
        assertThatThrownBy(() -> trainer.fit(data, null, 50))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("training diverged at step")
                .hasMessageContaining("learning rate 1.0E200")
                .hasMessageContaining("lower the learning rate");
        assertThat(steps).isNotEmpty().allSatisfy(s -> assertThat(s.loss()).isFinite());
        assertThat(steps.size()).isLessThan(50);
    }
}
