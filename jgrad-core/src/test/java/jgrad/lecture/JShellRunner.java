package jgrad.lecture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/** Runs a JShell script the way `jshell script.jsh` does, with the test class path, and captures what it prints. */
final class JShellRunner {
    private JShellRunner() {
    }

    /** The printed output of the script; throws with the failing snippet if one is rejected or throws. */
    static String run(Path script) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        // the local execution engine runs snippets in this JVM, so they print to System.out
        PrintStream systemOut = System.out;
        System.setOut(out);
        try (JShell shell = JShell.builder().out(out).err(out).executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String remaining = Files.readString(script);
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                String source = info.source();
                if (source == null || info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break;
                }
                for (SnippetEvent event : shell.eval(source)) {
                    if (event.status() == Snippet.Status.REJECTED) {
                        shell.diagnostics(event.snippet()).forEach(d ->
                                problems.add(script.getFileName() + ": rejected: " + event.snippet().source().strip()
                                        + "\n  " + d.getMessage(null)));
                    }
                    if (event.exception() != null) {
                        problems.add(script.getFileName() + ": threw " + event.exception() + " in: "
                                + event.snippet().source().strip());
                    }
                }
                remaining = info.remaining();
            }
        } finally {
            System.setOut(systemOut);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems) + "\n--- output so far ---\n" + bytes.toString(StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
