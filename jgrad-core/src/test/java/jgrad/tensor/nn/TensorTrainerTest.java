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
import jgrad.nn.Trainer;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.ParameterGroup;
import jgrad.optim.SGD;
import jgrad.tensor.DType;
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
                    new SGD(ParameterGroup.of(tensor.parameters()), 0.5, 0, 0))
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
    void trainsOnMnistStyleIdxFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        // 200 4×4 "images" of two classes: class 1 lights the left half, class 0 the right half
        Random rng = new Random(8);
        int n = 200;
        byte[] images = new byte[16 + n * 16], labels = new byte[8 + n];
        java.nio.ByteBuffer.wrap(images).putInt(0x00000803).putInt(n).putInt(4).putInt(4);
        java.nio.ByteBuffer.wrap(labels).putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(2);
            labels[8 + i] = (byte) label;
            for (int p = 0; p < 16; p++) {
                boolean left = p % 4 < 2;
                int v = (left == (label == 1) ? 150 : 0) + rng.nextInt(100);
                images[16 + i * 16 + p] = (byte) v;
            }
        }
        java.nio.file.Path imageFile = dir.resolve("train-images-idx3-ubyte");
        java.nio.file.Path labelFile = dir.resolve("train-labels-idx1-ubyte");
        java.nio.file.Files.write(imageFile, images);
        java.nio.file.Files.write(labelFile, labels);

        jgrad.tensor.Tensor x = jgrad.io.Idx.readImages(imageFile);
        int[] y = jgrad.io.Idx.readLabels(labelFile);
        MLP model = new MLP(new Random(2), DType.FLOAT32, 16, 8, 2);
        TensorTrainer trainer = new TensorTrainer(model, ClassificationLoss.CROSS_ENTROPY,
                new jgrad.optim.Adam(ParameterGroup.of(model.parameters()), 0.01, 0.9, 0.999, 1e-8, 0))
                .batchSize(32).random(new Random(3));
        List<Trainer.Epoch> history = trainer.fit(x, y, x.slice(0, 0, 50), java.util.Arrays.copyOf(y, 50), 5);
        assertThat(history).hasSize(5);
        assertThat(history.get(0).steps()).isEqualTo(7);          // ceil(200 / 32) steps per epoch
        assertThat(history.get(4).train().loss()).isLessThan(history.get(0).train().loss());
        assertThat(trainer.evaluate(x, y).accuracy()).isGreaterThan(0.95);
        assertThat(history.get(4).validation().accuracy()).isGreaterThan(0.95);
    }

    @Test
    void tensorDataIsChecked() {
        MLP model = new MLP(new Random(0), DType.FLOAT32, 2, 4, 1);
        TensorTrainer t = new TensorTrainer(model, ClassificationLoss.BINARY_CROSS_ENTROPY,
                new SGD(ParameterGroup.of(model.parameters()), 0.1, 0, 0));
        jgrad.tensor.Tensor x = jgrad.tensor.Tensor.zeros(3, 2);
        assertThatThrownBy(() -> t.fit(x, new int[] {0, 1}, null, null, 1)).hasMessageContaining("[3, 2]")
                .hasMessageContaining("2 labels");
        assertThatThrownBy(() -> t.fit(x, new int[] {0, 1, 2}, null, null, 1)).hasMessageContaining("label 2 of row 2");
        assertThatThrownBy(() -> t.fit(jgrad.tensor.Tensor.zeros(0, 2), new int[0], null, null, 1)).hasMessageContaining("empty");
    }

    @Test
    void rejectsDataThatDoesNotFitTheLoss() {
        Dataset spiral = Datasets.spiral(30, 3, 0.1, new Random(0));
        MLP model = new MLP(new Random(0), DType.FLOAT32, 2, 4, 1);
        TensorTrainer t = new TensorTrainer(model, ClassificationLoss.MAX_MARGIN,
                new SGD(ParameterGroup.of(model.parameters()), 0.1, 0, 0));
        assertThatThrownBy(() -> t.fit(spiral, null, 1)).hasMessageContaining("3 classes");
        assertThatThrownBy(() -> t.batchSize(0)).hasMessageContaining("batchSize");
    }
}
