package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
        for (List<String> args : List.of(List.of("x"), List.of("1", "2"), List.of("0"), List.of("12"))) {
            Cli cli = Cli.run(concat(args, "--dir", dir.toString()));
            assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
            assertThat(cli.err).contains("jgrad lecture: give one stage number, 1 to 1, or none for all; got '"
                    + String.join(" ", args) + "'");
        }
        Cli missing = Cli.run("lecture", "5", "--dir", dir.toString());
        assertThat(missing.exitCode).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err).contains("give one stage number, 1 to 1, or none for all; got '5'");
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
        assertThat(cli.out).contains("by hand:    a=6.0 b=-4.0").contains("backward(): a=6.0 b=-4.0");
    }

    @Test
    void theShellImportsWhatStartupJshImports() throws IOException {
        Set<String> startup = new LinkedHashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("jgrad-cli/src/main/jshell/startup.jsh"))) {
            if (line.startsWith("import ")) {
                startup.add(line.strip());
            }
        }
        assertThat(startup).isNotEmpty();
        assertThat(LectureCommand.IMPORTS).containsAll(startup);
    }

    private static String[] concat(List<String> stages, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of("lecture"));
        all.addAll(stages);
        all.addAll(List.of(rest));
        return all.toArray(new String[0]);
    }
}
