package jgrad.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

/** The parser and the step-by-step backward against the lecture's and micrograd's numbers. */
class ExpressionTest {

    private static Map<String, Object> node(Map<String, Object> graph, String label) {
        for (Object o : (List<?>) graph.get("nodes")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> n = (Map<String, Object>) o;
            if (label.equals(n.get("label"))) {
                return n;
            }
        }
        throw new AssertionError("no node " + label);
    }

    private static double grad(Map<String, Object> graph, String label) {
        return ((Number) node(graph, label).get("grad")).doubleValue();
    }

    @Test
    void lectureExpression() {
        ExpressionParser.Program p = ExpressionParser.parse(ExpressionParser.presets().get("lecture"));
        Map<String, Object> g = ExpressionGraph.describe(p);
        assertThat(p.output().data()).isEqualTo(-8.0);
        // the lecture: dL/da = 6, dL/db = -4, dL/dc = -2, dL/df = 4, dL/dd = -2, dL/de = -2
        assertThat(grad(g, "a")).isEqualTo(6.0);
        assertThat(grad(g, "b")).isEqualTo(-4.0);
        assertThat(grad(g, "c")).isEqualTo(-2.0);
        assertThat(grad(g, "f")).isEqualTo(4.0);
        assertThat(grad(g, "d")).isEqualTo(-2.0);
        // the step at L = d * f shows d.grad += L.grad · f = 1 · (−2)
        List<?> steps = (List<?>) g.get("steps");
        assertThat(((Map<?, ?>) steps.get(1)).get("text").toString()).contains("d.grad += L.grad · f = 1 · (−2)");
    }

    @Test
    void oneStepAlongTheGradientGivesTheLecturesNumber() {
        ExpressionParser.Program p = ExpressionParser.parse(ExpressionParser.presets().get("lecture"));
        p.output().backward();
        Map<String, Double> nudged = new HashMap<>();
        p.variables().forEach((k, v) -> nudged.put(k, v.data() + 0.01 * v.grad()));
        double after = ExpressionParser.parse(ExpressionParser.presets().get("lecture"), nudged).output().data();
        assertThat(after).isCloseTo(-7.286496, within(1e-12));
    }

    @Test
    void tanhNeuron() {
        Map<String, Object> g = ExpressionGraph.describe(ExpressionParser.parse(ExpressionParser.presets().get("neuron")));
        assertThat(((Number) node(g, "o").get("data")).doubleValue()).isCloseTo(0.7071, within(1e-4));
        assertThat(grad(g, "x1")).isCloseTo(-1.5, within(1e-6));
        assertThat(grad(g, "w1")).isCloseTo(1.0, within(1e-6));
        assertThat(grad(g, "x2")).isCloseTo(0.5, within(1e-6));
        assertThat(grad(g, "w2")).isCloseTo(0.0, within(1e-12));
        Map<String, Object> e = ExpressionGraph.describe(ExpressionParser.parse(ExpressionParser.presets().get("neuron-exp")));
        assertThat(grad(e, "x1")).isCloseTo(-1.5, within(1e-6));
    }

    @Test
    void micrograds_readme_expression() {
        ExpressionParser.Program p = ExpressionParser.parse(ExpressionParser.presets().get("readme"));
        p.output().backward();
        // micrograd's README: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773
        assertThat(p.output().data()).isCloseTo(24.7041, within(1e-4));
        assertThat(p.variables().get("a").grad()).isCloseTo(138.8338, within(1e-4));
        assertThat(p.variables().get("b").grad()).isCloseTo(645.5773, within(1e-4));
    }

    @Test
    void stepsAddUpToBackwardsGradientsAndShowAccumulation() {
        for (String preset : ExpressionParser.presets().values()) {
            ExpressionParser.Program p = ExpressionParser.parse(preset);
            Map<String, Object> g = ExpressionGraph.describe(p);
            List<Value> topo = p.output().topologicalOrder();
            double[] grads = new double[topo.size()];
            for (Object s : (List<?>) g.get("steps")) {
                for (Object u : (List<?>) ((Map<?, ?>) s).get("updates")) {
                    Map<?, ?> m = (Map<?, ?>) u;
                    grads[((Number) m.get("node")).intValue()] = ((Number) m.get("after")).doubleValue();
                }
            }
            for (int i = 0; i < topo.size(); i++) {
                assertThat(grads[i]).as(preset + " node " + i).isCloseTo(topo.get(i).grad(), within(1e-9 * (1 + Math.abs(topo.get(i).grad()))));
            }
        }
        Map<String, Object> g = ExpressionGraph.describe(ExpressionParser.parse("a = 3.0\nb = a + a"));
        assertThat(grad(g, "a")).isEqualTo(2.0);   // d(a + a)/da = 2, one contribution each
        String text = ((Map<?, ?>) ((List<?>) g.get("steps")).get(1)).get("text").toString();
        assertThat(text).contains("a.grad += b.grad · 1 = 1 · 1\n").contains("(1 + 1 = 2, accumulated)");
    }

    @Test
    void operators() {
        double v = ExpressionParser.parse("x = 0.5; y = 2\nz = sigmoid(x) + log(y) - exp(x)/y + relu(-x) + x.tanh() + y**x + -x**2").output().data();
        double x = 0.5, y = 2;
        double expected = 1 / (1 + Math.exp(-x)) + Math.log(y) - Math.exp(x) / y + 0 + Math.tanh(x) + Math.pow(y, x) - x * x;
        assertThat(v).isCloseTo(expected, within(1e-12));
        // right-associative powers: 2 ** 3 ** 2 = 2 ** 9
        assertThat(ExpressionParser.parse("a = 2\nb = a ** 3 ** 2").output().data()).isEqualTo(512.0);
        // unicode minus and micrograd's Value(...)
        assertThat(ExpressionParser.parse("a = Value(\u22124.0)\nb = a * 2").output().data()).isEqualTo(-8.0);
    }

    @Test
    void errorsPointAtTheColumn() {
        assertThatThrownBy(() -> ExpressionParser.parse("a = 2\nL = a * (a + 1"))
                .isInstanceOf(ExpressionParser.ParseException.class)
                .hasMessageContaining("expected ')'").hasMessageContaining("line 2, column 15");
        assertThatThrownBy(() -> ExpressionParser.parse("a = 2\nL = foo(a)"))
                .hasMessageContaining("unknown function 'foo'").hasMessageContaining("line 2, column 5");
        assertThatThrownBy(() -> ExpressionParser.parse("a = 2\nL = a * q"))
                .hasMessageContaining("unknown name 'q'").hasMessageContaining("column 9");
        assertThatThrownBy(() -> ExpressionParser.parse("a = 2\nL = a *"))
                .hasMessageContaining("statement ended");
        assertThatThrownBy(() -> ExpressionParser.parse("a = 2", Map.of("zz", 1.0)))
                .hasMessageContaining("'zz' names no variable");
        assertThatThrownBy(() -> ExpressionParser.parse(""))
                .hasMessageContaining("empty");
    }
}
