package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LectureCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("jgrad.root", ".."));

    @Test
    void aGoodScriptRunsWithItsOutputAndExitsZero(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("01-good.jsh"), """
                // a comment first
                Value a = Value.of(2.0, "a");
                Value b = a.mul(a).add(1);
                b.backward();
                System.out.println("b = " + b.data() + ", db/da = " + a.grad());
                """);
        Cli cli = Cli.run("lecture", "--dir", dir.toString());
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        // b = a² + 1 = 5 and db/da = 2a = 4, by hand
        assertThat(cli.out).contains("==== " + dir.resolve("01-good.jsh")).contains("b = 5.0, db/da = 4.0");
        assertThat(cli.err).isEmpty();
    }

    @Test
    void aDriftingScriptFailsNamingTheScriptAndTheSnippet(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("01-good.jsh"), "System.out.println(\"first \" + Value.of(3.0).data());\n");
        Files.writeString(dir.resolve("02-drift.jsh"), """
                Value a = Value.of(2.0, "a");

                // this method does not exist
                Value b = a.frobnicate(3);
                System.out.println("after " + a.data());
                int[] xs = new int[1];
                System.out.println(xs[5]);
                """);
        Cli cli = Cli.run("lecture", "--dir", dir.toString());
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
        assertThat(cli.out).contains("first 3.0").contains("==== " + dir.resolve("02-drift.jsh"))
                .contains("after 2.0");   // it carries on, as jshell does, and reports at the end
        assertThat(cli.err).contains(dir.resolve("02-drift.jsh") + ", line 4: rejected: Value b = a.frobnicate(3);")
                .contains("cannot find symbol")
                .contains(", line 7: System.out.println(xs[5]); threw java.lang.ArrayIndexOutOfBoundsException")
                .contains("failed: " + dir.resolve("02-drift.jsh") + " (2 problems)")
                .doesNotContain("01-good.jsh");
    }

    @Test
    void oneStageRunsOnlyThatScript(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("01-one.jsh"), "System.out.println(\"one\");\n");
        Files.writeString(dir.resolve("02-two.jsh"), "System.out.println(\"two\");\n");
        Cli cli = Cli.run("lecture", "2", "--dir", dir.toString());
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("two").doesNotContain("one");
    }

    @Test
    void aBadStageNumberIsAUsageMistake(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("01-one.jsh"), "int x = 1;\n");
        for (List<String> args : List.of(List.of("x"), List.of("0"), List.of("3-2"), List.of("1-"))) {
            Cli cli = Cli.run(concat(args, "--dir", dir.toString()));
            assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
            assertThat(cli.err).contains("jgrad lecture: give stage numbers 1 to 1 (3), ranges (2-4) or several (1 3 5),"
                    + " or none for all; got '" + String.join(" ", args) + "'");
        }
        for (List<String> args : List.of(List.of("5"), List.of("1", "2"), List.of("1-3"))) {
            Cli missing = Cli.run(concat(args, "--dir", dir.toString()));
            assertThat(missing.exitCode).as(missing.toString()).isEqualTo(2);
            assertThat(missing.err).contains("there is no stage ").contains("the stages are 1;");
        }
    }

    @Test
    void rangesAndSeveralStagesRunInTheOrderGiven(@TempDir Path dir) throws IOException {
        for (int i = 1; i <= 5; i++) {
            Files.writeString(dir.resolve("0" + i + "-s.jsh"), "System.out.println(\"stage " + i + "\");\n");
        }
        Cli cli = Cli.run("lecture", "2-4", "1", "3", "--dir", dir.toString());
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out.lines().filter(l -> l.startsWith("stage ")).toList())
                .containsExactly("stage 2", "stage 3", "stage 4", "stage 1");
    }

    @Test
    void echoShowsEachSnippetBeforeItsOutput(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("01-e.jsh"), """
                // a comment
                Value a = Value.of(2.0, "a");
                System.out.println(
                        "a = " + a.data());
                """);
        Cli cli = Cli.run("lecture", "1", "--echo", "--dir", dir.toString());
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("// a comment\njshell> Value a = Value.of(2.0, \"a\");\n"
                + "jshell> System.out.println(\n   ...>         \"a = \" + a.data());\na = 2.0\n");
        Cli quiet = Cli.run("lecture", "1", "--dir", dir.toString());
        assertThat(quiet.out).doesNotContain("jshell>").contains("a = 2.0");
    }

    @Test
    void aMissingFolderIsOneClearLine(@TempDir Path dir) {
        Cli cli = Cli.run("lecture", "--dir", dir.resolve("nowhere").toString());
        assertThat(cli.exitCode).isEqualTo(1);
        assertThat(cli.err.strip()).startsWith("jgrad lecture: no lecture folder ").doesNotContain("\n");
    }

    @Test
    void stageThreeOfTheLectureRuns() {
        Cli cli = Cli.run("lecture", "3", "--dir", ROOT.resolve("docs/lecture").toString());
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        // the lecture's dL/da = 6 and dL/db = -4 (REFERENCE.md), by hand and by backward()
        assertThat(cli.out).contains("by hand:    a=6.0 b=-4.0").contains("backward(): a=6.0 b=-4.0")
                .contains("walking it: a=6.0 b=-4.0");
    }

    @Test
    void theShellLoadsStartupJshWithEveryPackageAndThePrintHelpers(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("01-s.jsh"), """
                println("viz " + DotWriter.class.getSimpleName() + ", tensor.nn " + TensorTrainer.class.getSimpleName()
                        + ", io " + ModelFile.class.getSimpleName() + ", optim " + Adam.class.getSimpleName()
                        + ", nn " + MLP.class.getName());
                printf("%.2f%n", 1.5);
                print("no newline");
                println();
                """);
        Cli cli = Cli.run("lecture", "--dir", dir.toString());
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("viz DotWriter, tensor.nn TensorTrainer, io ModelFile, optim Adam, nn jgrad.nn.MLP")
                .contains("1.50\nno newline\n");
    }

    @Test
    void theLauncherBannerNamesExactlyTheImportsOfStartupJsh() throws IOException {
        List<String> imports = Files.readAllLines(ROOT.resolve("jgrad-cli/src/main/jshell/startup.jsh")).stream()
                .filter(l -> l.startsWith("import ")).toList();
        assertThat(imports).contains("import jgrad.viz.*;", "import jgrad.io.*;", "import jgrad.tensor.nn.TensorTrainer;");
        // the banner is computed from startup.jsh's import lines, not written out by hand
        String launcher = Files.readString(ROOT.resolve("jgrad"));
        assertThat(launcher).contains("sed -n 's/^import \\(.*\\);$/\\1/p' \"$startup\"")
                .contains("Imported: $imports.");
    }

    @Test
    void typosGetDidYouMean() {
        Cli command = Cli.run("lectrue", "3");
        assertThat(command.exitCode).isEqualTo(2);
        assertThat(command.err).contains("jgrad: unknown command 'lectrue'; did you mean 'lecture'?");
        Cli option = Cli.run("lecture", "--ecoh");
        assertThat(option.exitCode).isEqualTo(2);
        assertThat(option.err).contains("jgrad lecture: unknown option '--ecoh'; did you mean '--echo'?");
        assertThat(Cli.run("dmeo").err).contains("jgrad: unknown command 'dmeo'; did you mean 'demo'?");
        assertThat(Cli.run("demo", "--otu", "x").err).contains("unknown option '--otu'; did you mean '--out'?");
        Cli nothingClose = Cli.run("frobnicate");
        assertThat(nothingClose.err).contains("unknown command 'frobnicate'").doesNotContain("did you mean");
        assertThat(Main.close("dmeo", "demo")).isTrue();
        assertThat(Main.close("grpah", "graph")).isTrue();
        assertThat(Main.close("train", "graph")).isFalse();
    }

    @Test
    void helpListsJshell() {
        Cli help = Cli.run("--help");
        assertThat(help.out).containsPattern("(?m)^\\s+jshell\\s+JShell with jgrad");
        assertThat(help.out).containsPattern("(?m)^\\s+lecture\\s+");
    }

    private static String[] concat(List<String> stages, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of("lecture"));
        all.addAll(stages);
        all.addAll(List.of(rest));
        return all.toArray(new String[0]);
    }
}
