package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The one activation concept: each constant is a known function, and converts to the scalar engine. */
class ActivationTest {

    @Test
    void eachActivationIsItsFormula() {
        double[] xs = {-2, -0.5, 0.25, 3};
        Tensor x = Tensor.of(DType.FLOAT64, xs, 4);
        for (Activation a : Activation.values()) {
            double[] got = a.forward(x).toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                double v = xs[i], want;
                switch (a) {
                    case RELU: want = Math.max(0, v); break;
                    case TANH: want = Math.tanh(v); break;
                    case SIGMOID: want = 1 / (1 + Math.exp(-v)); break;
                    case GELU: want = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                        break;
                    default: want = v;
                }
                assertThat(got[i]).as(a + " at " + v).isCloseTo(want, within(1e-15));
            }
        }
    }

    @Test
    void convertsToTheScalarEngineExceptGelu() {
        for (Activation a : Activation.values()) {
            if (a != Activation.GELU) {
                assertThat(Activation.of(a.toScalar())).isEqualTo(a);
            }
        }
        assertThatThrownBy(Activation.GELU::toScalar).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GELU");
        assertThat(Activation.GELU.toString()).isEqualTo("GELU(approximate='tanh')");
    }
}
