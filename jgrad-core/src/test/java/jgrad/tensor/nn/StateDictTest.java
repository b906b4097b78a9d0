package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import jgrad.io.SafeTensors;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.tensor.functional.Functional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modules as PyTorch's: training mode, buffers, state dicts under PyTorch's names, bias=false. */
class StateDictTest {

    /** A module with named children and a buffer, as a PyTorch user would write one. */
    static final class Net extends AbstractTensorModule {
        final Linear fc1 = registerModule("fc1", new Linear(3, 4, DType.FLOAT64, Init.KAIMING_UNIFORM, new Random(1)));
        final Tensor scale = registerBuffer("scale", Tensor.ones(DType.FLOAT64, 2));
        final Linear fc2 = registerModule("fc2", new Linear(4, 2, false, DType.FLOAT64, Init.KAIMING_UNIFORM,
                new Random(2)));

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(Functional.relu(fc1.forward(x))).mul(scale);
        }
    }

    private static Tensor t64(double[] v, int... shape) {
        return Tensor.of(DType.FLOAT64, v, shape);
    }

    @Test
    void keysFollowPytorchsNaming() {
        Net net = new Net();
        // torch: own parameters, own buffers, then children in registration order
        assertThat(net.stateDict().keySet()).containsExactly("scale", "fc1.weight", "fc1.bias", "fc2.weight");
        assertThat(net.namedParameters().keySet()).containsExactly("fc1.weight", "fc1.bias", "fc2.weight");
        assertThat(net.namedBuffers().keySet()).containsExactly("scale");
        assertThat(net.parameters()).hasSize(3).doesNotContain(net.scale);
        Sequential seq = new Sequential(new Linear(2, 3, 0), Activation.RELU, new Net());
        assertThat(seq.stateDict().keySet()).containsExactly("0.weight", "0.bias", "2.scale", "2.fc1.weight",
                "2.fc1.bias", "2.fc2.weight");
        assertThat(seq.namedChildren().keySet()).containsExactly("0", "1", "2");
        MLP mlp = new MLP(new Random(0), DType.FLOAT32, 2, 8, 8, 1);
        assertThat(mlp.stateDict().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias",
                "4.weight", "4.bias");
    }

    @Test
    void trainAndEvalReachEveryChild() {
        Net inner = new Net();
        Sequential seq = new Sequential(new Linear(3, 3, 0), Activation.TANH, inner);
        assertThat(seq.isTraining()).isTrue();
        seq.eval();
        assertThat(seq.isTraining()).isFalse();
        assertThat(inner.isTraining()).isFalse();
        assertThat(inner.fc1.isTraining()).isFalse();
        assertThat(((Linear) seq.modules().get(0)).isTraining()).isFalse();
        seq.train();
        assertThat(inner.fc2.isTraining()).isTrue();
        inner.train(false);
        assertThat(seq.isTraining()).isTrue();
        assertThat(inner.fc2.isTraining()).isFalse();
    }

    @Test
    void loadsAStateDictWithPytorchsNames() {
        // as torch.nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1)).state_dict() names them
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("0.weight", t64(new double[] {1, -1, 2, 0.5}, 2, 2));
        state.put("0.bias", t64(new double[] {0.5, -3}, 2));
        state.put("2.weight", t64(new double[] {2, 10}, 1, 2));
        state.put("2.bias", t64(new double[] {-1}, 1));
        Sequential net = new Sequential(new Linear(2, 2, 0), Activation.RELU, new Linear(2, 1, 0));
        TensorModule.IncompatibleKeys keys = net.loadStateDict(state, true);
        assertThat(keys.missingKeys()).isEmpty();
        assertThat(keys.unexpectedKeys()).isEmpty();
        assertThat(net.stateDict().get("0.weight").dtype()).isEqualTo(DType.FLOAT32);
        // x = [3, 1]: h = relu([3 - 1 + 0.5, 6 + 0.5 - 3]) = [2.5, 3.5]; y = 2·2.5 + 10·3.5 - 1 = 39
        assertThat(net.forward(Tensor.of(new float[] {3, 1}, 1, 2)).item()).isEqualTo(39);
    }

    @Test
    void strictLoadNamesKeysAndShapesAndNonStrictLoadsTheRest() {
        Net net = new Net();
        Map<String, Tensor> state = new LinkedHashMap<>(new Net().stateDict());
        state.remove("fc1.bias");
        state.put("fc2.bias", Tensor.zeros(2));
        double[] before = net.fc1.weight().toDoubleArray();
        assertThatThrownBy(() -> net.loadStateDict(state, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing keys ['fc1.bias' [4]]")
                .hasMessageContaining("unexpected keys ['fc2.bias' [2]]")
                .hasMessageContaining("strict=false");
        assertThat(net.fc1.weight().toDoubleArray()).containsExactly(before);   // nothing copied

        state.put("scale", t64(new double[] {2, 3}, 2));
        TensorModule.IncompatibleKeys keys = net.loadStateDict(state, false);
        assertThat(keys.missingKeys()).containsExactly("fc1.bias");
        assertThat(keys.unexpectedKeys()).containsExactly("fc2.bias");
        assertThat(net.scale.toDoubleArray()).containsExactly(2, 3);

        state.put("fc1.weight", Tensor.zeros(4, 4));
        assertThatThrownBy(() -> net.loadStateDict(state, false))
                .hasMessageContaining("'fc1.weight'").hasMessageContaining("[4, 4]").hasMessageContaining("[4, 3]");
    }

    @Test
    void linearWithoutBias() {
        Linear l = new Linear(2, 2, false, DType.FLOAT64, Init.MICROGRAD, new Random(0));
        l.weight().copyFrom(t64(new double[] {1, 2, 3, 4}, 2, 2));
        assertThat(l.forward(t64(new double[] {1, -1}, 1, 2)).toDoubleArray()).containsExactly(-1, -1);
        assertThat(l.hasBias()).isFalse();
        assertThat(l.bias()).isNull();
        assertThat(l.stateDict().keySet()).containsExactly("weight");
        assertThat(l.toString()).isEqualTo("Linear(in_features=2, out_features=2, bias=False)");
        assertThatThrownBy(() -> l.loadStateDict(Map.of("weight", Tensor.zeros(2, 2), "bias", Tensor.zeros(2)), true))
                .hasMessageContaining("unexpected keys ['bias' [2]]");
        assertThatThrownBy(() -> new MLP(java.util.List.of(l), java.util.List.of(Activation.IDENTITY)))
                .hasMessageContaining("no bias");
    }

    @Test
    void registrationRefusesBadNamesAndKinds() {
        class Bad extends AbstractTensorModule {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        Bad b = new Bad();
        assertThatThrownBy(() -> b.registerParameter("w", Tensor.zeros(2))).hasMessageContaining("registerBuffer");
        assertThatThrownBy(() -> b.registerBuffer("a.b", Tensor.zeros(2))).hasMessageContaining("'.'");
        b.registerBuffer("m", Tensor.zeros(2));
        assertThatThrownBy(() -> b.registerModule("m", new Linear(1, 1, 0))).hasMessageContaining("already registered");
        assertThatThrownBy(() -> b.registerBuffer("g", Tensor.zeros(2).requiresGrad(true)))
                .hasMessageContaining("requires a gradient");
    }

    @Test
    void stateDictRoundTripsThroughSafeTensors(@TempDir Path dir) throws Exception {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Net a = new Net();
            a.scale.copyFrom(t64(new double[] {0.5, -2}, 2));
            Sequential model = new Sequential(new Linear(3, 3, dtype, Init.KAIMING_UNIFORM, new Random(5)), a);
            Path file = dir.resolve(dtype + ".safetensors");
            SafeTensors.save(file, model.stateDict());
            Net b = new Net();
            Sequential fresh = new Sequential(new Linear(3, 3, dtype, Init.KAIMING_UNIFORM, new Random(6)), b);
            fresh.loadStateDict(SafeTensors.load(file), true);
            assertThat(b.scale.toDoubleArray()).containsExactly(0.5, -2);
            Tensor x = Tensor.randn(dtype, new Random(9), 4, 3);
            assertThat(fresh.forward(x).toDoubleArray()).containsExactly(model.forward(x).toDoubleArray());
            assertThat(SafeTensors.load(file).get("0.weight").dtype()).isEqualTo(dtype);
        }
    }
}
