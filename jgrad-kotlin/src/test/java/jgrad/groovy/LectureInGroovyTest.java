package jgrad.groovy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lecture's expressions as a Groovy script, compiled in this JVM by Groovy from Maven Central,
 * written as in Python ({@code (a * b + c) * f}, {@code a ** 2}, {@code -a}, {@code 2 * n}),
 * checked against the lecture's numbers (shared/REFERENCE.md).
 */
class LectureInGroovyTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(String script) {
        Binding binding = new Binding();
        new GroovyShell(LectureInGroovyTest.class.getClassLoader(), binding)
                .evaluate("import jgrad.engine.Value\n" + script);
        return binding.getVariables();
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @Test
    void theExpressionAndItsGradients() {
        Map<String, Object> v = run("""
                a = Value.of(2.0, 'a'); b = Value.of(-3.0, 'b'); c = Value.of(10.0, 'c'); f = Value.of(-2.0, 'f')
                L = (a * b + c) * f
                L.backward()
                out = [L.data(), a.grad(), b.grad(), c.grad(), f.grad()]
                """);
        // L = -8; grads a=6, b=-4, c=-2, f=4
        assertThat(((java.util.List<Object>) v.get("out")).stream().mapToDouble(LectureInGroovyTest::num).toArray())
                .containsExactly(-8.0, 6.0, -4.0, -2.0, 4.0);
    }

    @Test
    void theNeuronWithTanhFromExp() {
        Map<String, Object> v = run("""
                x1 = Value.of(2.0); x2 = Value.of(0.0); w1 = Value.of(-3.0); w2 = Value.of(1.0)
                b = Value.of(6.8813735870195432)
                n = x1 * w1 + x2 * w2 + b
                e = (2 * n).exp()
                o = (e - 1) / (e + 1)
                o.backward()
                result = [o.data(), x1.grad(), w1.grad(), x2.grad(), w2.grad(), b.grad()]
                """);
        double[] r = ((java.util.List<Object>) v.get("result")).stream().mapToDouble(LectureInGroovyTest::num).toArray();
        assertThat(r).containsExactly(new double[] {0.7071067811865476, -1.5, 1.0, 0.5, 0.0, 0.5}, within(1e-12));
    }

    @Test
    void microgradsReadmeExpression() {
        Map<String, Object> v = run("""
                a = Value.of(-4.0); b = Value.of(2.0)
                c = a + b
                d = a * b + b ** 3
                c += c + 1
                c += 1 + c + (-a)
                d += d * 2 + (b + a).relu()
                d += 3 * d + (b - a).relu()
                e = c - d
                f = e ** 2
                g = f / 2.0
                g += 10.0 / f
                g.backward()
                """);
        // micrograd's README: g = 24.7041, a.grad = 138.8338, b.grad = 645.5773
        assertThat(((jgrad.engine.Value) v.get("g")).data()).isCloseTo(24.70408163265306, within(1e-12));
        assertThat(((jgrad.engine.Value) v.get("a")).grad()).isCloseTo(138.83381924198252, within(1e-9));
        assertThat(((jgrad.engine.Value) v.get("b")).grad()).isCloseTo(645.5772594752186, within(1e-9));
    }
}
