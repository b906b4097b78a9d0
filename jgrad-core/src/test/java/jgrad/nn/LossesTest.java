package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import jgrad.engine.GradCheck;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

/** Every loss against values computed by hand, and its gradient against finite differences. */
class LossesTest {

    static List<Value> values(double... xs) {
        List<Value> out = new ArrayList<>();
        for (double x : xs) {
            out.add(Value.of(x));
        }
        return out;
    }

    static double[] grads(List<Value> xs) {
        return xs.stream().mapToDouble(Value::grad).toArray();
    }

    @Test
    void mseSumAndMean() {
        // pred [1, 2], target [0, 4]: squares 1 and 4; d/dp = 2(p - t) = [2, -4]
        List<Value> p = values(1, 2);
        Value sum = Losses.mse(p, new double[] {0, 4}, Losses.Reduction.SUM);
        sum.backward();
        assertThat(sum.data()).isEqualTo(5.0);
        assertThat(grads(p)).containsExactly(2, -4);

        List<Value> q = values(1, 2);
        Value mean = Losses.mse(q, new double[] {0, 4}, Losses.Reduction.MEAN);
        mean.backward();
        assertThat(mean.data()).isEqualTo(2.5);
        assertThat(grads(q)).containsExactly(1, -2);
    }

    @Test
    void maxMargin() {
        // scores [0.5, -2, 3, 2], y [1, 1, -1, 1]: margins 1 - y·s = 0.5, 3, 4, -1 -> relu 0.5, 3, 4, 0
        // mean = 7.5 / 4 = 1.875; d/ds = -y/4 where the margin is positive, else 0
        List<Value> s = values(0.5, -2, 3, 2);
        Value loss = Losses.maxMargin(s, new double[] {1, 1, -1, 1});
        loss.backward();
        assertThat(loss.data()).isEqualTo(1.875);
        assertThat(grads(s)).containsExactly(-0.25, -0.25, 0.25, 0);
    }

    @Test
    void bceWithLogitsHandValues() {
        // x=0,y=1: log 2; x=2,y=0: log(1 + e^2); x=-3,y=1: log(1 + e^3)
        double expected = (Math.log(2) + Math.log(1 + Math.exp(2)) + Math.log(1 + Math.exp(3))) / 3;
        List<Value> x = values(0, 2, -3);
        Value loss = Losses.bceWithLogits(x, new double[] {1, 0, 1});
        loss.backward();
        assertThat(loss.data()).isCloseTo(expected, within(1e-15));
        // d/dx = (sigmoid(x) - y) / n
        assertThat(grads(x)).usingComparatorWithPrecision(1e-15).containsExactly(
                (0.5 - 1) / 3, (1 / (1 + Math.exp(-2))) / 3, (1 / (1 + Math.exp(3)) - 1) / 3);
    }

    @Test
    void bceWithLogitsIsStableForHugeLogits() {
        List<Value> x = values(1000, -1000, 1000);
        Value loss = Losses.bceWithLogits(x, new double[] {0, 0, 1});
        loss.backward();
        // the naive form would take log(sigmoid(1000) = 1 - 0) -> -inf; the stable form gives 1000, 0, 0
        assertThat(loss.data()).isCloseTo(1000.0 / 3, within(1e-12));
        assertThat(grads(x)).usingComparatorWithPrecision(1e-15).containsExactly(1.0 / 3, 0, 0);
    }

    @Test
    void crossEntropyHandValues() {
        // logits [0, 0], class 0: log 2
        Value two = Losses.crossEntropy(List.of(values(0, 0)), new int[] {0});
        assertThat(two.data()).isCloseTo(Math.log(2), within(1e-15));

        // logits [1, 2, 3], class 2: log(e + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2)
        List<Value> z = values(1, 2, 3);
        Value loss = Losses.crossEntropy(List.of(z), new int[] {2});
        loss.backward();
        double norm = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(loss.data()).isCloseTo(Math.log(1 + Math.exp(-1) + Math.exp(-2)), within(1e-15));
        // d/dz = softmax(z) - onehot(2)
        assertThat(grads(z)).usingComparatorWithPrecision(1e-15).containsExactly(
                Math.exp(1) / norm, Math.exp(2) / norm, Math.exp(3) / norm - 1);
    }

    @Test
    void crossEntropyIsStableAndAveragesRows() {
        Value loss = Losses.crossEntropy(List.of(values(1000, 0), values(0, 0)), new int[] {1, 1});
        assertThat(loss.data()).isCloseTo((1000 + Math.log(2)) / 2, within(1e-12));
    }

    @Test
    void l2() {
        // 0.5 · (1 + 4 + 9) = 7; d/dp = 2·alpha·p = p
        List<Value> p = values(1, -2, 3);
        Value loss = Losses.l2(p, 0.5);
        loss.backward();
        assertThat(loss.data()).isEqualTo(7.0);
        assertThat(grads(p)).containsExactly(1, -2, 3);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradCheck.check(x -> Losses.bceWithLogits(x, new double[] {1, 0, 0.3, 1}), 0.7, -1.3, 2.1, 0.0).assertWithin(1e-7);
        GradCheck.check(x -> Losses.crossEntropy(List.of(x.subList(0, 3), x.subList(3, 6)), new int[] {0, 2}),
                0.3, -0.2, 1.5, 2.0, -1.0, 0.1).assertWithin(1e-7);
        GradCheck.check(x -> Losses.mse(x, new double[] {0.5, -0.5}, Losses.Reduction.MEAN), 0.1, 0.9).assertWithin(1e-7);
        GradCheck.check(x -> Losses.maxMargin(x, new double[] {1, -1}), 0.3, 0.2).assertWithin(1e-7);
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> Losses.mse(values(1, 2), new double[] {1}, Losses.Reduction.SUM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mse: 2 predictions but 1 targets");
        assertThatThrownBy(() -> Losses.maxMargin(List.of(), new double[0])).hasMessageContaining("empty batch");
        assertThatThrownBy(() -> Losses.bceWithLogits(values(1), new double[] {Double.NaN}))
                .hasMessageContaining("target 0 is NaN");
        assertThatThrownBy(() -> Losses.crossEntropy(List.of(values(1, 2)), new int[] {2}))
                .hasMessageContaining("class 2 of row 0 is out of range for 2 logits");
        assertThatThrownBy(() -> Losses.crossEntropy(List.of(values(1, 2), values(1)), new int[] {0, 0}))
                .hasMessageContaining("row 1 has 1 logits, expected 2");
        assertThatThrownBy(() -> Losses.l2(values(1), -1)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> Losses.mean(List.of())).hasMessageContaining("mean of no values");
    }
}
