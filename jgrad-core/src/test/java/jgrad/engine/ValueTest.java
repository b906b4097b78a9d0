package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void accessorsDescribeTheGraph() {
        Value x = Value.of(3.0, "x");
        Value y = x.mul(x);
        assertThat(x.op()).isEmpty();
        assertThat(x.isLeaf()).isTrue();
        assertThat(x.children()).isEmpty();
        assertThat(y.op()).isEqualTo("*");
        assertThat(y.children()).containsExactly(x, x);
        assertThat(y.label()).isEmpty();
        assertThat(x.pow(2).op()).isEqualTo("**2");
        assertThat(x.pow(0.5).op()).isEqualTo("**0.5");
        assertThat(x.pow(2).children()).containsExactly(x);
        assertThat(List.of(x.exp().op(), x.log().op(), x.tanh().op(), x.relu().op(), x.sigmoid().op()))
                .containsExactly("exp", "log", "tanh", "ReLU", "sigmoid");
        assertThat(x.pow(Value.of(2)).children()).hasSize(2);
    }

    @Test
    void compositionsAreBuiltFromPrimitivesAsInMicrograd() {
        Value a = Value.of(5.0);
        Value b = Value.of(2.0);
        Value neg = a.neg();
        assertThat(neg.op()).isEqualTo("*");
        assertThat(neg.data()).isEqualTo(-5.0);
        Value sub = a.sub(b);
        assertThat(sub.op()).isEqualTo("+");
        assertThat(sub.data()).isEqualTo(3.0);
        Value div = a.div(b);
        assertThat(div.op()).isEqualTo("*");
        assertThat(div.children().get(1).op()).isEqualTo("**-1");
        assertThat(div.data()).isEqualTo(2.5);
        assertThat(a.sub(1).data()).isEqualTo(4.0);
        assertThat(a.div(4).data()).isEqualTo(1.25);
    }

    @Test
    void toStringShowsDataGradAndLabel() {
        Value a = Value.of(2.0);
        assertThat(a).hasToString("Value(data=2.0, grad=0.0)");
        Value b = Value.of(-3.0, "b");
        b.mul(2).backward();
        assertThat(b).hasToString("Value(label=b, data=-3.0, grad=2.0)");
    }

    @Test
    void tanhAndSigmoidAreStableForLargeInputs() {
        assertThat(Value.of(400).tanh().data()).isEqualTo(1.0);
        assertThat(Value.of(-400).tanh().data()).isEqualTo(-1.0);
        assertThat(Value.of(800).sigmoid().data()).isEqualTo(1.0);
        assertThat(Value.of(-800).sigmoid().data()).isEqualTo(0.0);
        assertThat(Value.of(-30).sigmoid().data()).isCloseTo(Math.exp(-30) / (1 + Math.exp(-30)), within(1e-25));

        Value x = Value.of(400);
        Value t = x.tanh();
        t.backward();
        assertThat(x.grad()).isEqualTo(0.0);
    }

    @Test
    void reluGradientAtExactlyZeroIsZero() {
        Value x = Value.of(0.0);
        x.relu().backward();
        assertThat(x.grad()).isEqualTo(0.0);
        Value y = Value.of(1e-300);
        y.relu().backward();
        assertThat(y.grad()).isEqualTo(1.0);
    }

    @Test
    void powWithValueExponentDifferentiatesTheExponent() {
        Value a = Value.of(3.0);
        Value b = Value.of(2.0);
        Value out = a.pow(b);
        out.backward();
        assertThat(out.data()).isEqualTo(9.0);
        assertThat(a.grad()).isCloseTo(6.0, within(1e-12));
        assertThat(b.grad()).isCloseTo(9.0 * Math.log(3.0), within(1e-12));
    }

    @Test
    void backwardTwiceAccumulatesLeafGradientsAndRecomputesIntermediates() {
        Value x = Value.of(3.0, "x");
        Value w = Value.of(-2.0, "w");
        Value mid = x.mul(w);
        Value out = mid.tanh();
        out.backward();
        double wOnce = w.grad();
        double midOnce = mid.grad();
        out.backward();
        assertThat(w.grad()).isEqualTo(2 * wOnce);
        assertThat(mid.grad()).isEqualTo(midOnce);
        assertThat(out.grad()).isEqualTo(1.0);

        w.zeroGrad();
        x.zeroGrad();
        out.backward();
        assertThat(w.grad()).isEqualTo(wOnce);
    }

    @Test
    void backwardOnALeafSeedsItsGradient() {
        Value x = Value.of(7.0);
        x.backward();
        assertThat(x.grad()).isEqualTo(1.0);
    }

    @Test
    void topologicalOrderListsEachNodeOnceInputsFirst() {
        Value a = Value.of(1, "a");
        Value b = Value.of(2, "b");
        Value c = a.mul(b).label("c");
        Value d = c.add(a).label("d");
        Value e = d.mul(c).label("e");
        List<Value> order = e.topologicalOrder();
        // the recursive build_topo of micrograd, operands in order
        assertThat(order).containsExactly(a, b, c, d, e);
    }

    @Test
    void millionOpChainBackpropagatesOnTheDefaultStack() throws Exception {
        int n = 1_000_000;
        Value x = Value.of(1.0, "x");
        Value[] result = new Value[1];
        // run on a fresh thread with a small stack: a recursive walk could not survive this
        Thread t = new Thread(null, () -> {
            Value v = x;
            for (int i = 0; i < n; i++) {
                v = v.mul(1.0000001).add(1e-7);
            }
            v.backward();
            result[0] = v;
        }, "chain", 256 * 1024);
        t.start();
        t.join();
        assertThat(result[0]).isNotNull();
        // d/dx of x*k^n + ... is k^n with k = 1.0000001
        assertThat(x.grad()).isCloseTo(Math.pow(1.0000001, n), within(1e-6));
        assertThat(result[0].topologicalOrder()).hasSize(4 * n + 1);
    }

    @Test
    void powGradientsAtZeroFollowPyTorchInsteadOfGoingNaN() {
        // torch: x = 0, (x ** 0).backward() gives x.grad = 0; for a ** b at a = 0, b >= 0, d/db = 0
        Value x = Value.of(0.0);
        x.pow(0).backward();
        assertThat(x.grad()).isEqualTo(0.0);

        Value a = Value.of(0.0);
        Value b = Value.of(2.0);
        Value out = a.pow(b);
        out.backward();
        assertThat(out.data()).isEqualTo(0.0);
        assertThat(a.grad()).isEqualTo(0.0);   // 2 * 0^1
        assertThat(b.grad()).isEqualTo(0.0);   // masked: 0 * ln(0) would be NaN

        Value c = Value.of(0.0);
        Value d = Value.of(-1.0);
        c.pow(d).backward();                   // 0 ** -1 = inf: nothing to mask
        assertThat(d.grad()).isInfinite();
    }
}
