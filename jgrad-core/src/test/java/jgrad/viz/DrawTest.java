package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Draw} in jgrad-core alone: no pure-Java renderer on the class path here, and no dot. */
class DrawTest {

    @Test
    void withNoRendererTheDotFileIsWrittenWithTheHint(@TempDir Path dir) throws IOException {
        Value a = Value.of(2.0, "a");
        Value y = a.mul(a).label("y");
        y.backward();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setProperty("jgrad.dot", dir.resolve("no-such-dot").toString());
        System.setProperty("jgrad.draw", "dot");
        try {
            Path written = Draw.draw(GraphTrace.of(y), dir.resolve("y"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(written).isEqualTo(dir.resolve("y.dot"));
            // y = a*a: dy/da = 2a = 4
            assertThat(Files.readString(written)).contains("{ a | data 2.0000 | grad 4.0000 }");
        } finally {
            System.clearProperty("jgrad.dot");
            System.clearProperty("jgrad.draw");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("wrote " + dir.resolve("y.dot") + " but no picture")
                .contains(Graphviz.INSTALL_HINT);
    }

    @Test
    void anUnknownRendererIsNamedWithTheChoices() {
        System.setProperty("jgrad.draw", "matplotlib");
        try {
            assertThatThrownBy(() -> Draw.draw(Value.of(1.0))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no renderer named 'matplotlib'").hasMessageContaining("dot");
        } finally {
            System.clearProperty("jgrad.draw");
        }
    }
}
