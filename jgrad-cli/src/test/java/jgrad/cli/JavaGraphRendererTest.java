package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import jgrad.engine.Value;
import jgrad.viz.Draw;
import jgrad.viz.GraphTrace;
import jgrad.viz.Graphviz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-Java graph renderer (ELK + JFreeSVG), {@code Draw.draw} through it, and {@code graph --expr}. */
class JavaGraphRendererTest {

    static Value lectureL() {
        Value a = Value.of(2.0, "a"), b = Value.of(-3.0, "b"), c = Value.of(10.0, "c"), f = Value.of(-2.0, "f");
        Value L = a.mul(b).label("e").add(c).label("d").mul(f).label("L");
        L.backward();
        return L;
    }

    @Test
    void theLecturesExpressionIsLaidOutWithEveryNodeAndEdge() {
        JavaGraphRenderer.Layout layout = JavaGraphRenderer.layout(GraphTrace.of(lectureL()), false);
        // 7 values (a b c e d f L) and 3 operations; 3 op->value edges and 6 operand->op edges
        assertThat(layout.boxes()).hasSize(10);
        assertThat(layout.edges()).hasSize(9);
        assertThat(layout.boxes().stream().filter(JavaGraphRenderer.Box::op).count()).isEqualTo(3);
        // no two nodes overlap
        List<JavaGraphRenderer.Box> boxes = layout.boxes();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                JavaGraphRenderer.Box p = boxes.get(i), q = boxes.get(j);
                boolean apart = p.x() + p.w() <= q.x() || q.x() + q.w() <= p.x()
                        || p.y() + p.h() <= q.y() || q.y() + q.h() <= p.y();
                assertThat(apart).as(String.join("|", p.fields()) + " vs " + String.join("|", q.fields())).isTrue();
            }
        }
        // left to right: the output L is the rightmost box, the lecture's numbers in its fields
        JavaGraphRenderer.Box out = boxes.stream().filter(b -> b.fields()[0].equals("L")).findFirst().orElseThrow();
        assertThat(out.fields()).containsExactly("L", "data -8.0000", "grad 1.0000");
        assertThat(boxes).allMatch(b -> b.x() <= out.x());
        assertThat(boxes.stream().filter(b -> b.fields()[0].equals("a")).findFirst().orElseThrow().fields())
                .containsExactly("a", "data 2.0000", "grad 6.0000");
    }

    @Test
    void writesAnSvgAndAPngNoWiderThanTheCap(@TempDir Path dir) throws IOException {
        JavaGraphRenderer r = new JavaGraphRenderer();
        r.render(GraphTrace.of(lectureL()), Graphviz.Format.SVG, dir.resolve("L.svg"));
        r.render(GraphTrace.of(lectureL()), Graphviz.Format.PNG, dir.resolve("L.png"));
        String svg = Files.readString(dir.resolve("L.svg"));
        assertThat(svg).startsWith("<?xml").contains("<svg ").contains("viewBox=").contains("data -8.0000")
                .contains("parameter").contains("label | data | grad");
        BufferedImage png = ImageIO.read(dir.resolve("L.png").toFile());
        assertThat(png.getWidth()).isBetween(400, JavaGraphRenderer.MAX_WIDTH);
    }

    @Test
    void aWideNetworkIsDrawnTopToBottomAndCapped(@TempDir Path dir) throws IOException {
        Examples.Graph mlp = Examples.build(GraphCommand.Example.mlp);   // parameters labelled w1.1.1 ...
        GraphTrace trace = GraphTrace.of(mlp.root(), mlp.parameters());
        JavaGraphRenderer.Layout lr = JavaGraphRenderer.layout(trace, false);
        assertThat(lr.width()).isGreaterThan(2.5 * lr.height());
        new JavaGraphRenderer().render(trace, Graphviz.Format.PNG, dir.resolve("mlp.png"));
        BufferedImage png = ImageIO.read(dir.resolve("mlp.png").toFile());
        assertThat(png.getWidth()).isLessThanOrEqualTo(JavaGraphRenderer.MAX_WIDTH);
        assertThat(JavaGraphRenderer.legend(trace)).anyMatch(l -> l.contains("w1.2.3 = layer 1, neuron 2, weight of input 3"));
    }

    @Test
    void drawFindsThePureJavaRendererAsAService(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setProperty("jgrad.draw", "java");
        try {
            Path svg = Draw.draw(GraphTrace.of(lectureL()), dir.resolve("L"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(svg).isEqualTo(dir.resolve("L.svg")).exists();
            assertThat(dir.resolve("L.png")).exists();
        } finally {
            System.clearProperty("jgrad.draw");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("drew L: " + dir.resolve("L.svg") + " and "
                + dir.resolve("L.png") + " (java renderer)");
    }

    @Test
    void graphExprDrawsATypedExpression(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("L.dot");
        Cli r = Cli.run("graph", "--expr", "a = 2; b = -3; c = 10; f = -2; L = (a*b + c) * f", "-o", out.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        String dot = Files.readString(out);
        // the lecture's numbers: L = -8, dL/da = 6, dL/db = -4
        assertThat(dot).contains("{ L | data -8.0000 | grad 1.0000 }").contains("{ a | data 2.0000 | grad 6.0000 }")
                .contains("{ b | data -3.0000 | grad -4.0000 }");
        Cli svg = Cli.run("graph", "--expr", "x = 3; y = tanh(2*x - 5)", "--renderer", "java", "-o", dir.resolve("y.svg").toString());
        assertThat(svg.exitCode).as(svg.toString()).isZero();
        assertThat(Files.readString(dir.resolve("y.svg"))).contains("tanh");
    }

    @Test
    void expressionsFollowPythonsPrecedence() {
        // micrograd's README expression, typed: g = 24.7041, as REFERENCE.md says
        Value g = Expression.parse("a = -4; b = 2; c = a + b; d = a*b + b**3; c = c + c + 1; c = c + 1 + c + (-a);"
                + " d = d + d*2 + relu(b + a); d = d + 3*d + relu(b - a); e = c - d; f = e**2; g = f/2.0 + 10.0/f");
        g.backward();
        assertThat(g.data()).isCloseTo(24.70408163265306, within(1e-12));
        List<Value> leaves = new ArrayList<>();
        for (Value v : g.topologicalOrder()) {
            if (v.label().equals("a") && v.isLeaf()) {
                leaves.add(v);
            }
        }
        assertThat(leaves).hasSize(1);
        assertThat(leaves.get(0).grad()).isCloseTo(138.83381924198252, within(1e-9));
        assertThat(Expression.parse("-2**2").data()).isEqualTo(-4.0);
        assertThat(Expression.parse("2**-1").data()).isEqualTo(0.5);
        assertThat(Expression.parse("2**3**2").data()).isEqualTo(512.0);
        assertThat(Expression.parse("10 - 4 - 3").data()).isEqualTo(3.0);
        assertThatThrownBy(() -> Expression.parse("a = 2; y = a * q")).hasMessageContaining("'q' is not assigned before");
        assertThatThrownBy(() -> Expression.parse("y = (2 + 3")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> Expression.parse("y = cosh(2)")).hasMessageContaining("unknown function 'cosh'");
    }
}
