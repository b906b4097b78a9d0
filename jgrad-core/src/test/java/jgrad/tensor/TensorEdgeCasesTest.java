package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import jgrad.tensor.functional.Functional;

/** Values where a composition's pieces have kinks or undefined derivatives; expected values by hand and from PyTorch's rules. */
class TensorEdgeCasesTest {

    @Test
    void bceWithLogitsHasTheRightGradientAtALogitOfExactlyZero() {
        // d/dx mean(bce(x, y)) = (sigmoid(x) - y) / n; sigmoid(0) = 0.5
        Tensor x = Tensor.of(new double[] {0, 0, 1e-9}, 3).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {0, 1, 0}, 3);
        Tensor loss = Functional.bceWithLogits(x, y);
        loss.backward();
        assertThat(loss.item()).isCloseTo(Math.log(2) + 0.5e-9 / 3, within(1e-12));
        double[] g = x.grad().toDoubleArray();
        assertThat(g[0]).isCloseTo(0.5 / 3, within(1e-12));
        assertThat(g[1]).isCloseTo(-0.5 / 3, within(1e-12));
        assertThat(g[2]).isCloseTo((0.5 + 0.25e-9) / 3, within(1e-12));
    }

    @Test
    void whereTestsTheConditionInItsOwnDtype() {
        Tensor condition = Tensor.of(new double[] {1e-50, 0}, 2);
        Tensor a = Tensor.of(new float[] {1, 2}, 2);
        Tensor b = Tensor.of(new float[] {10, 20}, 2);
        assertThat(Tensor.where(condition, a, b).toFloatArray()).containsExactly(1f, 20f);
    }

    @Test
    void reluKeepsNaNInBothDtypes() {
        assertThat(Tensor.of(new double[] {Double.NaN, -1}, 2).relu().toDoubleArray()).containsExactly(Double.NaN, 0.0);
        assertThat(Tensor.of(new float[] {Float.NaN, -1}, 2).relu().toFloatArray()).containsExactly(Float.NaN, 0f);
    }

    @Test
    void powGradientsAtABaseOfZeroFollowPyTorch() {
        Tensor x = Tensor.of(new double[] {0, 2}, 2).requiresGrad(true);
        x.pow(0).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0.0, 0.0);

        Tensor a = Tensor.of(new double[] {0, 0, 3}, 3).requiresGrad(true);
        Tensor e = Tensor.of(new double[] {2, 0, 2}, 3).requiresGrad(true);
        a.pow(e).sum().backward();
        // d/da = e a^(e-1): 0, 0 (masked where e = 0), 6; d/de = a^e ln a: 0, 0 (masked), 9 ln 3
        assertThat(a.grad().toDoubleArray()).containsExactly(0.0, 0.0, 6.0);
        double[] ge = e.grad().toDoubleArray();
        assertThat(ge[0]).isEqualTo(0.0);
        assertThat(ge[1]).isEqualTo(0.0);
        assertThat(ge[2]).isCloseTo(9 * Math.log(3), within(1e-12));
    }

    @Test
    void anInPlaceUpdateOfAViewIsRefusedSoItCannotChangeAParameterBehindTheGraph() {
        Tensor p = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor view = p.reshape(1, 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> view.addScaledInPlace(1, Tensor.of(new double[] {5, 5}, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("addScaledInPlace").hasMessageContaining("leaf");
        assertThat(p.toDoubleArray()).containsExactly(1.0, 2.0);
    }

    @Test
    void softmaxNamesItselfInItsErrors() {
        Tensor x = Tensor.ones(2, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> x.softmax(5))
                .hasMessageStartingWith("softmax: axis 5 is out of range for shape [2, 3]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tensor.zeros(2, 0).logSoftmax(1))
                .hasMessageStartingWith("logSoftmax: axis 1 of shape [2, 0] is empty");
    }
}
