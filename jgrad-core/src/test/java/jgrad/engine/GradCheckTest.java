package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every operation against central finite differences, away from its kinks. */
class GradCheckTest {

    static Stream<Arguments> operations() {
        return Stream.of(
                op("add", x -> x.get(0).add(x.get(1)), 0.7, -1.3),
                op("add double", x -> x.get(0).add(2.5), 0.7),
                op("sub", x -> x.get(0).sub(x.get(1)), 0.7, -1.3),
                op("sub double", x -> x.get(0).sub(2.5), 0.7),
                op("mul", x -> x.get(0).mul(x.get(1)), 0.7, -1.3),
                op("mul self", x -> x.get(0).mul(x.get(0)), -1.3),
                op("mul double", x -> x.get(0).mul(-3.0), 0.7),
                op("div", x -> x.get(0).div(x.get(1)), 0.7, -1.3),
                op("div double", x -> x.get(0).div(4.0), 0.7),
                op("neg", x -> x.get(0).neg(), 0.7),
                op("pow const", x -> x.get(0).pow(3), -1.3),
                op("pow fractional", x -> x.get(0).pow(0.5), 2.2),
                op("pow negative", x -> x.get(0).pow(-2), 1.7),
                op("pow value", x -> x.get(0).pow(x.get(1)), 1.7, -0.6),
                op("exp", x -> x.get(0).exp(), 0.7),
                op("log", x -> x.get(0).log(), 0.7),
                op("tanh", x -> x.get(0).tanh(), 0.4),
                op("relu positive", x -> x.get(0).relu(), 0.7),
                op("relu negative", x -> x.get(0).relu(), -0.7),
                op("sigmoid", x -> x.get(0).sigmoid(), -0.9),
                op("sigmoid positive", x -> x.get(0).sigmoid(), 1.9),
                op("neuron", x -> x.get(0).mul(x.get(1)).add(x.get(2)).tanh(), 0.5, -1.5, 0.2),
                op("shared", x -> {
                    Value s = x.get(0).mul(x.get(1));
                    return s.mul(s).add(s.exp()).div(s.sigmoid());
                }, 0.3, 0.9));
    }

    private static Arguments op(String name, Function<List<Value>, Value> f, double... x) {
        return Arguments.of(name, f, x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void backpropagationAgreesWithFiniteDifferences(String name, Function<List<Value>, Value> f, double[] x) {
        GradCheck.Result result = GradCheck.check(f, x);
        assertThat(result.maxError()).as(name + "\n" + result).isLessThan(1e-7);
    }

    @Test
    void aWrongDerivativeIsCaught() {
        // x*x with the analytic side replaced by x: a deliberately wrong gradient must fail
        GradCheck.Result r = GradCheck.check(x -> x.get(0).mul(x.get(0)), 3.0);
        assertThat(r.analytic()[0]).isEqualTo(6.0);
        assertThat(r.passes(1e-6)).isTrue();
        GradCheck.Result wrong = new GradCheck.Result(new double[] {3}, new double[] {3}, r.numeric());
        assertThat(wrong.passes(1e-6)).isFalse();
        assertThatThrownBy(() -> wrong.assertWithin(1e-6))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("finite diff");
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> GradCheck.checkWithStep(x -> x.get(0), 0.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step h");
        assertThatThrownBy(() -> GradCheck.check(x -> x.get(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one input");
    }
}
