package jgrad.lecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of README.md and docs/lecture/README.md, and every {@code jshell>} line shown
 * there, pasted into JShell line by line as a user pastes it into {@code ./jgrad jshell}: no snippet
 * may be rejected, throw, be cut off (a line starting with {@code .l2(...)}), or make JShell echo
 * {@code $14 ==> java.io.PrintStream@...}. Files the snippets write go to a temporary folder.
 */
class ReadmePasteTest {
    private static final List<Path> DOCS = List.of(PasteRunner.ROOT.resolve("README.md"),
            PasteRunner.ROOT.resolve("docs/lecture/README.md"));

    /** A snippet, and whether it is a jshell> transcript (which shows JShell's echo on purpose). */
    record Snippet(String text, boolean transcript) {
    }

    /**
     * The ```java blocks, and the jshell> lines of the other blocks, of one Markdown file. A block
     * whose info string says more than {@code java} (```java spark: it needs Spark on the class
     * path) is not pasted.
     */
    static List<Snippet> snippets(Path markdown) throws IOException {
        List<Snippet> out = new ArrayList<>();
        Matcher m = Pattern.compile("```([^\\n`]*)\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(markdown));
        while (m.find()) {
            if (m.group(1).equals("java")) {
                out.add(new Snippet(m.group(2), false));
            } else {
                StringBuilder typed = new StringBuilder();
                for (String line : m.group(2).split("\n")) {
                    if (line.startsWith("jshell> ")) {
                        typed.append(line.substring("jshell> ".length())).append('\n');
                    }
                }
                if (typed.length() > 0) {
                    out.add(new Snippet(typed.toString(), true));
                }
            }
        }
        return out;
    }

    @Test
    void theReadmesHaveSnippetsToPaste() throws IOException {
        assertThat(snippets(DOCS.get(0))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(snippets(DOCS.get(1))).isNotEmpty();
    }

    @Test
    void everySnippetPastesCleanly(@TempDir Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        StringBuilder outputs = new StringBuilder();
        for (Path doc : DOCS) {
            List<Snippet> blocks = snippets(doc);
            for (int i = 0; i < blocks.size(); i++) {
                // files the snippets write (Path.of("moons.json")) land in the temporary folder
                String block = blocks.get(i).text().replaceAll("Path\\.of\\(\"([^\"/]+)\"\\)",
                        "Path.of(\"" + dir.toString().replace("\\", "/") + "/$1\")")
                        // the spiral model's 400 epochs take half a minute on 2 cores; 20 exercise the same lines
                        .replace("fit(spiral, null, 400)", "fit(spiral, null, 20)");
                PasteRunner.Result r = PasteRunner.paste(PasteRunner.ROOT.relativize(doc) + " snippet " + (i + 1),
                        List.of(block), !blocks.get(i).transcript());
                problems.addAll(r.problems());
                outputs.append(r.output());
            }
        }
        assertThat(problems).as(outputs.toString()).isEmpty();
        // micrograd's README numbers, printed by the first snippet
        assertThat(outputs.toString()).contains("g = 24.7041, a.grad = 138.8338, b.grad = 645.5773")
                // the lecture's dL/da = 6 and dL/db = -4, by backwardStep() node by node
                .contains("a.grad = 6.0, b.grad = -4.0");
    }

    @Test
    void aChainStartingALineWithADotIsCaughtAsJShellCutsIt() throws IOException {
        PasteRunner.Result r = PasteRunner.paste("chain", List.of("""
                StringBuilder s = new StringBuilder("a")
                        .append("b");
                """));
        assertThat(r.problems()).anyMatch(p -> p.contains("REJECTED") && p.contains(".append(\"b\")"));
        PasteRunner.Result ok = PasteRunner.paste("chain", List.of("""
                StringBuilder s = new StringBuilder("a").
                        append("b");
                println(s);
                """));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.output()).contains("ab");
    }

    @Test
    void printfEchoesThePrintStreamAndPrintHelpersDoNot() throws IOException {
        PasteRunner.Result r = PasteRunner.paste("echo", List.of("System.out.printf(\"x%n\");\n"));
        assertThat(r.problems()).anyMatch(p -> p.contains("java.io.PrintStream@") && p.contains("without toString"));
        PasteRunner.Result ok = PasteRunner.paste("echo", List.of("printf(\"%.1f%n\", 2.5);\nprintln(\"y\");\n"));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.output()).contains("2.5\ny\n");
    }
}
