package jgrad.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole float32 MLP training steps (forward, backward, SGD update) in jgrad and in libtorch from
 * the same weights on the same batch: the losses of five consecutive steps and the parameters
 * after them agree to float32 precision, for a classifier (cross-entropy) and micrograd's
 * 2-16-16-1 regression (MSE). The loss must also fall, so the update really happened on both sides.
 */
class MlpStepVsTorchTest {
    @ParameterizedTest(name = "{0} at batch {1}")
    @CsvSource({"'784,128,10', 32", "'2,16,16,1', 100", "'20,64,64,5', 17"})
    void trainingStepsMatchLibtorch(String layers, int batch) {
        int[] sizes = java.util.Arrays.stream(layers.split(",")).mapToInt(Integer::parseInt).toArray();
        MlpPair pair = new MlpPair(sizes, batch, 0.1, 11);
        double first = Double.NaN, last = Double.NaN;
        for (int step = 0; step < 5; step++) {
            double jgrad = pair.jgradStep(), libtorch = pair.torchStep();
            assertThat(jgrad).as("loss at step %d", step).isCloseTo(libtorch, within(1e-5 * Math.max(1, Math.abs(libtorch))));
            first = step == 0 ? jgrad : first;
            last = jgrad;
        }
        assertThat(last).as("the loss falls").isLessThan(first);
        assertThat(pair.maxParameterDifference()).as("parameters after 5 steps").isLessThan(1e-5);
    }
}
