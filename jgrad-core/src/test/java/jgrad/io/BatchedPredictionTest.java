package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.data.Standardizer;
import jgrad.nn.Activation;
import jgrad.nn.Init;
import jgrad.nn.MLP;
import org.junit.jupiter.api.Test;

/** SavedModel's batched tensor predictions against the scalar engine's, row by row, in float64. */
class BatchedPredictionTest {

    private static double[][] rows(Random rng, int n, int features, double scale) {
        double[][] x = new double[n][features];
        for (double[] row : x) {
            for (int j = 0; j < features; j++) {
                row[j] = scale * rng.nextGaussian();
            }
        }
        return x;
    }

    /** Every output of every row within 1e-12 of the scalar engine's (relative above 1). */
    private static void assertAgree(SavedModel saved, double[][] x) {
        double[][] batched = saved.outputs(x);
        int[] classes = saved.predict(x);
        assertThat(batched).hasNumberOfRows(x.length);
        for (int r = 0; r < x.length; r++) {
            double[] scalar = saved.outputs(x[r]);
            assertThat(batched[r]).hasSize(scalar.length);
            for (int j = 0; j < scalar.length; j++) {
                double tolerance = 1e-12 * Math.max(1, Math.abs(scalar[j]));
                assertThat(Math.abs(batched[r][j] - scalar[j]))
                        .as("row %d output %d: batched %s, scalar %s", r, j, batched[r][j], scalar[j])
                        .isLessThanOrEqualTo(tolerance);
            }
            assertThat(classes[r]).isEqualTo(saved.predict(x[r]));
        }
    }

    @Test
    void reluNetworkWithOneOutputAgreesOverSeveralBatches() {
        Random rng = new Random(11);
        MLP model = new MLP(new Random(1), 2, 16, 16, 1);
        // more rows than one batch, and a last batch that is not full
        assertAgree(new SavedModel(model, null, List.of(), List.of(), Map.of()),
                rows(rng, 2 * BatchedForward.BATCH + 37, 2, 1.5));
    }

    @Test
    void everyActivationAndAStandardizerAgree() {
        Random rng = new Random(12);
        for (Activation hidden : Activation.values()) {
            MLP model = MLP.builder(5, 24, 12, 3).hiddenActivation(hidden).outputActivation(Activation.SIGMOID)
                    .weightInit(Init.uniform(-1, 1)).biasInit(Init.uniform(-0.5, 0.5)).build(new Random(2));
            double[][] train = rows(rng, 50, 5, 3);
            Standardizer standardizer = Standardizer.fit(train);
            SavedModel saved = new SavedModel(model, standardizer, List.of(), List.of("a", "b", "c"), Map.of());
            assertAgree(saved, rows(rng, 300, 5, 3));
        }
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedWithItsIndex() {
        MLP model = new MLP(new Random(1), 2, 4, 1);
        SavedModel saved = new SavedModel(model, null, List.of(), List.of(), Map.of());
        assertThatThrownBy(() -> saved.outputs(new double[][] {{1, 2}, {1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has 3 features")
                .hasMessageContaining("takes 2");
        assertThat(saved.outputs(new double[0][])).isEmpty();
    }

    @Test
    void float32BatchesAgreeWithFloat64ToSinglePrecision() {
        Random rng = new Random(13);
        MLP model = new MLP(new Random(3), 2, 32, 32, 1);
        SavedModel saved = new SavedModel(model, null, List.of(), List.of(), Map.of());
        double[][] x = rows(rng, 500, 2, 2);
        double[][] exact = saved.outputs(x);
        double[][] single = saved.outputs(x, jgrad.tensor.DType.FLOAT32);
        for (int r = 0; r < x.length; r++) {
            assertThat(Math.abs(single[r][0] - exact[r][0]))
                    .as("row %d", r).isLessThanOrEqualTo(1e-4 * Math.max(1, Math.abs(exact[r][0])));
        }
    }
}
