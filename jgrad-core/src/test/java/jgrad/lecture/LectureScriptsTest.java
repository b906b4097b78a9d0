package jgrad.lecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every script of docs/lecture through jdk.jshell and checks what it prints against the
 * lecture's published values (karpathy/nn-zero-to-hero, micrograd lecture notebooks; see
 * shared/REFERENCE.md). A script that drifts from the API fails here.
 */
class LectureScriptsTest {
    private static final Path LECTURE = Path.of(System.getProperty("jgrad.root", "../"), "docs", "lecture");

    /** Where the scripts write their plots during the tests (the scripts' jgrad.lecture.out). */
    private static final Path PLOTS = Path.of("target", "lecture-plots");

    private static String run(String name) throws IOException {
        System.setProperty("jgrad.lecture.out", PLOTS.toString());
        try {
            return JShellRunner.run(LECTURE.resolve(name));
        } finally {
            System.clearProperty("jgrad.lecture.out");
        }
    }

    @Test
    void everyScriptIsCoveredHere() throws IOException {
        try (Stream<Path> scripts = Files.list(LECTURE)) {
            assertThat(scripts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsh")))
                    .containsExactlyInAnyOrder(
                            "01-derivative.jsh", "02-value.jsh", "03-backprop.jsh", "04-neuron.jsh",
                            "05-tanh-from-exp.jsh", "06-accumulate.jsh", "07-mlp.jsh", "08-tensor.jsh");
        }
    }

    @Test
    void aScriptThatDriftsFromTheApiFails(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("drift.jsh"),
                "import jgrad.engine.Value;\nValue a = Value.of(1.0);\nSystem.out.println(a.noSuchMethod());\n");
        assertThatThrownBy(() -> JShellRunner.run(script))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("rejected")
                .hasMessageContaining("noSuchMethod");
        Path throwing = Files.writeString(dir.resolve("throws.jsh"), "Object o = null;\no.toString();\n");
        assertThatThrownBy(() -> JShellRunner.run(throwing))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("threw");
    }

    @Test
    void stage1FiniteDifferences() throws IOException {
        String out = run("01-derivative.jsh");
        assertThat(out).contains("f(3.0) = 20.0")
                .contains("h = 0.001: 14.00300000000243")
                .contains("analytic slope 6x - 4 at x = 3: 14.0");
        // the parabola and the tangent at x = 3: 20 + 14 (x - 3) at x = 5 is 48, f(5) = 60
        String svg = Files.readString(PLOTS.resolve("01-parabola.svg"));
        assertThat(svg).contains("tangent at x = 3").contains("(3, 20)").contains("<polyline");
        assertThat(out).contains("plotted " + PLOTS.resolve("01-parabola.svg"));
    }

    @Test
    void stage2Expression() throws IOException {
        String out = run("02-value.jsh");
        assertThat(out).contains("Value(label=L, data=-8.0, grad=0.0)")
                .contains("L.op() = *")
                .contains("d.op() = +");
    }

    @Test
    void stage3BackpropAndOneStep() throws IOException {
        String out = run("03-backprop.jsh");
        // the lecture's gradients: a=6, b=-4, c=-2, e=-2, d=-2, f=4 (and dL/dL = 1), three ways
        assertThat(out).contains("after L.backwardStep(): d.grad=-2.0 f.grad=4.0")
                .contains("after d.backwardStep(): e.grad=-2.0 c.grad=-2.0")
                .contains("by hand:    a=6.0 b=-4.0 c=-2.0 e=-2.0 d=-2.0 f=4.0 L=1.0")
                .contains("topological order: a b e c d f L")
                .contains("walking it: a=6.0 b=-4.0 c=-2.0 e=-2.0 d=-2.0 f=4.0 L=1.0")
                .contains("backward(): a=6.0 b=-4.0 c=-2.0 e=-2.0 d=-2.0 f=4.0 L=1.0")
                .contains("L before the step: -8.0")
                .contains("L after the step: -7.286496");
    }

    @Test
    void stage4NeuronWithTanh() throws IOException {
        assertNeuron(run("04-neuron.jsh"));
        assertThat(Files.readString(PLOTS.resolve("04-tanh.svg"))).contains("tanh(n)").contains("n = 0.8814, o = 0.7071");
    }

    @Test
    void stage5NeuronWithExp() throws IOException {
        assertNeuron(run("05-tanh-from-exp.jsh"));
    }

    private static void assertNeuron(String out) {
        assertThat(out).contains("o = 0.7071")
                .contains("n.grad = 0.5000")
                .contains("x1.grad = -1.5000, w1.grad = 1.0000, x2.grad = 0.5000, w2.grad = 0.0000, b.grad = 0.5000");
    }

    @Test
    void stage6Accumulation() throws IOException {
        String out = run("06-accumulate.jsh");
        assertThat(out).contains("b = 6.0, a.grad = 2.0")
                .contains("f = -6.0, a.grad = -3.0, b.grad = -8.0");
    }

    @Test
    void stage7MlpTrainsToNearZeroLoss() throws IOException {
        String out = run("07-mlp.jsh");
        assertThat(out).contains("number of parameters: 41")
                .contains("MLP of [Layer of [TanhNeuron(3), TanhNeuron(3), TanhNeuron(3), TanhNeuron(3)]");
        Matcher loss = Pattern.compile("final loss (\\S+)").matcher(out);
        assertThat(loss.find()).as(out).isTrue();
        assertThat(Double.parseDouble(loss.group(1))).isLessThan(0.1);
        String curve = Files.readString(PLOTS.resolve("07-loss.svg"));
        // 20 points, one per step
        Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(curve);
        assertThat(points.find()).isTrue();
        assertThat(points.group(1).split(" ")).hasSize(20);
        Matcher predictions = Pattern.compile("predictions: (\\S+) (\\S+) (\\S+) (\\S+)").matcher(out);
        assertThat(predictions.find()).as(out).isTrue();
        double[] targets = {1, -1, -1, 1};
        for (int i = 0; i < 4; i++) {
            assertThat(Double.parseDouble(predictions.group(i + 1))).isCloseTo(targets[i], within(0.2));
        }
    }

    @Test
    void stage8TensorNeuronMatchesTheScalarOne() throws IOException {
        String out = run("08-tensor.jsh");
        for (String engine : new String[] {"tensor", "scalar"}) {
            assertThat(out).contains(engine + ": o = 0.7071")
                    .contains(engine + ": x1.grad = -1.5000, w1.grad = 1.0000, x2.grad = 0.5000, w2.grad = 0.0000, b.grad = 0.5000");
        }
        assertThat(out).contains("matmul: o = 0.7071, w.grad = tensor([[1.0000],");
    }
}
