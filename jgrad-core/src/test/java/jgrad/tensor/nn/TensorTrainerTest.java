package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.LearningRateSchedule;
import jgrad.nn.SGD;
import jgrad.nn.Trainer;
import jgrad.tensor.DType;
import jgrad.tensor.TensorParameters;
import org.junit.jupiter.api.Test;

/** The tensor training loop against the scalar one: same data, weights and batches, same numbers. */
class TensorTrainerTest {

    @Test
    void matchesTheScalarTrainerStepByStep() {
        Dataset moons = Datasets.moons(60, 0.1, new Random(3));
        for (ClassificationLoss loss : ClassificationLoss.values()) {
            int outputs = loss.outputs(2);
            jgrad.nn.MLP scalar = new jgrad.nn.MLP(new Random(11), 2, 8, outputs);
            MLP tensor = new MLP(new Random(0), DType.FLOAT64, 2, 8, outputs);
            tensor.setMicrogradParameters(scalar.parameterData());

            List<Trainer.Step> expected = new ArrayList<>(), actual = new ArrayList<>();
            new Trainer(scalar, loss, new SGD(scalar.parameters(), 0.5))
                    .l2(1e-3).batchSize(16).random(new Random(5))
                    .schedule(LearningRateSchedule.linear(0.5, 0.05, 12))
                    .listener(new Trainer.Listener() {
                        @Override public void onStep(Trainer.Step s) { expected.add(s); }
                    })
                    .fit(moons, null, 3);
            List<Trainer.Epoch> history = new TensorTrainer(tensor, loss,
                    new SGD(TensorParameters.of(tensor.parameters()), 0.5, 0, 0))
                    .l2(1e-3).batchSize(16).random(new Random(5))
                    .schedule(LearningRateSchedule.linear(0.5, 0.05, 12))
                    .listener(new Trainer.Listener() {
                        @Override public void onStep(Trainer.Step s) { actual.add(s); }
                    })
                    .fit(moons, moons, 3);

            assertThat(actual).hasSameSizeAs(expected).hasSize(12);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).loss()).as("%s step %d", loss, i).isCloseTo(expected.get(i).loss(), within(1e-12));
                assertThat(actual.get(i).accuracy()).isEqualTo(expected.get(i).accuracy());
                assertThat(actual.get(i).learningRate()).isEqualTo(expected.get(i).learningRate());
            }
            assertThat(history).hasSize(3);
            assertThat(history.get(2).validation()).isNotNull();
        }
    }

    @Test
    void rejectsDataThatDoesNotFitTheLoss() {
        Dataset spiral = Datasets.spiral(30, 3, 0.1, new Random(0));
        MLP model = new MLP(new Random(0), DType.FLOAT32, 2, 4, 1);
        TensorTrainer t = new TensorTrainer(model, ClassificationLoss.MAX_MARGIN,
                new SGD(TensorParameters.of(model.parameters()), 0.1, 0, 0));
        assertThatThrownBy(() -> t.fit(spiral, null, 1)).hasMessageContaining("3 classes");
        assertThatThrownBy(() -> t.batchSize(0)).hasMessageContaining("batchSize");
    }
}
