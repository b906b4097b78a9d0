package jgrad.tensor.nn;

import jgrad.testing.SharedFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.io.Json;
import jgrad.optim.ParameterGroup;
import jgrad.optim.SGD;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * micrograd's moons demo through the tensor engine in float64, full batch: every step's loss and
 * accuracy match shared/fixtures/moons_demo.json (computed by the Python reference) to 1e-9.
 */
class MoonsTensorTest {

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    @Test
    @SuppressWarnings("unchecked")
    void reproducesTheReferenceLossAtEveryStep() throws IOException {
        Path file = SharedFixtures.moonsDemo();
        Map<String, Object> root = (Map<String, Object>) Json.parse(
                new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
        List<Object> rows = (List<Object>) root.get("X");
        double[] flat = new double[rows.size() * 2];
        for (int i = 0; i < rows.size(); i++) {
            double[] r = doubles(rows.get(i));
            flat[2 * i] = r[0];
            flat[2 * i + 1] = r[1];
        }
        Tensor x = Tensor.of(flat, rows.size(), 2);
        Tensor y = Tensor.of(doubles(root.get("y")), rows.size(), 1);
        List<Map<String, Object>> steps = (List<Map<String, Object>>) (Object) root.get("steps");

        MLP model = new MLP(new Random(0), DType.FLOAT64, 2, 16, 16, 1);
        model.setMicrogradParameters(doubles(root.get("initial_parameters")));
        SGD sgd = new SGD(ParameterGroup.of(model.parameters()), 1.0, 0, 0);
        for (int k = 0; k < 100; k++) {
            Tensor scores = model.forward(x);
            // svm "max-margin" loss: mean(relu(1 - y·score)), plus L2 1e-4·Σp²
            Tensor dataLoss = scores.mul(y).neg().add(1).relu().mean();
            Tensor regLoss = Tensor.scalar(DType.FLOAT64, 0);
            for (Tensor p : model.parameters()) {
                regLoss = regLoss.add(p.mul(p).sum());
            }
            Tensor loss = dataLoss.add(regLoss.mul(1e-4));
            double accuracy = scores.gt(0).eq(y.gt(0)).sum().item() / rows.size();
            sgd.zeroGrad();
            loss.backward();
            sgd.setLearningRate(1.0 - 0.9 * k / 100);
            sgd.step();
            double expectedLoss = ((Number) steps.get(k).get("loss")).doubleValue();
            double expectedAccuracy = ((Number) steps.get(k).get("accuracy")).doubleValue();
            assertThat(loss.item()).as("loss at step %d", k).isCloseTo(expectedLoss, within(1e-9));
            assertThat(accuracy).as("accuracy at step %d", k).isEqualTo(expectedAccuracy);
        }
        double[] finalParameters = doubles(root.get("final_parameters"));
        int k = 0;
        for (Linear layer : model.layers()) {
            for (int j = 0; j < layer.weight().dim(0); j++) {
                for (int i = 0; i < layer.weight().dim(1); i++) {
                    assertThat(layer.weight().get(j, i)).isCloseTo(finalParameters[k++], within(1e-9));
                }
                assertThat(layer.bias().get(j)).isCloseTo(finalParameters[k++], within(1e-9));
            }
        }
    }
}
