package jgrad.lecture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Feeds text into a JShell line by line, as the {@code jshell} tool reads what a user pastes: after
 * each line it asks {@link SourceCodeAnalysis} whether the lines so far make a complete snippet, and
 * runs it as soon as they do. So a chain whose next line starts with {@code .l2(...)} is cut off
 * after the line before, exactly as in {@code ./jgrad jshell}.
 *
 * <p>The shell first loads what {@code ./jgrad jshell} loads: JShell's DEFAULT imports and
 * jgrad-cli/src/main/jshell/startup.jsh. Problems collected: a rejected or unresolved snippet, an
 * exception, text left incomplete at the end, and a stray echo: an expression statement whose value
 * JShell would print as {@code $14 ==> ...} (a declaration's echo, {@code x ==> 7.0}, is JShell's
 * normal feedback and is allowed).
 */
final class PasteRunner {
    static final Path ROOT = Path.of(System.getProperty("jgrad.root", ".."));
    private static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*", "java.util.concurrent.*",
            "java.util.function.*", "java.util.prefs.*", "java.util.regex.*", "java.util.stream.*");
    private static final Pattern IDENTITY = Pattern.compile("[\\w.$]+@[0-9a-f]+");

    /** What one paste printed and what went wrong. */
    record Result(String output, List<String> problems) {
    }

    private PasteRunner() {
    }

    /** Pastes each of {@code pastes} in turn into one fresh shell (so later ones see earlier variables). */
    static Result paste(String name, List<String> pastes) throws IOException {
        return paste(name, pastes, true);
    }

    /**
     * As {@link #paste(String, List)}; {@code checkEcho} false allows expression echoes, for a
     * {@code jshell>} transcript that shows them.
     */
    static Result paste(String name, List<String> pastes, boolean checkEcho) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        PrintStream systemOut = System.out;
        System.setOut(out);
        try (JShell shell = JShell.builder().out(out).err(out).executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            for (String i : DEFAULT_IMPORTS) {
                shell.eval("import " + i + ";");
            }
            feed(shell, "startup.jsh", Files.readString(ROOT.resolve("jgrad-cli/src/main/jshell/startup.jsh")), problems, false);
            for (String text : pastes) {
                feed(shell, name, text, problems, checkEcho);
            }
        } finally {
            System.setOut(systemOut);
        }
        return new Result(bytes.toString(StandardCharsets.UTF_8), problems);
    }

    private static void feed(JShell shell, String name, String text, List<String> problems, boolean checkEcho) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        StringBuilder buffer = new StringBuilder();
        int lineNo = 0;
        int startLine = 1;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (buffer.length() == 0) {
                startLine = lineNo;
            }
            buffer.append(line).append('\n');
            while (true) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(buffer.toString());
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    buffer.setLength(0);
                    break;
                }
                if (!info.completeness().isComplete()) {
                    break;
                }
                evaluate(shell, name + " line " + startLine, info.source(), problems, checkEcho);
                buffer.setLength(0);
                buffer.append(info.remaining());
                startLine = lineNo;
                if (info.remaining().isBlank()) {
                    buffer.setLength(0);
                    break;
                }
            }
        }
        if (!buffer.toString().isBlank()) {
            problems.add(name + " line " + startLine + ": incomplete at the end: " + buffer.toString().strip());
        }
    }

    private static void evaluate(JShell shell, String where, String source, List<String> problems, boolean checkEcho) {
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            Snippet.Status status = event.status();
            if (status == Snippet.Status.REJECTED || status == Snippet.Status.RECOVERABLE_DEFINED
                    || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                StringBuilder why = new StringBuilder();
                shell.diagnostics(snippet).forEach(d -> why.append("; ").append(d.getMessage(null).replace('\n', ' ')));
                problems.add(where + ": " + status + ": " + snippet.source().strip() + why);
            } else if (event.exception() != null) {
                problems.add(where + ": threw " + event.exception() + " in: " + snippet.source().strip());
            } else if (checkEcho && snippet instanceof VarSnippet v
                    && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && event.value() != null) {
                String value = event.value();
                problems.add(where + ": JShell echoes " + v.name() + " ==> "
                        + (value.length() > 80 ? value.substring(0, 80) + "..." : value)
                        + (IDENTITY.matcher(value).matches() ? " (an object without toString)" : "")
                        + " after: " + snippet.source().strip());
            }
        }
    }
}
