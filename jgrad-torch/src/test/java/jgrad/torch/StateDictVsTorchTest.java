package jgrad.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.functional.Functional;
import jgrad.tensor.nn.AbstractTensorModule;
import jgrad.tensor.nn.Activation;
import jgrad.tensor.nn.Init;
import jgrad.tensor.nn.Linear;
import jgrad.tensor.nn.Sequential;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LinearOptions;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.SequentialImpl;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * jgrad's module names against libtorch's own modules: the keys of {@code named_parameters()} and
 * {@code named_buffers()} of a {@code torch::nn::Sequential} and of a module with named children,
 * a bias-free Linear and a buffer, are jgrad's {@code stateDict()} keys; libtorch's weights load
 * into jgrad by those names and the two forwards agree; {@code eval()} reaches the same children.
 */
class StateDictVsTorchTest {

    private static Map<String, Tensor> entries(StringTensorDict dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (long i = 0; i < dict.size(); i++) {
            out.put(dict.get(i).key().getString(), dict.get(i).value());
        }
        return out;
    }

    private static Map<String, jgrad.tensor.Tensor> toJgrad(Map<String, Tensor> torchState) {
        Map<String, jgrad.tensor.Tensor> out = new LinkedHashMap<>();
        torchState.forEach((k, v) -> {
            long[] s = TorchArrays.shape(v);
            int[] shape = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                shape[i] = Math.toIntExact(s[i]);
            }
            out.put(k, jgrad.tensor.Tensor.of(TorchArrays.floats(v.detach()), shape));
        });
        return out;
    }

    @Test
    void sequentialNamesAndWeightsMatchLibtorch() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(3);
            SequentialImpl tnet = new SequentialImpl();
            tnet.push_back(new LinearImpl(3, 5));
            tnet.push_back(new ReLUImpl());
            tnet.push_back(new LinearImpl(5, 2));
            Map<String, Tensor> tparams = entries(tnet.named_parameters());

            Sequential jnet = new Sequential(new Linear(3, 5, 0), Activation.RELU, new Linear(5, 2, 1));
            assertThat(new ArrayList<>(jnet.stateDict().keySet())).containsExactlyElementsOf(tparams.keySet());
            assertThat(jnet.loadStateDict(toJgrad(tparams), true).missingKeys()).isEmpty();

            jgrad.tensor.Tensor x = jgrad.tensor.Tensor.randn(DType.FLOAT32, new Random(4), 7, 3);
            float[] mine = jnet.forward(x).toFloatArray();
            float[] theirs = TorchArrays.floats(tnet.forward(TorchArrays.tensor(x)));
            for (int i = 0; i < mine.length; i++) {
                assertThat((double) mine[i]).isCloseTo(theirs[i], within(1e-5));
            }

            tnet.eval();
            jnet.eval();
            assertThat(jnet.modules().get(2).isTraining()).isEqualTo(tnet.children().get(2).is_training()).isFalse();
        }
    }

    /** jgrad's twin of the libtorch module built in the test. */
    static final class Net extends AbstractTensorModule {
        final Linear fc1 = registerModule("fc1", new Linear(4, 3, DType.FLOAT32, Init.KAIMING_UNIFORM, new Random(1)));
        final Linear head = registerModule("head", new Linear(3, 2, false, DType.FLOAT32, Init.KAIMING_UNIFORM,
                new Random(2)));
        final jgrad.tensor.Tensor scale = registerBuffer("scale", jgrad.tensor.Tensor.ones(2));

        @Override
        public jgrad.tensor.Tensor forward(jgrad.tensor.Tensor x) {
            return head.forward(Functional.tanh(fc1.forward(x))).mul(scale);
        }
    }

    @Test
    void namedChildrenBuffersAndBiasFreeLinearMatchLibtorch() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(5);
            Module tnet = new Module();
            LinearImpl fc1 = tnet.register_module("fc1", new LinearImpl(4, 3));
            LinearOptions noBias = new LinearOptions(3, 2);
            noBias.bias().put(false);
            LinearImpl head = tnet.register_module("head", new LinearImpl(noBias));
            Tensor scale = tnet.register_buffer("scale", TorchArrays.tensor(new float[] {0.5f, -2f}, 2));

            Net jnet = new Net();
            List<String> torchKeys = new ArrayList<>(entries(tnet.named_parameters()).keySet());
            torchKeys.addAll(entries(tnet.named_buffers()).keySet());
            assertThat(new ArrayList<>(jnet.namedParameters().keySet()))
                    .containsExactlyElementsOf(entries(tnet.named_parameters()).keySet());
            assertThat(new ArrayList<>(jnet.namedBuffers().keySet()))
                    .containsExactlyElementsOf(entries(tnet.named_buffers()).keySet());
            assertThat(jnet.stateDict().keySet()).containsExactlyInAnyOrderElementsOf(torchKeys);

            Map<String, Tensor> state = entries(tnet.named_parameters());
            state.putAll(entries(tnet.named_buffers()));
            jnet.loadStateDict(toJgrad(state), true);
            jgrad.tensor.Tensor x = jgrad.tensor.Tensor.randn(DType.FLOAT32, new Random(6), 5, 4);
            Tensor tx = TorchArrays.tensor(x);
            float[] theirs = TorchArrays.floats(head.forward(torch.tanh(fc1.forward(tx))).mul(scale));
            float[] mine = jnet.forward(x).toFloatArray();
            for (int i = 0; i < mine.length; i++) {
                assertThat((double) mine[i]).isCloseTo(theirs[i], within(1e-5));
            }
        }
    }
}
