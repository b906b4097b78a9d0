package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiled replay against the rebuild path it replaces: the same numbers bit for bit (compared
 * with ==), on micrograd's moons demo and on small graphs checked by hand.
 */
class CompiledGraphTest {

    @Test
    void moonsDemoReplayIsBitIdenticalToRebuildingForAllHundredSteps() throws Exception {
        MoonsDemoGraph rebuilt = new MoonsDemoGraph();
        MoonsDemoGraph replayed = new MoonsDemoGraph();
        CompiledGraph compiled = CompiledGraph.compile(replayed.loss());
        assertThat(compiled.size()).isEqualTo(65_818); // REFERENCE.md: one loss graph has 65,818 nodes

        for (int k = 0; k < 100; k++) {
            Value loss = rebuilt.loss();
            rebuilt.zeroGrad();
            loss.backward();

            double replayedLoss = compiled.forward();
            replayed.zeroGrad();
            compiled.backward();

            assertThat(replayedLoss).as("loss at step %d", k).isEqualTo(loss.data());
            assertThat(compiled.root().data()).isEqualTo(loss.data());
            // the reference (micrograd in Python): same summation order, so to the last digits
            assertThat(loss.data()).as("reference loss at step %d", k)
                    .isCloseTo(rebuilt.losses[k], within(1e-12));
            for (int i = 0; i < rebuilt.parameters.size(); i++) {
                assertThat(replayed.parameters.get(i).grad()).as("grad of parameter %d at step %d", i, k)
                        .isEqualTo(rebuilt.parameters.get(i).grad());
            }
            rebuilt.update(k);
            replayed.update(k);
            for (int i = 0; i < rebuilt.parameters.size(); i++) {
                assertThat(replayed.parameters.get(i).data()).as("parameter %d after step %d", i, k)
                        .isEqualTo(rebuilt.parameters.get(i).data());
            }
        }
    }

    @Test
    void replayReadsNewLeafDataAndBackpropagatesLikeTheLectureExample() {
        // nn-zero-to-hero: a=2, b=-3, c=10, f=-2, L=(a*b+c)*f = -8; grads a=6, b=-4, c=-2, f=4
        Value a = Value.of(2, "a");
        Value b = Value.of(-3, "b");
        Value c = Value.of(10, "c");
        Value f = Value.of(-2, "f");
        Value loss = a.mul(b).add(c).mul(f);
        CompiledGraph g = CompiledGraph.compile(loss);

        assertThat(g.forward()).isEqualTo(-8.0);
        g.backward();
        assertThat(new double[] {a.grad(), b.grad(), c.grad(), f.grad()}).containsExactly(6, -4, -2, 4);

        // a step along the gradient, then a new forward: L = -7.286496 (lecture, to 1e-6)
        for (Value v : List.of(a, b, c, f)) {
            v.setData(v.data() + 0.01 * v.grad());
        }
        assertThat(g.forward()).isCloseTo(-7.286496, within(1e-6));
        assertThat(loss.data()).isCloseTo(-7.286496, within(1e-6));
    }

    @Test
    void javadocExampleDescendsToTheMinimum() {
        Value w = Value.of(0.5, "w");
        Value x = Value.of(2.0, "x");
        Value loss = w.mul(x).sub(1).pow(2);
        CompiledGraph step = CompiledGraph.compile(loss);
        w.setData(3); // start away from the minimum w = 1/x
        double first = step.forward();
        for (int k = 0; k < 50; k++) {
            step.forward();
            w.zeroGrad();
            step.backward();
            // d/dw (wx - 1)^2 = 2x(wx - 1)
            assertThat(w.grad()).isCloseTo(2 * 2.0 * (w.data() * 2.0 - 1), within(1e-12));
            w.setData(w.data() - 0.1 * w.grad());
        }
        assertThat(first).isEqualTo(25.0);
        assertThat(w.data()).isCloseTo(0.5, within(1e-9));
        assertThat(loss.data()).isLessThan(1e-15);
    }

    @Test
    void backwardTwiceAccumulatesIntoLeavesAsValueBackwardDoes() {
        Value x = Value.of(3, "x");
        Value y = x.mul(x).add(x); // dy/dx = 2x + 1 = 7
        CompiledGraph g = CompiledGraph.compile(y);
        g.backward();
        assertThat(x.grad()).isEqualTo(7.0);
        g.backward();
        assertThat(x.grad()).isEqualTo(14.0);
        x.zeroGrad();
        g.backward();
        assertThat(x.grad()).isEqualTo(7.0);
    }

    @Test
    void innerNodesChangeOnlyOnWriteBack() {
        Value x = Value.of(2, "x");
        Value h = x.mul(3).label("h");
        Value y = h.tanh();
        CompiledGraph g = CompiledGraph.compile(y);
        x.setData(-1);
        g.forward();
        g.backward();
        assertThat(h.data()).isEqualTo(6.0);
        assertThat(y.data()).isEqualTo(Math.tanh(-3));

        g.writeBack();
        assertThat(h.data()).isEqualTo(-3.0);
        assertThat(h.grad()).isEqualTo(1 - Math.tanh(-3) * Math.tanh(-3));
        assertThat(x.data()).isEqualTo(-1.0);
    }

    @Test
    void aLeafCompilesToItself() {
        Value x = Value.of(5, "x");
        CompiledGraph g = CompiledGraph.compile(x);
        assertThat(g.size()).isEqualTo(1);
        x.setData(6);
        assertThat(g.forward()).isEqualTo(6.0);
        g.backward();
        assertThat(x.grad()).isEqualTo(1.0);
    }

    @Test
    void powWithConstantAndValueExponentsReplay() {
        Value a = Value.of(1.5, "a");
        Value b = Value.of(0.5, "b");
        Value out = a.pow(3).add(a.pow(b)).div(b);
        CompiledGraph g = CompiledGraph.compile(out);
        a.setData(2);
        b.setData(2);
        // (a^3 + a^b) / b = (8 + 4) / 2 = 6; d/da = (3a^2 + b a^(b-1)) / b = (12 + 4) / 2 = 8
        assertThat(g.forward()).isEqualTo(6.0);
        g.backward();
        assertThat(a.grad()).isEqualTo(8.0);
        // d/db = (a^b ln a) / b - (a^3 + a^b) / b^2 = 2 ln 2 - 3
        assertThat(b.grad()).isCloseTo(2 * Math.log(2) - 3, within(1e-15));
    }

    @Test
    void anomalyModeNamesTheReplayedOperation() {
        Value x = Value.of(1, "x");
        Value y = x.log().label("y");
        CompiledGraph g = CompiledGraph.compile(y);
        x.setData(0);
        try (var scope = AnomalyMode.scope()) {
            assertThatThrownBy(g::forward)
                    .isInstanceOf(AnomalyException.class)
                    .hasMessageContaining("'log'")
                    .hasMessageContaining("x leaf data=0.0");
        }

        Value z = Value.of(2, "z");
        Value w = z.pow(0.5).label("w");
        CompiledGraph h = CompiledGraph.compile(w);
        z.setData(0); // forward is 0, but d(sqrt z)/dz is infinite at 0
        try (var scope = AnomalyMode.scope()) {
            h.forward();
            assertThatThrownBy(h::backward)
                    .isInstanceOf(AnomalyException.class)
                    .hasMessageContaining("anomaly in backward")
                    .hasMessageContaining("'**0.5'");
        }
        assertThat(z.grad()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void compilingNullIsRejected() {
        assertThatThrownBy(() -> CompiledGraph.compile(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("root");
    }
}
