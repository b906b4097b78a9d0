package jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TensorParameterGroupTest {

    @Test
    void bulkReadAndWriteAgreeWithTheElementwiseView() {
        Tensor a = Tensor.of(new float[] {1.5f, -2f, 3f, 0.25f}, 2, 2).requiresGrad(true);
        Tensor empty = Tensor.zeros(0).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {7f, 8f}, 2).requiresGrad(true);
        a.mul(a).sum().backward();             // a.grad = 2a; b has no gradient yet
        ParameterGroup group = ParameterGroup.of(List.of(a, empty, b));

        double[] values = new double[group.size()];
        double[] grads = new double[group.size()];
        group.read(values, grads);
        assertThat(values).containsExactly(1.5, -2, 3, 0.25, 7, 8);
        assertThat(grads).containsExactly(3, -4, 6, 0.5, 0, 0);
        for (int i = 0; i < group.size(); i++) {
            assertThat(values[i]).isEqualTo(group.value(i));
            assertThat(grads[i]).isEqualTo(group.grad(i));
        }

        group.write(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6});
        assertThat(a.toFloatArray()).containsExactly(0.1f, 0.2f, 0.3f, 0.4f);
        assertThat(b.toFloatArray()).containsExactly(0.5f, 0.6f);
    }

    @Test
    void adamOnATensorMatchesAdamOnTheSameNumbersAsScalars() {
        // one Adam step, lr 0.1: with m = (1-b1) g, v = (1-b2) g^2 and bias correction, the step is
        // lr * g / (|g| + eps'), so every parameter moves by almost exactly 0.1 against its gradient
        Tensor w = Tensor.of(new double[] {1.0, -2.0, 0.5}, 3).requiresGrad(true);
        w.mul(w).sum().backward();   // grad = 2w = (2, -4, 1)
        new Adam(ParameterGroup.of(List.of(w)), 0.1, 0.9, 0.999, 1e-8, 0).step();
        double[] after = w.toDoubleArray();
        assertThat(after[0]).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-7));
        assertThat(after[1]).isCloseTo(-1.9, org.assertj.core.api.Assertions.within(1e-7));
        assertThat(after[2]).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-7));
    }

    @Test
    void onlyLeavesThatRequireGradients() {
        Tensor t = Tensor.ones(2);
        assertThatThrownBy(() -> ParameterGroup.of(List.of(t)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requiresGrad");
        ParameterGroup ok = ParameterGroup.of(List.of(t.requiresGrad(true)));
        assertThat(ok.size()).isEqualTo(2);
    }
}
