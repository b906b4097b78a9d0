package jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

/** Each optimizer against steps computed by hand on one parameter. */
class OptimizerTest {

    /** A parameter group over plain arrays, as a tensor engine would provide. */
    static final class ArrayGroup implements ParameterGroup {
        final double[] value;
        final double[] grad;

        ArrayGroup(double[] value, double[] grad) {
            this.value = value;
            this.grad = grad;
        }

        @Override public int size() { return value.length; }
        @Override public double value(int i) { return value[i]; }
        @Override public double grad(int i) { return grad[i]; }
        @Override public void setValue(int i, double v) { value[i] = v; }
        @Override public void zeroGrad() { java.util.Arrays.fill(grad, 0); }
    }

    @Test
    void plainSgdIsMicrogradsUpdate() {
        Value p = Value.of(1.0);
        SGD sgd = new SGD(List.of(p), 0.1);
        p.label("p");
        setGrad(p, 0.5);
        sgd.step();
        assertThat(p.data()).isEqualTo(1.0 - 0.1 * 0.5); // 0.95
        sgd.zeroGrad();
        assertThat(p.grad()).isZero();
    }

    @Test
    void sgdWithMomentumAndWeightDecayTwoSteps() {
        // lr 0.1, momentum 0.9, weight decay 0.1, p = 1, gradient 0.5 both steps:
        // step 1: g = 0.5 + 0.1·1 = 0.6; b = 0.6; p = 1 - 0.06 = 0.94
        // step 2: g = 0.5 + 0.1·0.94 = 0.594; b = 0.9·0.6 + 0.594 = 1.134; p = 0.94 - 0.1134 = 0.8266
        ArrayGroup g = new ArrayGroup(new double[] {1.0}, new double[] {0.5});
        SGD sgd = new SGD(g, 0.1, 0.9, 0.1);
        sgd.step();
        assertThat(g.value[0]).isCloseTo(0.94, within(1e-15));
        sgd.step();
        assertThat(g.value[0]).isCloseTo(0.8266, within(1e-15));
        assertThat(sgd.stepCount()).isEqualTo(2);
    }

