package jgrad.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code jgrad} command: micrograd's moons demo, training on built-in data or a CSV,
 * predictions from a saved model, drawings of expression graphs, and the lecture's JShell scripts.
 *
 * <p>Errors are one line on standard error, {@code jgrad <command>: <what went wrong>}, with exit
 * code 2 for a usage mistake (an unknown flag, a bad value) and 1 for a failure (a missing file, a
 * malformed CSV); {@code --verbose} adds the stack trace. Run {@code jgrad --help} or
 * {@code jgrad <command> --help}.
 *
 * <pre>{@code
 * int exitCode = Main.run(new String[] {"demo", "--out", "out"}, stdout, stderr);
 * }</pre>
 */
@Command(name = "jgrad",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A micrograd-style autograd engine and neural networks for the JVM.",
        subcommands = {DemoCommand.class, TrainCommand.class, PredictCommand.class, GraphCommand.class,
                LectureCommand.class, JShellCommand.class, PlaygroundCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Start with 'jgrad demo'. Errors exit with 2 (usage) or 1 (failure)."})
public final class Main implements Runnable {

    /** Exit code of a usage mistake, as picocli and most Unix tools use it. */
    static final int USAGE = 2;
    /** Exit code of a failure. */
    static final int FAILURE = 1;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What the command is doing now, for the out-of-memory message ("reading data.csv", "training"). */
    private static volatile String stage = "starting";

    /** Records what the command is doing now, for {@link #run}'s out-of-memory message. */
    static void stage(String what) {
        stage = what;
    }

    @Option(names = "--max-input-bytes", paramLabel = "SIZE", scope = ScopeType.INHERIT,
            description = "The largest input file (CSV, model, safetensors, IDX, also inside gzip) to read, e.g. 4g"
                    + " (default 1g).")
    void maxInputBytes(String size) {
        try {
            jgrad.data.InputLimits.parseSize(size, "--max-input-bytes");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        System.setProperty(jgrad.data.InputLimits.PROPERTY, size);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: demo, train, predict, graph, lecture, jshell or playground");
    }

    /** Runs {@code jgrad} with the process's arguments and exits with its exit code. */
    public static void main(String[] args) {
        Phases.mark("main reached");
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // NOTE: start-up fast path (issue 18): the version needs none of picocli's model of the
            // commands, whose reflection over every option is most of a plain --version's time
            for (String line : new Version().getVersion()) {
                System.out.println(line);
            }
            return;
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        Phases.mark("exit");
        System.exit(code);
    }

    /** Runs {@code jgrad} with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("java.awt.headless", "true");
        if (SparkDelegate.wanted(args)) {   // train --spark: the optional jgrad-spark module, by reflection
            return SparkDelegate.run(args, out, err);
        }
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine sub = ex.getCommandLine();
            err.println(sub.getCommandSpec().qualifiedName() + ": " + usageMessage(ex)
                    + " (see '" + sub.getCommandSpec().qualifiedName() + " --help')");
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, sub, parseResult) -> {
            if (ex.getCause() instanceof OutOfMemoryError) {
                return outOfMemory(args, err, (OutOfMemoryError) ex.getCause(), verbose);
            }
            err.println(sub.getCommandSpec().qualifiedName() + ": " + oneLine(ex));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ex instanceof UsageException ? USAGE : FAILURE;
        });
        String limitBefore = System.getProperty(jgrad.data.InputLimits.PROPERTY);
        stage = "starting";
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            code = outOfMemory(args, err, e, verbose);
        } finally {
            if (limitBefore == null) {
                System.clearProperty(jgrad.data.InputLimits.PROPERTY);
            } else {
                System.setProperty(jgrad.data.InputLimits.PROPERTY, limitBefore);
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * picocli's message in plain words, with "did you mean" for a mistyped command or option:
     * {@code unknown command 'dmeo'; did you mean 'demo'?} instead of
     * {@code Unmatched argument at index 0: 'dmeo'}.
     */
    static String usageMessage(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return ex.getMessage();
        }
        java.util.List<String> args = unmatched.getUnmatched();
        String first = args.isEmpty() ? "" : args.get(0);
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String what;
        if (first.startsWith("-")) {
            what = "unknown option '" + first + "'";
        } else if (!spec.subcommands().isEmpty() && spec.parent() == null) {
            what = "unknown command '" + first + "'";
        } else {
            what = "unexpected argument" + (args.size() == 1 ? " '" + first + "'" : "s '" + String.join(" ", args) + "'");
        }
        java.util.List<String> suggestions = new java.util.ArrayList<>();
        java.util.List<String> candidates = new java.util.ArrayList<>();
        if (first.startsWith("-")) {
            spec.options().forEach(o -> candidates.addAll(java.util.List.of(o.names())));
        } else {
            candidates.addAll(spec.subcommands().keySet());
        }
        candidates.addAll(unmatched.getSuggestions());
        for (String s : candidates) {
            if (!suggestions.contains(s) && close(first.replaceFirst("^-+", ""), s.replaceFirst("^-+", ""))) {
                suggestions.add(s);
            }
        }
        if (suggestions.isEmpty()) {
            return what;
        }
        return what + "; did you mean " + (suggestions.size() == 1 ? "'" + suggestions.get(0) + "'"
                : "one of '" + String.join("', '", suggestions.subList(0, Math.min(3, suggestions.size()))) + "'") + "?";
    }

    /** Whether {@code typed} is a plausible typo of {@code name}: a prefix, or at most a third of it edited. */
    static boolean close(String typed, String name) {
        if (typed.isEmpty()) {
            return false;
        }
        if (name.startsWith(typed) || typed.startsWith(name)) {
            return true;
        }
        // optimal string alignment distance: insertions, deletions, substitutions, neighbour swaps
        int[][] d = new int[typed.length() + 1][name.length() + 1];
        for (int i = 0; i <= typed.length(); i++) {
            for (int j = 0; j <= name.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = typed.charAt(i - 1) == name.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && typed.charAt(i - 1) == name.charAt(j - 2) && typed.charAt(i - 2) == name.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        int distance = d[typed.length()][name.length()];
        return distance <= Math.max(1, name.length() / 3);
    }

    /** One line for an out-of-memory error: what was being done, the heap, and how to get more. */
    private static int outOfMemory(String[] args, PrintWriter err, OutOfMemoryError e, boolean verbose) {
        String command = "jgrad" + (args.length > 0 && !args[0].startsWith("-") ? " " + args[0] : "");
        err.println(command + ": out of memory while " + stage + " (" + e.getMessage() + "; the JVM's heap is "
                + jgrad.data.InputLimits.describe(Runtime.getRuntime().maxMemory()) + "); give the JVM more memory with"
                + " JGRAD_JAVA_OPTS=-Xmx8g (or java -Xmx8g), or use smaller data or a smaller model");
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /** The message of {@code ex} on one line, naming the exception type only when it has no message. */
    static String oneLine(Throwable ex) {
        String message = ex.getMessage();
        if (ex instanceof java.nio.file.NoSuchFileException) {
            message = "no such file: " + message;
        } else if (ex instanceof java.nio.file.AccessDeniedException) {
            message = "permission denied: " + message;
        } else if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName() + (ex.getCause() != null ? ": " + oneLine(ex.getCause()) : "");
        }
        String line = message.strip().replaceAll("\\s*\\R\\s*", "; ");
        return line.length() <= 2000 ? line : line.substring(0, 2000) + "... (message cut at 2000 characters)";
    }

    /** A usage mistake found after parsing (options that do not go together): exit code 2. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"jgrad " + (v == null ? "(development build)" : v)};
        }
    }
}
