package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.engine.Value;
import jgrad.viz.GraphTrace.Role;
import org.junit.jupiter.api.Test;

class GraphTraceTest {

    /** The lecture's neuron; o = 0.7071067811865476 (nn-zero-to-hero, micrograd lecture). */
    private final Value x1 = Value.of(2.0, "x1"), x2 = Value.of(0.0, "x2");
    private final Value w1 = Value.of(-3.0, "w1"), w2 = Value.of(1.0, "w2");
    private final Value b = Value.of(6.8813735870195432, "b");
    private final Value x1w1 = x1.mul(w1).label("x1*w1"), x2w2 = x2.mul(w2).label("x2*w2");
    private final Value sum = x1w1.add(x2w2).label("x1*w1 + x2*w2");
    private final Value n = sum.add(b).label("n");
    private final Value o = n.tanh().label("o");

    @Test
    void neuronNodesComeInTopologicalOrderWithOneEdgePerOperand() {
        GraphTrace trace = GraphTrace.of(o, List.of(w1, w2, b));

        assertThat(trace.nodes()).containsExactly(x1, w1, x1w1, x2, w2, x2w2, sum, b, n, o);
        assertThat(trace.edges()).extracting(e -> e.from().label() + "->" + e.to().label()).containsExactly(
                "x1->x1*w1", "w1->x1*w1", "x2->x2*w2", "w2->x2*w2",
                "x1*w1->x1*w1 + x2*w2", "x2*w2->x1*w1 + x2*w2", "x1*w1 + x2*w2->n", "b->n", "n->o");
        assertThat(trace.totalNodes()).isEqualTo(10);
        assertThat(trace.omittedNodes()).isZero();
        assertThat(trace.summary()).isEqualTo("all 10 nodes");
    }

    @Test
    void rolesFollowLeavesParametersAndTheRoot() {
        GraphTrace trace = GraphTrace.of(o, List.of(w1, w2, b));

        assertThat(trace.role(x1)).isEqualTo(Role.INPUT);
        assertThat(trace.role(w2)).isEqualTo(Role.PARAMETER);
        assertThat(trace.role(b)).isEqualTo(Role.PARAMETER);
        assertThat(trace.role(n)).isEqualTo(Role.INTERMEDIATE);
        assertThat(trace.role(o)).isEqualTo(Role.OUTPUT);
        assertThat(GraphTrace.of(o).role(w1)).as("without parameters every leaf is an input").isEqualTo(Role.INPUT);
        assertThatThrownBy(() -> trace.role(Value.of(1, "stranger")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GraphTrace.role").hasMessageContaining("stranger");
    }

    @Test
    void aValueUsedTwiceByOneOperationHasTwoEdges() {
        Value x = Value.of(3.0, "x");
        Value y = x.mul(x).label("y");

        GraphTrace trace = GraphTrace.of(y);

        assertThat(trace.nodes()).containsExactly(x, y);
        assertThat(trace.edges()).hasSize(2).allSatisfy(e -> {
            assertThat(e.from()).isSameAs(x);
            assertThat(e.to()).isSameAs(y);
        });
    }

    @Test
    void nearestToOutputKeepsTheNodesClosestToTheRootAndSaysWhatIsLeftOut() {
        // depth from o: o 0, n 1, sum and b 2, x1w1 and x2w2 3, x1 w1 x2 w2 4
        GraphTrace trace = GraphTrace.of(o, List.of(w1, w2, b)).nearestToOutput(5);

        assertThat(trace.nodes()).containsExactly(x1w1, sum, b, n, o);
        assertThat(trace.omittedNodes()).isEqualTo(5);
        assertThat(trace.isCut(x1w1)).as("x1*w1 lost both operands").isTrue();
        assertThat(trace.isCut(sum)).as("x1*w1 + x2*w2 lost x2*w2").isTrue();
        assertThat(trace.isCut(n)).isFalse();
        assertThat(trace.edges()).extracting(e -> e.from().label() + "->" + e.to().label())
                .containsExactly("x1*w1->x1*w1 + x2*w2", "x1*w1 + x2*w2->n", "b->n", "n->o");
        assertThat(trace.summary()).isEqualTo("5 of 10 nodes; left out: 1 '*', 2 inputs, 2 parameters");
        assertThat(GraphTrace.of(o).nearestToOutput(10).omittedNodes()).isZero();
        assertThatThrownBy(() -> GraphTrace.of(o).nearestToOutput(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNodes must be at least 1, got 0");
    }

    @Test
    void pathFromKeepsOneExamplesPathAndTheOperandsItMeets() {
        Value w = Value.of(0.5, "w");
        Value xa = Value.of(1.0, "xa"), xb = Value.of(2.0, "xb"), xc = Value.of(3.0, "xc");
        Value la = w.mul(xa).label("la"), lb = w.mul(xb).label("lb"), lc = w.mul(xc).label("lc");
        Value ab = la.add(lb).label("ab");
        Value loss = ab.add(lc).label("loss");

        GraphTrace path = GraphTrace.of(loss, List.of(w)).pathFrom(List.of(xb));

        assertThat(path.nodes()).containsExactly(w, la, xb, lb, ab, lc, loss);
        assertThat(path.isCut(la)).isTrue();
        assertThat(path.isCut(lc)).isTrue();
        assertThat(path.isCut(lb)).isFalse();
        assertThat(path.summary()).isEqualTo("7 of 9 nodes; left out: 2 inputs");
        assertThatThrownBy(() -> GraphTrace.of(loss).pathFrom(List.of(Value.of(7))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not depend on any of the 1");
    }

    @Test
    void aLongChainIsTracedWithoutRecursion() {
        Value v = Value.of(1.0);
        for (int i = 0; i < 100_000; i++) {
            v = v.add(1.0);
        }

        // kept: the last +, its operands the previous + and the constant 1.0
        GraphTrace trace = GraphTrace.of(v).nearestToOutput(3);

        assertThat(trace.totalNodes()).isEqualTo(200_001);
        assertThat(trace.nodes()).hasSize(3);
        assertThat(trace.summary()).isEqualTo("3 of 200,001 nodes; left out: 99,998 '+', 100,000 inputs");
    }
}
