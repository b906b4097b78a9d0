package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jgrad.data.Dataset;
import jgrad.io.Idx;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.Trainer;
import jgrad.optim.Adam;
import jgrad.optim.LearningRateSchedule;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A LeNet-style CNN learns scikit-learn's 8×8 digits (UCI, 1,797 images, committed as IDX): at
 * least 97% accuracy on 360 held-out images, seeded (Adam 5e-3 with a cosine schedule, batch 32,
 * 12 epochs, pixels standardised with the training images' mean and deviation; about 8 s).
 */
class DigitsCnnTest {
    static final Path DIR = Path.of("src/test/resources/jgrad/digits");

    @Test
    void leNetReachesNinetySevenPercentOnHeldOutDigits() throws Exception {
        Tensor x = Idx.readImages(DIR.resolve("digits-images-idx3-ubyte.gz"));
        int[] y = Idx.readLabels(DIR.resolve("digits-labels-idx1-ubyte.gz"));
        assertThat(x.shape().toArray()).containsExactly(1797, 64);
        Random rng = new Random(0);
        int[] order = Dataset.permutation(y.length, rng);
        int[] train = Arrays.copyOfRange(order, 0, 1437), held = Arrays.copyOfRange(order, 1437, 1797);
        Tensor tx = x.indexSelect(0, train), hx = x.indexSelect(0, held);
        double mean = tx.mean().item(), sd = Math.sqrt(tx.sub(mean).pow(2).mean().item());
        Sequential net = LeNet.of(8, 8, 10, DType.FLOAT32, rng);
        int epochs = 12;
        TensorTrainer trainer = new TensorTrainer(net, ClassificationLoss.CROSS_ENTROPY,
                new Adam(net.parameters(), 5e-3)).batchSize(32).random(rng);
        trainer.schedule(LearningRateSchedule.cosine(5e-3, 0, epochs * trainer.stepsPerEpoch(train.length)));
        List<Trainer.Epoch> history = trainer.fit(tx.sub(mean).div(sd), pick(y, train), hx.sub(mean).div(sd),
                pick(y, held), epochs);
        double accuracy = history.get(history.size() - 1).validation().accuracy();
        assertThat(accuracy).as("held-out accuracy per epoch %s", history.stream()
                .map(e -> String.format("%.3f", e.validation().accuracy())).toList()).isGreaterThanOrEqualTo(0.97);
    }

    private static int[] pick(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }
}