    @Test
    void adamTwoStepsByHand() {
        // lr 0.1, beta1 0.9, beta2 0.999, eps 1e-8, p = 1
        // step 1, g = 0.5: m = 0.05, v = 0.001·0.25 = 0.00025, m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25,
        //   p = 1 - 0.1·0.5/(0.5 + 1e-8) = 1 - 0.099999998 = 0.900000002
        // step 2, g = -0.25: m = 0.045 - 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225,
        //   m̂ = 0.02/0.19 = 0.105263157894737, v̂ = 0.00031225/0.001999 = 0.156203101550775,
        //   sqrt(v̂) = 0.395225380..., p = 0.900000002 - 0.1·0.105263157894737/0.395225380... = 0.8733662987...
        ArrayGroup g = new ArrayGroup(new double[] {1.0}, new double[] {0.5});
        Adam adam = new Adam(g, 0.1, 0.9, 0.999, 1e-8, 0);
        adam.step();
        assertThat(g.value[0]).isCloseTo(0.900000002, within(1e-12));
        g.grad[0] = -0.25;
        adam.step();
        double mHat = 0.02 / 0.19;
        double vHat = 0.00031225 / 0.001999;
        assertThat(g.value[0]).isCloseTo(0.900000002 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), within(1e-12));
        assertThat(g.value[0]).isCloseTo(0.8733662987, within(1e-10));
    }

    @Test
    void adamFirstStepHasSizeLrWhateverTheGradientScale() {
        ArrayGroup g = new ArrayGroup(new double[] {0, 0}, new double[] {1000, -1e-3});
        new Adam(g, 0.01, 0.9, 0.999, 1e-8, 0).step();
        assertThat(g.value[0]).isCloseTo(-0.01, within(1e-9));
        assertThat(g.value[1]).isCloseTo(0.01, within(1e-7));
    }

    @Test
    void adamWithL2AddsToTheGradient() {
        // weight decay 0.1 as L2: g = 0.5 + 0.1·1 = 0.6; m̂ = 0.6, v̂ = 0.36; p = 1 - 0.1·0.6/(0.6 + 1e-8)
        ArrayGroup g = new ArrayGroup(new double[] {1.0}, new double[] {0.5});
        new Adam(g, 0.1, 0.9, 0.999, 1e-8, 0.1).step();
        assertThat(g.value[0]).isCloseTo(1 - 0.1 * 0.6 / (0.6 + 1e-8), within(1e-12));
    }

    @Test
    void adamWDecouplesWeightDecay() {
        // weight decay 0.1, lr 0.1: p = 1·(1 - 0.01) = 0.99, then the plain Adam step of 0.099999998
        ArrayGroup g = new ArrayGroup(new double[] {1.0}, new double[] {0.5});
        new AdamW(g, 0.1, 0.9, 0.999, 1e-8, 0.1).step();
        assertThat(g.value[0]).isCloseTo(0.99 - 0.1 * 0.5 / (0.5 + 1e-8), within(1e-12));
        Value p = Value.of(2.0);
        AdamW defaults = new AdamW(List.of(p), 0.1); // weight decay 0.01: p = 2·0.999, zero gradient moves nothing else
        defaults.step();
        assertThat(p.data()).isCloseTo(1.998, within(1e-15));
    }

    @Test
    void learningRateCanChangeBetweenSteps() {
        ArrayGroup g = new ArrayGroup(new double[] {1.0}, new double[] {1.0});
        SGD sgd = new SGD(g, 0.5, 0, 0);
        sgd.step();
        sgd.setLearningRate(0.25);
        sgd.step();
        assertThat(g.value[0]).isEqualTo(0.25);
    }

    @Test
    void badHyperparameters() {
        ArrayGroup g = new ArrayGroup(new double[] {1.0}, new double[] {1.0});
        assertThatThrownBy(() -> new SGD(g, -0.1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SGD: the learning rate must be finite and >= 0, got -0.1");
        assertThatThrownBy(() -> new SGD(g, 0.1, 1.0, 0)).hasMessageContaining("momentum must be in [0.0, 1.0)");
        assertThatThrownBy(() -> new Adam(g, 0.1, 0.9, 1.5, 1e-8, 0)).hasMessageContaining("Adam: beta2");
        assertThatThrownBy(() -> new AdamW(g, 0.1, 0.9, 0.999, 1e-8, Double.NaN)).hasMessageContaining("AdamW: weightDecay");
    }

    private static void setGrad(Value p, double g) {
        // grad is read-only from outside the engine: make it by backpropagating g·p
        p.zeroGrad();
        p.mul(g).backward();
    }

    @Test
    void stateIsReadableUnderPyTorchsNames() {
        ArrayGroup group = new ArrayGroup(new double[] {1.0, -2.0}, new double[] {0.5, -4.0});
        Adam adam = new Adam(group, 0.1, 0.9, 0.999, 1e-8, 0);
        assertThat(adam.stateNames()).containsExactly("exp_avg", "exp_avg_sq");
        assertThat(adam.state("exp_avg")).containsExactly(0, 0);
        adam.step();
        // after one step m = (1 - beta1) g and v = (1 - beta2) g^2
        assertThat(adam.state("exp_avg")).containsExactly(new double[] {0.1 * 0.5, 0.1 * -4.0}, within(1e-15));
        assertThat(adam.state("exp_avg_sq")).containsExactly(new double[] {0.001 * 0.25, 0.001 * 16}, within(1e-15));
        adam.state("exp_avg")[0] = 99;   // a copy: the optimizer's own state does not change
        assertThat(adam.state("exp_avg")[0]).isEqualTo(0.05, within(1e-15));
        assertThatThrownBy(() -> adam.state("momentum_buffer"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Adam.state").hasMessageContaining("exp_avg");

        SGD plain = new SGD(group, 0.1, 0, 0);
        assertThat(plain.stateNames()).isEmpty();
        assertThatThrownBy(() -> plain.state("momentum_buffer")).hasMessageContaining("no state");
        SGD heavy = new SGD(new ArrayGroup(new double[] {1.0}, new double[] {2.0}), 0.1, 0.9, 0);
        heavy.step();
        assertThat(heavy.state("momentum_buffer")).containsExactly(2.0);   // b = g on the first step
    }

    @Test
    void optimizersTakeEitherEnginesParameterList() {
        Value w = Value.of(3.0);
        new SGD(List.of(w), 0.5).step();   // no gradient yet: nothing moves
        assertThat(w.data()).isEqualTo(3.0);
        w.mul(w).backward();               // grad 6
        new SGD(List.of(w), 0.5).step();
        assertThat(w.data()).isEqualTo(0.0);
    }
}
