package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModulesTest {

    @Test
    void linearComputesXTimesWTransposedPlusB() {
        Linear layer = new Linear(3, 2, DType.FLOAT64, Init.MICROGRAD, new Random(0));
        layer.weight().copyFrom(Tensor.of(new double[] {1, 2, 3, -1, 0, 1}, 2, 3));
        layer.bias().copyFrom(Tensor.of(new double[] {0.5, -0.5}, 2));
        Tensor y = layer.forward(Tensor.of(new double[] {1, 1, 1, 2, 0, -1}, 2, 3));
        // row 1: [1+2+3+0.5, -1+0+1-0.5]; row 2: [2-3+0.5, -2-1-0.5]
        assertThat(y.toDoubleArray()).containsExactly(6.5, -0.5, -0.5, -3.5);
        assertThat(layer.forward(Tensor.ones(DType.FLOAT64, 4, 5, 3)).shape()).isEqualTo(Shape.of(4, 5, 2));
        assertThatThrownBy(() -> layer.forward(Tensor.ones(2, 4)))
                .hasMessageContaining("Linear(3, 2)").hasMessageContaining("[2, 4]");
        assertThat(layer.toString()).isEqualTo("Linear(in_features=3, out_features=2)");
    }

    @Test
    void initialisationsHaveTheirBoundsAndVariance() {
        Random rng = new Random(1);
        Tensor k = Init.KAIMING_UNIFORM.weight(DType.FLOAT64, rng, 200, 50);
        double bound = Math.sqrt(6.0 / 50);
        assertThat(k.abs().max().item()).isLessThanOrEqualTo(bound).isGreaterThan(0.95 * bound);
        // U(-b, b) has variance b²/3 = 2/fanIn
        assertThat(k.pow(2).mean().item()).isCloseTo(2.0 / 50, within(0.004));
        Tensor x = Init.XAVIER_UNIFORM.weight(DType.FLOAT64, rng, 30, 70);
        assertThat(x.abs().max().item()).isLessThanOrEqualTo(Math.sqrt(6.0 / 100));
        Tensor n = Init.KAIMING_NORMAL.weight(DType.FLOAT64, rng, 300, 60);
        assertThat(n.pow(2).mean().item()).isCloseTo(2.0 / 60, within(0.003));
        assertThat(Init.MICROGRAD.weight(DType.FLOAT64, rng, 10, 10).abs().max().item()).isLessThan(1);
        // seeded: the same seed gives the same layer
        assertThat(new Linear(4, 3, 7).weight().toFloatArray()).containsExactly(new Linear(4, 3, 7).weight().toFloatArray());
        // torch.nn.Linear's default: weight and bias both from U(-1/√in, 1/√in) (here 1/√4 = 0.5)
        Linear pt = new Linear(4, 3, 7);
        assertThat(pt.weight().abs().max().item()).isLessThanOrEqualTo(0.5);
        assertThat(pt.bias().abs().max().item()).isLessThanOrEqualTo(0.5).isGreaterThan(0);
        assertThat(new Linear(4, 3, DType.FLOAT32, Init.KAIMING_UNIFORM, new Random(7)).bias().toFloatArray())
                .containsOnly(0f);
    }

    @Test
    void sequentialNamesParametersLikePytorch() {
        Sequential net = new Sequential(new Linear(2, 4, 0), Activation.TANH, new Linear(4, 1, 1));
        assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(net.parameterCount()).isEqualTo(2 * 4 + 4 + 4 + 1);
        assertThat(net.forward(Tensor.ones(5, 2)).shape()).isEqualTo(Shape.of(5, 1));
        assertThat(net.toString()).isEqualTo("Sequential(\n  (0): Linear(in_features=2, out_features=4)\n"
                + "  (1): Tanh()\n  (2): Linear(in_features=4, out_features=1)\n)");
        assertThat(Activation.RELU.forward(Tensor.of(new float[] {-1, 2}, 2)).toFloatArray()).containsExactly(0, 2);
        assertThat(Activation.SIGMOID.forward(Tensor.zeros(1)).item()).isEqualTo(0.5);
        assertThat(Activation.IDENTITY.namedParameters()).isEmpty();
    }

    @Test
    void mlpHasMicrogradsParameterCountAndOrder() {
        MLP mlp = new MLP(new Random(0), DType.FLOAT64, 2, 16, 16, 1);
        assertThat(mlp.parameterCount()).isEqualTo(337);
        MLP small = new MLP(new Random(0), DType.FLOAT64, 3, 2, 1);
        // micrograd order: neuron by neuron, weights then bias
        small.setMicrogradParameters(new double[] {1, 2, 3, 10, 4, 5, 6, 20, 7, 8, 30});
        assertThat(small.layers().get(0).weight().toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(small.layers().get(0).bias().toDoubleArray()).containsExactly(10, 20);
        assertThat(small.layers().get(1).weight().toDoubleArray()).containsExactly(7, 8);
        assertThat(small.layers().get(1).bias().toDoubleArray()).containsExactly(30);
        // relu(1·1 + 2·0 + 3·(-1) + 10) = 8, relu(4 - 6 + 20) = 18; 7·8 + 8·18 + 30 = 230
        assertThat(small.forward(Tensor.of(new double[] {1, 0, -1}, 1, 3)).item()).isEqualTo(230);
        assertThatThrownBy(() -> small.setMicrogradParameters(new double[3])).hasMessageContaining("11 parameters");
        assertThatThrownBy(() -> new MLP(new Random(0), DType.FLOAT32, 3)).hasMessageContaining("MLP");
    }

    @Test
    void loadParametersChecksNamesAndShapes() {
        MLP a = new MLP(new Random(1), DType.FLOAT32, 2, 3, 1);
        MLP b = new MLP(new Random(2), DType.FLOAT64, 2, 3, 1);
        b.loadParameters(a.namedParameters());
        assertThat(b.layers().get(0).weight().toFloatArray()).containsExactly(a.layers().get(0).weight().toFloatArray());
        assertThat(b.layers().get(0).weight().dtype()).isEqualTo(DType.FLOAT64);
        Map<String, Tensor> wrong = new LinkedHashMap<>(a.namedParameters());
        wrong.put("0.weight", Tensor.zeros(3, 3));
        assertThatThrownBy(() -> b.loadParameters(wrong)).hasMessageContaining("0.weight").hasMessageContaining("[3, 3]")
                .hasMessageContaining("[3, 2]");
        wrong.remove("0.weight");
        assertThatThrownBy(() -> b.loadParameters(wrong)).hasMessageContaining("missing parameter '0.weight'");
        wrong.put("0.weight", Tensor.zeros(3, 2));
        wrong.put("9.bias", Tensor.zeros(1));
        assertThatThrownBy(() -> b.loadParameters(wrong)).hasMessageContaining("unexpected parameter '9.bias'");
    }
}
