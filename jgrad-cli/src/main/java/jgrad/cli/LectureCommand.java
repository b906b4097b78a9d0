package jgrad.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad lecture [N]}: runs the lecture walkthrough's JShell scripts, {@code docs/lecture/0N-*.jsh},
 * in this JVM through the {@code jdk.jshell} API, and fails (exit 1) when a snippet is rejected
 * or throws, as the {@code jshell} tool does not: it prints the problem and carries on with
 * exit code 0. So a script that drifted from the library's API is caught.
 *
 * <p>Each script runs in a fresh shell that first imports what {@code jgrad jshell} imports
 * (JShell's default imports and {@code jgrad-cli/src/main/jshell/startup.jsh}); its output is
 * printed as it comes, after a {@code ==== docs/lecture/0N-name.jsh} header. The scripts are found
 * in {@code --dir}, else in {@code docs/lecture} under the system property {@code jgrad.home},
 * which {@code ./jgrad} sets to the repository root.
 */
@Command(name = "lecture", mixinStandardHelpOptions = true,
        description = {"Runs the lecture walkthrough's JShell scripts (docs/lecture/0N-*.jsh): all of them, or"
                + " the stages given; exits with 1 if a snippet is rejected or throws."},
        footer = {"", "Examples:", "  jgrad lecture              all stages",
                "  jgrad lecture 3            stage 3, backpropagation on the graph",
                "  jgrad lecture 2-4 7        stages 2, 3, 4 and 7",
                "  jgrad lecture 3 --echo     each snippet, then what it prints",
                "  jgrad jshell docs/lecture/03-backprop.jsh   run it and stay in JShell with its variables"})
final class LectureCommand implements Callable<Integer> {

    /** JShell's DEFAULT startup, which a shell evaluates before {@link #STARTUP}. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;");

    /** The class-path resource holding jgrad-cli/src/main/jshell/startup.jsh, which {@code jgrad jshell} loads too. */
    static final String STARTUP = "/jgrad/cli/startup.jsh";

    /** The text of startup.jsh, from the jar. */
    static String startup() throws IOException {
        try (var in = LectureCommand.class.getResourceAsStream(STARTUP)) {
            if (in == null) {
                throw new IOException("startup.jsh is missing from the class path (" + STARTUP + "); rebuild jgrad-cli");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Parameters(arity = "0..*", paramLabel = "N",
            description = "The stages to run: numbers such as 3, ranges such as 2-4, or several (default: all).")
    List<String> stages = new ArrayList<>();

    @Option(names = "--echo", description = "Show each snippet, as jshell> lines, before its output.")
    boolean echo;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "The folder of the scripts (default: docs/lecture in the jgrad.home folder, set by ./jgrad).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = folder();
        List<Path> all = scripts(folder);
        List<Path> scripts = all;
        if (all.isEmpty()) {
            throw new IOException("no lecture scripts (NN-name.jsh) in " + folder);
        }
        if (!stages.isEmpty()) {
            scripts = select(all, stages);
        }
        List<String> failed = new ArrayList<>();
        for (Path script : scripts) {
            String name = display(folder, script);
            out.println("==== " + name);
            out.flush();
            int problems = run(script, name, out, err, echo);
            if (problems > 0) {
                failed.add(name + " (" + problems + (problems == 1 ? " problem)" : " problems)"));
            }
        }
        if (!failed.isEmpty()) {
            err.println("jgrad lecture: failed: " + String.join(", ", failed));
            return Main.FAILURE;
        }
        return 0;
    }

    /** The scripts of {@code stages} (numbers and ranges like 2-4), in the order given, each once. */
    static List<Path> select(List<Path> all, List<String> stages) {
        java.util.Map<Integer, Path> byNumber = new java.util.TreeMap<>();
        for (Path p : all) {
            byNumber.put(Integer.parseInt(p.getFileName().toString().substring(0, 2)), p);
        }
        int last = byNumber.isEmpty() ? 0 : ((java.util.TreeMap<Integer, Path>) byNumber).lastKey();
        java.util.LinkedHashSet<Path> chosen = new java.util.LinkedHashSet<>();
        for (String stage : stages) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,2})(?:-(\\d{1,2}))?").matcher(stage.strip());
            int from = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            int to = m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : from;
            if (from < 1 || to < from) {
                throw new Main.UsageException("give stage numbers 1 to " + last + " (3), ranges (2-4) or several (1 3 5),"
                        + " or none for all; got '" + String.join(" ", stages) + "'");
            }
            for (int n = from; n <= to; n++) {
                Path p = byNumber.get(n);
                if (p == null) {
                    throw new Main.UsageException("there is no stage " + n + ": the stages are " + byNumber.keySet()
                            .stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                            + "; got '" + String.join(" ", stages) + "'");
                }
                chosen.add(p);
            }
        }
        return List.copyOf(chosen);
    }

    /** The scripts in {@code folder}, NN-name.jsh, in order. */
    private static List<Path> scripts(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.jsh")).sorted().toList();
        }
    }

    /** The scripts' folder, from --dir or the jgrad.home property. */
    private Path folder() throws IOException {
        Path folder = dir;
        if (folder == null) {
            String home = System.getProperty("jgrad.home");
            if (home == null) {
                throw new IOException("cannot find docs/lecture: run './jgrad lecture' from the jgrad repository, or give --dir DIR");
            }
            folder = Path.of(home, "docs", "lecture");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("no lecture folder " + folder + " (docs/lecture of the jgrad repository); give --dir DIR");
        }
        return folder;
    }

    /** {@code docs/lecture/03-backprop.jsh} when run from the repository, else the path as given. */
    private String display(Path folder, Path script) {
        String home = System.getProperty("jgrad.home");
        Path shown = dir == null && home != null ? Path.of(home).relativize(script) : script;
        return shown.toString().replace('\\', '/');
    }

    /**
     * Runs one script in a fresh shell, with System.out and System.err sent to {@code out} and
     * {@code err} while it runs; returns the number of snippets that were rejected or threw.
     */
    static int run(Path script, String name, PrintWriter out, PrintWriter err, boolean echo) throws IOException {
        String text = new String(Files.readAllBytes(script), StandardCharsets.UTF_8);
        PrintStream systemOut = System.out, systemErr = System.err;
        PrintStream snippetOut = new PrintStream(new WriterStream(out), true, StandardCharsets.UTF_8);
        PrintStream snippetErr = new PrintStream(new WriterStream(err), true, StandardCharsets.UTF_8);
        System.setOut(snippetOut);
        System.setErr(snippetErr);
        int problems = 0;
        try (JShell shell = JShell.builder().executionEngine("local").out(snippetOut).err(snippetErr).build()) {
            for (Path entry : classPath()) {
                shell.addToClasspath(entry.toString());
            }
            for (String line : DEFAULT_IMPORTS) {
                problems += evaluate(shell, line, "the startup imports", snippetOut, err);
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            for (String remaining = startup(); !remaining.isBlank(); ) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break;
                }
                problems += evaluate(shell, info.source(), "startup.jsh", snippetOut, err);
                remaining = info.remaining();
            }
            String remaining = text;
            while (!remaining.isBlank()) {
                int line = lineOf(text, text.length() - remaining.length() + codeStart(remaining));
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break;   // only comments are left
                }
                if (!info.completeness().isComplete()) {
                    err.println(name + ", line " + line + ": the script ends inside a snippet: " + firstLine(remaining));
                    problems++;
                    break;
                }
                if (echo) {
                    snippetOut.flush();
                    String typed = remaining.substring(0, remaining.length() - info.remaining().length());
                    out.print(echoed(typed));
                    out.flush();
                }
                problems += evaluate(shell, info.source(), name + ", line " + line, snippetOut, err);
                remaining = info.remaining();
            }
        } finally {
            snippetOut.flush();
            snippetErr.flush();
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return problems;
    }

    /** Evaluates one snippet; prints what went wrong to {@code err} and returns 1, else 0. */
    private static int evaluate(JShell shell, String source, String where, PrintStream snippetOut, PrintWriter err) {
        int problems = 0;
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) {
                continue;   // a snippet that depended on this one was updated
            }
            Snippet snippet = event.snippet();
            Snippet.Status status = event.status();
            snippetOut.flush();
            if (status == Snippet.Status.REJECTED || status == Snippet.Status.RECOVERABLE_DEFINED
                    || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                err.println(where + ": " + (status == Snippet.Status.REJECTED ? "rejected" : "unresolved")
                        + ": " + firstLine(snippet.source()));
                shell.diagnostics(snippet).forEach(d -> err.println("    " + message(d)));
                problems = 1;
            } else if (event.exception() != null) {
                err.println(where + ": " + firstLine(snippet.source()) + " threw " + describe(event.exception()));
                problems = 1;
            }
            err.flush();
        }
        return problems;
    }

    private static String message(Diag d) {
        return d.getMessage(Locale.ROOT).strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static String describe(JShellException ex) {
        if (ex instanceof EvalException e) {
            return e.getExceptionClassName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (ex instanceof UnresolvedReferenceException u) {
            return "an unresolved reference: " + firstLine(u.getSnippet().source()) + " cannot run";
        }
        return ex.toString();
    }

    /** The jar (or class folders) that hold jgrad, for the shell's compiler. */
    private static List<Path> classPath() {
        List<Path> paths = new ArrayList<>();
        for (Class<?> c : List.of(jgrad.engine.Value.class, LectureCommand.class)) {
            try {
                Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!paths.contains(p)) {
                    paths.add(p);
                }
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot find the class path of " + c.getName() + ": " + e.getMessage(), e);
            }
        }
        return paths;
    }

    /**
     * A snippet as the user would have typed it: its comments as they are, its code after
     * {@code jshell> } and continuation lines after {@code    ...> }, blank lines dropped.
     */
    static String echoed(String typed) {
        StringBuilder s = new StringBuilder();
        boolean first = true;
        for (String line : typed.strip().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().startsWith("//") && first) {
                s.append(line.strip()).append('\n');
                continue;
            }
            s.append(first ? "jshell> " : "   ...> ").append(line).append('\n');
            first = false;
        }
        return s.toString();
    }

    /** Where the code of {@code s} starts, after blank space and line comments. */
    private static int codeStart(String s) {
        int i = 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (!s.startsWith("//", i)) {
                return i;
            }
            int nl = s.indexOf('\n', i);
            i = nl < 0 ? s.length() : nl + 1;
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String source) {
        String s = source.substring(codeStart(source)).strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip() + " ...";
    }

    /** Bytes printed to a PrintStream, handed on to a Writer as UTF-8 text at every flush. */
    private static final class WriterStream extends OutputStream {
        private final Writer writer;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        WriterStream(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            writer.write(buffer.toString(StandardCharsets.UTF_8));
            buffer.reset();
            writer.flush();
        }
    }
}
