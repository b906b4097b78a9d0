package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.viz.Graphviz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {

    @TempDir
    Path dir;

    @Test
    void readmeExampleAsDotHasTheReferenceNumbers() throws IOException {
        Path file = dir.resolve("readme.dot");

        Cli r = Cli.run("graph", "readme", "-o", file.toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("wrote " + file).contains("all 40 nodes");
        // micrograd README: g = 24.7041, a.grad = 138.8338, b.grad = 645.5773
        assertThat(Files.readString(file)).contains("{ g | data 24.7041 | grad 1.0000 }")
                .contains("{ a | data -4.0000 | grad 138.8338 }").contains("{ b | data 2.0000 | grad 645.5773 }");
    }

    @Test
    void neuronExampleOnStandardOutputHasTheLectureGradients() {
        Cli r = Cli.run("graph", "neuron", "-o", "-", "--rankdir", "TB");

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).startsWith("digraph jgrad {").contains("rankdir=TB;")
                .contains("{ o | data 0.7071 | grad 1.0000 }").contains("{ x1 | data 2.0000 | grad -1.5000 }")
                .contains("{ w1 | data -3.0000 | grad 1.0000 }").contains("{ n | data 0.8814 | grad 0.5000 }")
                .contains("fillcolor=\"#ffdca8\", label=\"{ w2 |");
    }

    @Test
    void maxNodesSaysWhatWasLeftOut() {
        Cli r = Cli.run("graph", "readme", "--max-nodes", "5", "-o", dir.resolve("g.dot").toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("5 of 40 nodes; left out:").contains("use --max-nodes");
    }

    @Test
    void rendersPngWhenGraphvizIsInstalled() throws IOException {
        assumeTrue(Graphviz.find().isPresent(), "skipped: Graphviz's 'dot' is not on the PATH");
        Path png = dir.resolve("neuron.png");

        Cli r = Cli.run("graph", "neuron", "-o", png.toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void usageMistakesExitWith2AndOneLine() {
        Cli bogus = Cli.run("graph", "--bogus");
        assertThat(bogus.exitCode).isEqualTo(2);
        assertThat(bogus.err.strip()).isEqualTo("jgrad graph: unknown option '--bogus' (see 'jgrad graph --help')");

        Cli badExample = Cli.run("graph", "nosuch");
        assertThat(badExample.exitCode).isEqualTo(2);
        assertThat(badExample.err).contains("nosuch").contains("readme, expression, neuron, neuron_exp, accumulate, mlp, moons").doesNotContain("\tat ");

        Cli badFormat = Cli.run("graph", "readme", "--format", "gif", "-o", dir.resolve("x.gif").toString());
        assertThat(badFormat.exitCode).isEqualTo(2);
        assertThat(badFormat.err.strip()).isEqualTo("jgrad graph: --format must be dot, svg or png, got 'gif'");

        Cli inputWithoutModel = Cli.run("graph", "--input", "1,2");
        assertThat(inputWithoutModel.exitCode).isEqualTo(2);
        assertThat(inputWithoutModel.err).contains("--input needs --model");
    }

    @Test
    void helpWorksOnEveryCommand() {
        for (String command : new String[] {"demo", "train", "predict", "graph"}) {
            Cli r = Cli.run(command, "--help");
            assertThat(r.exitCode).as(command).isZero();
            assertThat(r.out).as(command).startsWith("Usage: jgrad " + command);
        }
        Cli top = Cli.run("--help");
        assertThat(top.out).contains("demo").contains("train").contains("predict").contains("graph");
        Cli none = Cli.run();
        assertThat(none.exitCode).isEqualTo(2);
        assertThat(none.err).contains("name a command");
    }

    @Test
    void withoutGraphvizThePureJavaRendererDraws() throws IOException {
        Path png = dir.resolve("readme.png");
        System.setProperty("jgrad.dot", dir.resolve("no-such-dot").toString());
        try {
            Cli r = Cli.run("graph", "readme", "-o", png.toString());
            assertThat(r.exitCode).as(r.toString()).isZero();
            assertThat(r.out).contains("wrote " + png).contains("pure-Java renderer");
            assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
            // asking for dot when there is none writes the .dot file and says how to get a picture
            Cli dot = Cli.run("graph", "readme", "--renderer", "dot", "-o", png.toString());
            assertThat(dot.exitCode).isEqualTo(1);
            assertThat(dot.err.strip()).isEqualTo("jgrad graph: wrote " + dir.resolve("readme.dot") + " but not " + png
                    + ": Graphviz's 'dot' is not on the PATH; install Graphviz (apt-get install graphviz,"
                    + " brew install graphviz, or https://graphviz.org/download/); or use --renderer java, which needs"
                    + " nothing installed");
            assertThat(Files.readString(dir.resolve("readme.dot"))).contains("{ g | data 24.7041 | grad 1.0000 }");
        } finally {
            System.clearProperty("jgrad.dot");
        }
    }

    @Test
    void theDemosFullBatchLossHasMicrogradsNodeCountAndOneExampleCanBeDrawn() {
        Cli full = Cli.run("graph", "moons", "-o", "-");

        assertThat(full.exitCode).as(full.toString()).isZero();
        // micrograd's demo: one full-batch loss graph has 65,818 nodes (REFERENCE.md)
        assertThat(full.err.strip()).startsWith("jgrad graph: drew 200 of 65,818 nodes; left out: ");
        assertThat(full.out.lines().filter(l -> l.contains("shape=record"))).hasSize(200);

        Cli one = Cli.run("graph", "moons", "--example", "7", "--max-nodes", "0", "-o", "-");

        assertThat(one.exitCode).as(one.toString()).isZero();
        assertThat(one.err.strip()).isEqualTo(
                "jgrad graph: drawing example 7's loss term, out of the demo's full-batch loss graph of 65,818 nodes");
        assertThat(one.out).contains("{ x1[7] |").contains("{ x2[7] |").doesNotContain("x1[8]")
                .contains("{ loss term 7 |");
        // all 337 parameters of MLP(2, [16, 16, 1]) take part in one example's score
        assertThat(one.out.lines().filter(l -> l.contains("shape=record") && l.contains("#ffdca8"))).hasSize(337);

        Cli bad = Cli.run("graph", "moons", "--example", "100", "-o", "-");
        assertThat(bad.exitCode).as("a usage mistake").isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("jgrad graph: --example 100 is not a row of the demo's 100 examples; use 0 to 99");
        Cli negative = Cli.run("graph", "moons", "--example", "-1", "-o", "-");
        assertThat(negative.exitCode).isEqualTo(2);
        assertThat(negative.err.strip()).isEqualTo("jgrad graph: --example -1 is not a row of the demo's 100 examples; use 0 to 99");
        Cli elsewhere = Cli.run("graph", "readme", "--example", "3", "-o", "-");
        assertThat(elsewhere.exitCode).isEqualTo(2);
        assertThat(elsewhere.err).contains("--example N goes with the moons graph");
    }

    @Test
    void theNoteAboutOneExampleGoesToStdoutBeforeWrote() {
        Path file = dir.resolve("seven.dot");
        Cli cli = Cli.run("graph", "moons", "--example", "7", "-o", file.toString());
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.err).isEmpty();
        assertThat(cli.out.lines().toList()).hasSize(2);
        assertThat(cli.out.lines().toList().get(0)).startsWith("drawing example 7's loss term");
        assertThat(cli.out.lines().toList().get(1)).startsWith("wrote " + file);
    }

    @Test
    void aFormatFromTheOutputExtensionIsNamedAsSuch() {
        Cli cli = Cli.run("graph", "readme", "-o", dir.resolve("g.pdf").toString());
        assertThat(cli.exitCode).isEqualTo(2);
        assertThat(cli.err.strip()).isEqualTo("jgrad graph: cannot write 'pdf': the format comes from the -o extension,"
                + " and must be dot, svg or png; give --format, or an output file ending .dot, .svg or .png")
                .doesNotContain("null");
        assertThat(dir.resolve("g.pdf")).doesNotExist();
    }
}
