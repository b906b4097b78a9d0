package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

/**
 * The DOT of micrograd's README expression against a golden file written by an independent
 * reference: {@code make_golden.py} next to it, micrograd's own Value and draw_dot in Python.
 */
class DotWriterGoldenTest {

    /** micrograd's README expression, as jgrad's README writes it, with the names as labels. */
    static Value readmeExpression() {
        Value a = Value.of(-4.0, "a"), b = Value.of(2.0, "b");
        Value c = a.add(b).label("c");
        Value d = a.mul(b).add(b.pow(3)).label("d");
        c = c.add(c.add(1)).label("c");
        c = c.add(Value.of(1).add(c).add(a.neg())).label("c");
        d = d.add(d.mul(2).add(b.add(a).relu())).label("d");
        d = d.add(Value.of(3).mul(d).add(b.sub(a).relu())).label("d");
        Value e = c.sub(d).label("e");
        Value f = e.pow(2).label("f");
        return f.div(2.0).add(Value.of(10.0).div(f)).label("g");
    }

    @Test
    void readmeExpressionMatchesTheGoldenFile() throws IOException {
        Value g = readmeExpression();
        g.backward();

        String dot = DotWriter.write(GraphTrace.of(g), DotWriter.RankDir.LR);

        assertThat(dot).isEqualTo(resource("readme_expression.dot"));
    }

    @Test
    void topToBottomChangesOnlyTheRankdirLine() throws IOException {
        Value g = readmeExpression();
        g.backward();

        String dot = DotWriter.write(GraphTrace.of(g), DotWriter.RankDir.TB);

        assertThat(dot).isEqualTo(resource("readme_expression.dot").replace("rankdir=LR;", "rankdir=TB;"));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DotWriterGoldenTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
