package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

class MlpTest {

    @Test
    void microgradDefaultsAndRepr() {
        MLP model = new MLP(new Random(1), 2, 16, 16, 1);
        assertThat(model.parameters()).hasSize(337); // REFERENCE.md
        String hidden1 = String.join(", ", Collections.nCopies(16, "ReLUNeuron(2)"));
        String hidden2 = String.join(", ", Collections.nCopies(16, "ReLUNeuron(16)"));
        assertThat(model).hasToString("MLP of [Layer of [" + hidden1 + "], Layer of [" + hidden2
                + "], Layer of [LinearNeuron(16)]]");
        for (Layer layer : model.layers()) {
            for (Neuron n : layer.neurons()) {
                assertThat(n.bias().data()).isZero();
                for (Value w : n.weights()) {
                    assertThat(w.data()).isBetween(-1.0, 1.0);
                }
            }
        }
    }

    @Test
    void parametersAreLayerByLayerNeuronByNeuronWeightsThenBiasInDrawOrder() {
        MLP model = new MLP(new Random(42), 3, 2, 1);
        // independent replay of the draws: per neuron, nin uniform(-1, 1) weights, then bias 0
        Random r = new Random(42);
        List<Double> expected = new ArrayList<>();
        int[][] shape = {{3, 2}, {2, 1}}; // {nin, nout}
        for (int[] layer : shape) {
            for (int j = 0; j < layer[1]; j++) {
                for (int i = 0; i < layer[0]; i++) {
                    expected.add(-1 + 2 * r.nextDouble());
                }
                expected.add(0.0);
            }
        }
        assertThat(model.parameterData()).containsExactly(expected.stream().mapToDouble(d -> d).toArray());
        Neuron first = model.layers().get(0).neurons().get(0);
        assertThat(model.parameters().get(0)).isSameAs(first.weights().get(0));
        assertThat(model.parameters().get(3)).isSameAs(first.bias());
        assertThat(model.parameters().get(4)).isSameAs(model.layers().get(0).neurons().get(1).weights().get(0));
        assertThat(model.parameters().get(8)).isSameAs(model.layers().get(1).neurons().get(0).weights().get(0));
        assertThat(model.parameters()).isSameAs(model.parameters()); // the same nodes on every call
    }

    @Test
    void lectureNeuronReferenceNumbers() {
        // REFERENCE.md, lecture: x1=2, x2=0, w1=-3, w2=1, b=6.8813735870195432, o = tanh(x·w + b)
        Neuron n = new Neuron(new Random(0), 2, Activation.TANH);
        n.setParameterData(-3, 1, 6.8813735870195432);
        Value x1 = Value.of(2);
        Value x2 = Value.of(0);
        Value o = n.forward(List.of(x1, x2));
        o.backward();
        assertThat(o.data()).isCloseTo(0.7071067811865476, within(1e-15));
        assertThat(x1.grad()).isCloseTo(-1.5, within(1e-12));
        assertThat(x2.grad()).isCloseTo(0.5, within(1e-12));
        assertThat(n.weights().get(0).grad()).isCloseTo(1.0, within(1e-12));
        assertThat(n.weights().get(1).grad()).isZero();
        assertThat(n.bias().grad()).isCloseTo(0.5, within(1e-12));
        assertThat(n).hasToString("TanhNeuron(2)");
    }

