package jgrad.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.engine.Value;
import jgrad.nn.Activation;
import jgrad.nn.MLP;
import org.junit.jupiter.api.Test;

/** The train view's session against the notebook, and its setup checks. */
class TrainSessionTest {

    @Test
    void theDefaultSetupFollowsTheNotebookStepByStep() throws IOException {
        double[] notebook = Fixture.notebookLosses();
        TrainSession s = new TrainSession(TrainConfig.defaults(), null);
        for (int k = 0; k <= 20; k++) {
            assertThat(s.trainMetrics().loss()).as("step " + k).isCloseTo(notebook[k], within(1e-9));
            s.step();
        }
        Map<String, Object> u = s.update(true);
        assertThat(u.get("step")).isEqualTo(21);
        assertThat((double) u.get("trainLoss")).isCloseTo(notebook[21], within(1e-9));
        Map<?, ?> graph = (Map<?, ?>) u.get("graph");
        assertThat(((List<?>) graph.get("nodes")).size()).isLessThanOrEqualTo(TrainSession.GRAPH_NODES);
        assertThat(graph.get("summary").toString()).contains("65,818");   // the demo's whole loss graph, cut
    }

    @Test
    void playingReportsTheSameLossesAsStepping() throws IOException {
        double[] notebook = Fixture.notebookLosses();
        TrainSession s = new TrainSession(TrainConfig.defaults(), null);
        for (int k = 0; k < 30; k++) {
            Map<String, Object> u = s.stepAndUpdate();
            assertThat(u.get("step")).isEqualTo(k);
            assertThat((double) u.get("trainLoss")).as("step " + k).isCloseTo(notebook[k], within(1e-9));
        }
        assertThat(s.steps()).isEqualTo(30);
        assertThat((double) s.update(false).get("trainLoss")).isCloseTo(notebook[30], within(1e-9));
    }

    @Test
    void theReplayedPointGraphIsTheRebuiltOne() {
        TrainConfig c = TrainConfig.fromJson(Map.of("dataset", "moons", "samples", 40L, "init", "seed", "layers", List.of(6L)));
        TrainSession replayed = new TrainSession(c, null);
        replayed.choosePoint(7);
        replayed.step();
        replayed.update(true);
        replayed.step();
        Object a = replayed.update(true).get("graph");
        TrainSession rebuilt = new TrainSession(c, null);
        rebuilt.choosePoint(7);
        rebuilt.step();
        rebuilt.step();
        Object b = rebuilt.update(true).get("graph");
        assertThat(jgrad.io.Json.write((Map<?, ?>) a)).isEqualTo(jgrad.io.Json.write((Map<?, ?>) b));
    }

    @Test
    void theGridForwardIsTheNetworksForward() {
        for (Activation a : List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID)) {
            MLP m = MLP.builder(2, 5, 4, 1).hiddenActivation(a).build(new Random(3));
            GridForward f = new GridForward(m);
            Random r = new Random(4);
            for (int i = 0; i < 50; i++) {
                double[] x = {r.nextGaussian(), r.nextGaussian()};
                Value expected = m.forward(x).get(0);
                assertThat(f.layers(x, f.buffers())[2][0]).isCloseTo(expected.data(), within(1e-12));
            }
        }
    }

    @Test
    void everyDatasetTrains() {
        for (String d : List.of("moons", "circles", "spiral", "xor", "blobs")) {
            TrainSession s = new TrainSession(TrainConfig.fromJson(Map.of("dataset", d, "init", "seed", "samples", 60L,
                    "test", 0.25, "optimizer", "adam", "lr", 0.05, "batch", 16L, "layers", List.of(8L, 8L), "activation", "tanh")), null);
            s.step();
            s.step();
            Map<String, Object> u = s.update(true);
            assertThat(u).containsKeys("testLoss", "testAccuracy", "boundary", "neurons", "state");
            assertThat(List.copyOf(((Map<?, ?>) u.get("state")).keySet())).isEqualTo(List.of("exp_avg", "exp_avg_sq"));
            assertThat(((double[]) ((Map<?, ?>) u.get("state")).get("exp_avg"))).hasSize(8 * 3 + 8 * 9 + 9);
            assertThat(((List<?>) s.setup().get("train"))).hasSize(45);
        }
    }

    @Test
    void limitsAndUnknownChoicesAreRefused() {
        assertThatThrownBy(() -> TrainConfig.fromJson(Map.of("layers", List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L), "init", "seed")))
                .hasMessageContaining("9 hidden layers, more than the 8 allowed");
        assertThatThrownBy(() -> TrainConfig.fromJson(Map.of("layers", List.of(65L), "init", "seed")))
                .hasMessageContaining("65 neurons");
        assertThatThrownBy(() -> TrainConfig.fromJson(Map.of("dataset", "mnist")))
                .hasMessageContaining("unknown dataset 'mnist'").hasMessageContaining("moons, circles");
        assertThatThrownBy(() -> TrainConfig.fromJson(Map.of("lr", -1.0))).hasMessageContaining("'lr' must be a number");
        assertThatThrownBy(() -> TrainConfig.fromJson(Map.of("layers", List.of(8L))))
                .hasMessageContaining("init 'micrograd'");
        assertThatThrownBy(() -> TrainConfig.fromJson(Map.of("colour", "red"))).hasMessageContaining("unknown field 'colour'");
    }
}
