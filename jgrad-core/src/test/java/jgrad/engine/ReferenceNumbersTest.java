package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The numbers published by micrograd's test_engine.py (checked there against PyTorch) and by the
 * lecture notebooks (karpathy/nn-zero-to-hero), as collected in shared/REFERENCE.md.
 */
class ReferenceNumbersTest {

    @Test
    void sanityCheckFromTestEngine() {
        Value x = Value.of(-4.0);
        Value z = Value.of(2).mul(x).add(2).add(x);
        Value q = z.relu().add(z.mul(x));
        Value h = z.mul(z).relu();
        Value y = h.add(q).add(q.mul(x));
        y.backward();

        assertThat(y.data()).isEqualTo(-20.0);
        assertThat(x.grad()).isEqualTo(46.0);
    }

    @Test
    void moreOpsFromTestEngine() {
        Value a = Value.of(-4.0);
        Value b = Value.of(2.0);
        Value c = a.add(b);
        Value d = a.mul(b).add(b.pow(3));
        c = c.add(c.add(1));
        c = c.add(Value.of(1).add(c).add(a.neg()));
        d = d.add(d.mul(2).add(b.add(a).relu()));
        d = d.add(Value.of(3).mul(d).add(b.sub(a).relu()));
        Value e = c.sub(d);
        Value f = e.pow(2);
        Value g = f.div(2.0);
        g = g.add(Value.of(10.0).div(f));
        g.backward();

        assertThat(g.data()).isCloseTo(24.70408163265306, within(1e-12));
        assertThat(a.grad()).isCloseTo(138.83381924198252, within(1e-12));
        assertThat(b.grad()).isCloseTo(645.5772594752186, within(1e-12));
    }

    @Test
    void lectureDerivativeByFiniteDifferences() {
        double h = 1e-3;
        double x = 3.0;
        double slope = (f(x + h) - f(x)) / h;
        assertThat(f(3.0)).isEqualTo(20.0);
        assertThat(slope).isCloseTo(14.00300000000243, within(1e-12));
    }

    private static double f(double x) {
        return 3 * x * x - 4 * x + 5;
    }

    @Test
    void lectureExpressionAndOneGradientStep() {
        Value a = Value.of(2.0, "a");
        Value b = Value.of(-3.0, "b");
        Value c = Value.of(10.0, "c");
        Value e = a.mul(b).label("e");
        Value d = e.add(c).label("d");
        Value f = Value.of(-2.0, "f");
        Value loss = d.mul(f).label("L");
        loss.backward();

        assertThat(loss.data()).isEqualTo(-8.0);
        assertThat(List.of(a.grad(), b.grad(), c.grad(), e.grad(), d.grad(), f.grad(), loss.grad()))
                .containsExactly(6.0, -4.0, -2.0, -2.0, -2.0, 4.0, 1.0);

        for (Value leaf : List.of(a, b, c, f)) {
            leaf.setData(leaf.data() + 0.01 * leaf.grad());
        }
        Value again = a.mul(b).add(c).mul(f);
        assertThat(again.data()).isCloseTo(-7.286496, within(1e-6));
    }

    @Test
    void lectureNeuronWithTanh() {
        Value x1 = Value.of(2.0, "x1");
        Value x2 = Value.of(0.0, "x2");
        Value w1 = Value.of(-3.0, "w1");
        Value w2 = Value.of(1.0, "w2");
        Value b = Value.of(6.8813735870195432, "b");
        Value n = x1.mul(w1).add(x2.mul(w2)).add(b).label("n");
        Value o = n.tanh().label("o");
        o.backward();

        assertNeuron(o, n, x1, x2, w1, w2, b);
    }

    @Test
    void lectureNeuronWithTanhComposedFromExp() {
        Value x1 = Value.of(2.0, "x1");
        Value x2 = Value.of(0.0, "x2");
        Value w1 = Value.of(-3.0, "w1");
        Value w2 = Value.of(1.0, "w2");
        Value b = Value.of(6.8813735870195432, "b");
        Value n = x1.mul(w1).add(x2.mul(w2)).add(b).label("n");
        Value e = n.mul(2).exp();
        Value o = e.sub(1).div(e.add(1)).label("o");
        o.backward();

        assertNeuron(o, n, x1, x2, w1, w2, b);
    }

    private static void assertNeuron(Value o, Value n, Value x1, Value x2, Value w1, Value w2, Value b) {
        assertThat(o.data()).isCloseTo(0.7071067811865476, within(1e-12));
        assertThat(x1.grad()).isCloseTo(-1.5, within(1e-12));
        assertThat(w1.grad()).isCloseTo(1.0, within(1e-12));
        assertThat(x2.grad()).isCloseTo(0.5, within(1e-12));
        assertThat(w2.grad()).isCloseTo(0.0, within(1e-12));
        assertThat(b.grad()).isCloseTo(0.5, within(1e-12));
        assertThat(n.grad()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void gradientsAccumulateWhenAValueIsUsedTwice() {
        Value a = Value.of(3.0, "a");
        Value b = a.add(a);
        b.backward();
        assertThat(b.data()).isEqualTo(6.0);
        assertThat(a.grad()).isEqualTo(2.0);
    }

    @Test
    void lectureSharedInputsExample() {
        Value a = Value.of(-2.0, "a");
        Value b = Value.of(3.0, "b");
        Value d = a.mul(b);
        Value e = a.add(b);
        Value f = d.mul(e);
        f.backward();
        assertThat(f.data()).isEqualTo(-6.0);
        assertThat(a.grad()).isEqualTo(-3.0);
        assertThat(b.grad()).isEqualTo(-8.0);
    }
}
