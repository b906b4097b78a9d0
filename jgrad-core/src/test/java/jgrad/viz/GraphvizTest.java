package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.engine.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs Graphviz's dot; skipped, with the reason, where it is not installed (.ci/run installs it). */
class GraphvizTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsDot() {
        assumeTrue(Graphviz.find().isPresent(),
                "skipped: Graphviz's 'dot' is not on the PATH, so SVG/PNG rendering cannot be tested"
                        + " (.ci/run installs graphviz when it runs as root)");
    }

    @Test
    void rendersTheReadmeExpressionToSvgWithItsNumbers() throws IOException {
        Value g = DotWriterGoldenTest.readmeExpression();
        g.backward();
        Path svg = dir.resolve("readme.svg");

        Graphviz.render(DotWriter.write(GraphTrace.of(g)), Graphviz.Format.SVG, svg);

        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(text).contains("<svg").contains("grad 138.8338").contains("data 24.7041");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary files left").containsExactly(svg);
        }
    }

    @Test
    void rendersPng() throws IOException {
        Path png = dir.resolve("x.png");

        Graphviz.render(DotWriter.write(GraphTrace.of(Value.of(1.0, "x").tanh())), Graphviz.Format.PNG, png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void badDotTextFailsWithDotsMessageAndKeepsTheOldFile() throws IOException {
        Path svg = dir.resolve("old.svg");
        Files.writeString(svg, "old picture");

        assertThatThrownBy(() -> Graphviz.render("digraph { a -> ", Graphviz.Format.SVG, svg))
                .isInstanceOf(IOException.class).hasMessageStartingWith("dot: could not render");
        assertThat(Files.readString(svg)).isEqualTo("old picture");
    }
}
