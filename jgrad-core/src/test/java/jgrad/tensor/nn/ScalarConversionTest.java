package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.engine.Value;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import jgrad.nn.Layer;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensor MLPs and scalar-engine MLPs convert into each other and compute the same function. */
class ScalarConversionTest {
    @TempDir
    Path dir;

    private static jgrad.nn.MLP scalarNet() {
        Random rng = new Random(4);
        return new jgrad.nn.MLP(List.of(
                new Layer(rng, 3, 5, jgrad.nn.Activation.TANH),
                new Layer(rng, 5, 4, jgrad.nn.Activation.SIGMOID),
                new Layer(rng, 4, 2, jgrad.nn.Activation.LINEAR)));
    }

    @Test
    void fromScalarComputesTheSameOutputs() {
        jgrad.nn.MLP scalar = scalarNet();
        MLP tensor = MLP.fromScalar(scalar, DType.FLOAT64);
        assertThat(tensor.activations()).containsExactly(Activation.TANH, Activation.SIGMOID, Activation.IDENTITY);
        assertThat(tensor.parameterCount()).isEqualTo(scalar.parameters().size());
        double[][] xs = {{0.5, -1, 2}, {0, 0.3, -0.7}};
        Tensor out = tensor.forward(Tensor.of(new double[] {0.5, -1, 2, 0, 0.3, -0.7}, 2, 3));
        for (int n = 0; n < 2; n++) {
            List<Value> expected = scalar.forward(xs[n]);
            for (int j = 0; j < 2; j++) {
                assertThat(out.get(n, j)).isCloseTo(expected.get(j).data(), within(1e-12));
            }
        }
    }

    @Test
    void toScalarRoundTripsThroughTheModelFile() throws IOException {
        MLP tensor = new MLP(new Random(9), DType.FLOAT64, Activation.TANH, Init.XAVIER_UNIFORM, 2, 6, 3);
        jgrad.nn.MLP scalar = tensor.toScalar();
        assertThat(scalar.parameterData()).containsExactly(tensor.microgradParameters());
        Path file = dir.resolve("model.json");
        ModelFile.save(file, new SavedModel(scalar, null, List.of(), List.of(), Map.of()));
        MLP back = MLP.fromScalar(ModelFile.load(file).model(), DType.FLOAT64);
        Tensor x = Tensor.randn(DType.FLOAT64, new Random(1), 4, 2);
        assertThat(back.forward(x).toDoubleArray()).containsExactly(tensor.forward(x).toDoubleArray());
        assertThat(back.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
    }

    @Test
    void mismatchedLayersAreRejected() {
        Linear a = new Linear(2, 3, 0), b = new Linear(4, 1, 0);
        assertThatThrownBy(() -> new MLP(List.of(a, b), List.of(Activation.RELU, Activation.IDENTITY)))
                .hasMessageContaining("layer 1 takes 4 inputs but layer 0 gives 3");
        assertThatThrownBy(() -> new MLP(List.of(a), List.of())).hasMessageContaining("one activation per layer");
    }
}