    @Test
    void oneNeuronLayerInsideANetworkWorks() {
        MLP model = new MLP(new Random(3), 2, 1, 3, 1);
        model.setParameterData(0.5, -1.0, 0.25, /* */ 1.0, 0.1, -2.0, 0.2, 3.0, 0.3, /* */ 1.0, 1.0, 1.0, 0.0);
        // h = relu(0.5·1 - 1·2 + 0.25) = relu(-1.25) = 0; layer 2: relu(b) = [0.1, 0.2, 0.3]; out = 0.6
        List<Value> out = model.forward(1.0, 2.0);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).data()).isCloseTo(0.6, within(1e-15));
        out.get(0).backward();
        assertThat(model.layers().get(1).neurons().get(0).bias().grad()).isEqualTo(1.0);
        assertThat(new MLP(new Random(0), 3, 1).forward(1, 2, 3)).hasSize(1);
        assertThat(model.forwardScalar(1.0, 2.0).data()).isCloseTo(0.6, within(1e-15));
    }

    @Test
    void builderChoosesActivationsAndInit() {
        MLP m = MLP.builder(2, 3, 2).hiddenActivation(Activation.SIGMOID).outputActivation(Activation.TANH)
                .weightInit(Init.zeros()).biasInit(Init.uniform(2, 3)).build(new Random(0));
        assertThat(m).hasToString("MLP of [Layer of [SigmoidNeuron(2), SigmoidNeuron(2), SigmoidNeuron(2)], "
                + "Layer of [TanhNeuron(3), TanhNeuron(3)]]");
        assertThat(m.layers().get(0).neurons().get(0).weights().get(0).data()).isZero();
        assertThat(m.layers().get(1).neurons().get(1).bias().data()).isBetween(2.0, 3.0);
        // with zero weights, sigmoid layer outputs sigmoid(b), and the output is tanh(b2)
        double b2 = m.layers().get(1).neurons().get(0).bias().data();
        assertThat(m.forward(5, -5).get(0).data()).isCloseTo(Math.tanh(b2), within(1e-15));
        MLP per = MLP.builder(2, 3, 1).activations(List.of(Activation.TANH, Activation.SIGMOID)).build(new Random(0));
        assertThat(per.layers().get(1).activation()).isEqualTo(Activation.SIGMOID);
        assertThat(Activation.LINEAR.apply(Value.of(-3)).data()).isEqualTo(-3);
    }

    @Test
    void sameSeedSameNetwork() {
        assertThat(new MLP(new Random(7), 2, 4, 1).parameterData())
                .containsExactly(new MLP(new Random(7), 2, 4, 1).parameterData());
        assertThat(new MLP(new Random(7), 2, 4, 1).parameterData())
                .isNotEqualTo(new MLP(new Random(8), 2, 4, 1).parameterData());
    }

    @Test
    void heUniformStaysWithinItsLimit() {
        Random r = new Random(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(Init.heUniform().sample(r, 6)).isBetween(-1.0, 1.0); // sqrt(6/6) = 1
        }
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        MLP model = new MLP(new Random(0), 2, 4, 1);
        assertThatThrownBy(() -> model.forward(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes 2 inputs, got 3");
        assertThatThrownBy(() -> new MLP(new Random(0), 2, 3).forwardScalar(1, 2))
                .hasMessageContaining("3 outputs");
        assertThatThrownBy(() -> new MLP(new Random(0), 2)).hasMessageContaining("at least one layer");
        assertThatThrownBy(() -> new MLP(new Random(0), 2, 4, 0)).hasMessageContaining("layer 1");
        assertThatThrownBy(() -> new MLP(List.of(new Layer(new Random(0), 2, 3, Activation.RELU),
                new Layer(new Random(0), 4, 1, Activation.LINEAR)))).hasMessageContaining("takes 4 inputs but layer 0 gives 3");
        double[] before = model.parameterData();
        assertThatThrownBy(() -> model.setParameterData(1, 2)).hasMessageContaining("17 parameters but 2 values");
        double[] nan = before.clone();
        nan[5] = Double.NaN;
        assertThatThrownBy(() -> model.setParameterData(nan)).hasMessageContaining("value 5 is NaN");
        assertThat(model.parameterData()).containsExactly(before);
        assertThatThrownBy(() -> Activation.parse("gelu")).hasMessageContaining("relu, tanh, sigmoid, linear");
        assertThatThrownBy(() -> MLP.builder(2, 3).activations(List.of(Activation.RELU, Activation.RELU)))
                .hasMessageContaining("1 layers but 2 activations");
        assertThatThrownBy(() -> Init.uniform(1, -1)).hasMessageContaining("lo <= hi");
    }

    @Test
    void zeroGradClearsEveryParameter() {
        MLP model = new MLP(new Random(0), 2, 3, 1);
        model.forwardScalar(1, 1).backward();
        assertThat(model.parameters()).anyMatch(p -> p.grad() != 0);
        model.zeroGrad();
        assertThat(model.parameters()).allMatch(p -> p.grad() == 0);
    }
}
