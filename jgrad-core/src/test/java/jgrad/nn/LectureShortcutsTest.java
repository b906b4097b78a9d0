package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

/** {@link MLP#lecture}, {@code Neuron.forward(double...)} and {@code Layer.forward(double...)}. */
class LectureShortcutsTest {

    @Test
    void oneCallBuildsTheLecturesTanhNetwork() {
        MLP model = MLP.lecture(new Random(7), 3, 4, 4, 1);
        MLP spelledOut = LectureMlpTest.lectureModel(7);
        assertThat(model.toString()).isEqualTo(spelledOut.toString());
        assertThat(model.parameters()).hasSize(41);   // REFERENCE.md: MLP(3,[4,4,1]) = 41
        for (int i = 0; i < 41; i++) {
            assertThat(model.parameters().get(i).data()).isEqualTo(spelledOut.parameters().get(i).data());
        }
        // every bias is drawn from U(-1, 1), none is micrograd's 0
        for (Layer layer : model.layers()) {
            for (Neuron n : layer.neurons()) {
                assertThat(n.bias().data()).isBetween(-1.0, 1.0).isNotZero();
                assertThat(n.activation()).isEqualTo(Activation.TANH);
            }
        }
    }

    @Test
    void theLecturesLoopTrainsItWhereMicrogradsReluNetStalls() {
        // REFERENCE.md: 20 steps of p -= 0.1 * grad end below 0.1
        for (long seed = 0; seed < 10; seed++) {
            double[] losses = LectureMlpTest.train(MLP.lecture(new Random(seed), 3, 4, 4, 1), 20);
            assertThat(losses[19]).as("seed " + seed).isLessThan(0.1);
        }
    }

    @Test
    void neuronAndLayerTakePlainNumbers() {
        Neuron n = new Neuron(new Random(0), 2, Activation.TANH);
        Value fromDoubles = n.forward(2.0, 0.0);
        Value fromValues = n.forward(List.of(Value.of(2.0), Value.of(0.0)));
        double w0 = n.weights().get(0).data(), b = n.bias().data();
        assertThat(fromDoubles.data()).isEqualTo(Math.tanh(b + w0 * 2.0)).isEqualTo(fromValues.data());
        Layer layer = new Layer(new Random(0), 3, 2, Activation.LINEAR);
        List<Value> out = layer.forward(1.0, -1.0, 0.5);
        assertThat(out).hasSize(2);
        Neuron first = layer.neurons().get(0);
        double expected = first.bias().data() + first.weights().get(0).data() - first.weights().get(1).data()
                + 0.5 * first.weights().get(2).data();
        assertThat(out.get(0).data()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-15));
        assertThatThrownBy(() -> layer.forward(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer.forward").hasMessageContaining("3");
    }
}
