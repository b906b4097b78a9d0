package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lecture's manual backpropagation on the graph ({@code setGrad}, {@code backwardStep},
 * {@code topologicalOrder}) and the operator aliases of Kotlin and Groovy, checked against the
 * lecture's worked examples and micrograd's test_engine.py numbers (shared/REFERENCE.md).
 */
class ManualBackpropTest {

    @Test
    void nodeByNodeGivesTheLecturesGradients() {
        Value a = Value.of(2.0, "a"), b = Value.of(-3.0, "b"), c = Value.of(10.0, "c"), f = Value.of(-2.0, "f");
        Value e = a.mul(b), d = e.add(c), L = d.mul(f);
        L.setGrad(1.0);
        L.backwardStep();
        // after one step only L's children have a gradient
        assertThat(new double[] {d.grad(), f.grad(), e.grad(), a.grad()}).containsExactly(-2.0, 4.0, 0.0, 0.0);
        d.backwardStep();
        e.backwardStep();
        // the lecture: a=6, b=-4, c=-2, e=-2, d=-2, f=4
        assertThat(new double[] {a.grad(), b.grad(), c.grad(), e.grad(), d.grad(), f.grad(), L.grad()})
                .containsExactly(6.0, -4.0, -2.0, -2.0, -2.0, 4.0, 1.0);
        // a leaf's step pushes nothing and changes nothing
        a.backwardStep();
        assertThat(a.grad()).isEqualTo(6.0);
    }

    @Test
    void aStepAddsAndResetsNothing() {
        Value a = Value.of(3.0);
        Value b = a.add(a);
        b.setGrad(1.0);
        b.backwardStep();
        // the lecture's a=3, b=a+a: a.grad = 2 because both contributions are added
        assertThat(a.grad()).isEqualTo(2.0);
        b.backwardStep();
        assertThat(a.grad()).isEqualTo(4.0);
    }

    @Test
    void walkingTheTopologicalOrderEqualsBackward() {
        Value a = Value.of(-2.0, "a"), b = Value.of(3.0, "b");
        Value dd = a.mul(b), ee = a.add(b), ff = dd.mul(ee);
        List<Value> order = ff.topologicalOrder();
        assertThat(order).containsExactly(a, b, dd, ee, ff);
        ff.setGrad(1);
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).backwardStep();
        }
        // the lecture: f = -6, a.grad = -3, b.grad = -8
        assertThat(ff.data()).isEqualTo(-6.0);
        assertThat(a.grad()).isEqualTo(-3.0);
        assertThat(b.grad()).isEqualTo(-8.0);
    }

    @Test
    void theNeuronByHandWithTanh() {
        Value x1 = Value.of(2.0), x2 = Value.of(0.0), w1 = Value.of(-3.0), w2 = Value.of(1.0);
        Value bias = Value.of(6.8813735870195432);
        Value n = x1.times(w1).plus(x2.times(w2)).plus(bias);
        Value o = n.tanh();
        o.setGrad(1);
        for (Value v : reversed(o.topologicalOrder())) {
            v.backwardStep();
        }
        assertThat(o.data()).isCloseTo(0.7071067811865476, within(1e-15));
        assertThat(n.grad()).isCloseTo(0.5, within(1e-12));
        assertThat(new double[] {x1.grad(), w1.grad(), x2.grad(), w2.grad(), bias.grad()})
                .containsExactly(new double[] {-1.5, 1.0, 0.5, 0.0, 0.5}, within(1e-12));
    }

    private static List<Value> reversed(List<Value> order) {
        List<Value> copy = new java.util.ArrayList<>(order);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void kotlinAndGroovyNamesComputeMicrogradsSanityCheck() {
        // test_engine.py: x=-4; z=2*x+2+x; q=z.relu()+z*x; h=(z*z).relu(); y=h+q+q*x -> y=-20, dy/dx=46
        Value x = Value.of(-4.0);
        Value z = x.times(2).plus(2).plus(x);
        Value q = z.relu().plus(z.times(x));
        Value h = z.multiply(z).relu();
        Value y = h.plus(q).plus(q.multiply(x));
        y.backward();
        assertThat(y.data()).isEqualTo(-20.0);
        assertThat(x.grad()).isEqualTo(46.0);
    }

    @Test
    void theOtherAliases() {
        Value a = Value.of(-4.0), b = Value.of(2.0);
        assertThat(a.minus(b).data()).isEqualTo(-6.0);
        assertThat(a.minus(1).data()).isEqualTo(-5.0);
        assertThat(a.div(b).data()).isEqualTo(-2.0);
        assertThat(b.power(3).data()).isEqualTo(8.0);
        assertThat(b.power(Value.of(3.0)).data()).isEqualTo(8.0);
        assertThat(a.unaryMinus().data()).isEqualTo(4.0);
        assertThat(a.negative().data()).isEqualTo(4.0);
        assertThat(a.unaryPlus()).isSameAs(a);
        assertThat(a.positive()).isSameAs(a);
        Value g = a.times(b).plus(b.power(3)).unaryMinus();
        g.backward();
        // g = -(ab + b^3): dg/da = -b = -2, dg/db = -(a + 3b^2) = -(-4 + 12) = -8
        assertThat(a.grad()).isEqualTo(-2.0);
        assertThat(b.grad()).isEqualTo(-8.0);
    }
}
