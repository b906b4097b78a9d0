package jgrad.jupyter;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;

/**
 * A Jupyter kernel that runs cells in JShell with jgrad, as {@code ./jgrad jshell} does: the same
 * startup.jsh (every package imported, {@code println}, {@code draw}). The Jupyter protocol (ZeroMQ
 * sockets, message signing, execute/complete/is_complete requests) is org.dflib.jjava's
 * jjava-jupyter library; this class only evaluates.
 *
 * <p>A cell is split into snippets with JShell's {@link SourceCodeAnalysis}, as the jshell tool
 * splits what is typed; a rejected snippet or an exception fails the cell with JShell's message,
 * and the value of a last expression is the cell's result, as in a Python notebook.
 *
 * <p>Run by Jupyter as {@code java -jar jgrad-kernel.jar CONNECTION_FILE}; see
 * {@code docs/lecture/jupyter/kernel.json} and {@code .ci/run}.
 */
public final class JgradKernel extends BaseKernel {
    private final JShell shell;

    private JgradKernel(String name, String version, org.dflib.jjava.jupyter.kernel.history.HistoryManager history,
                        org.dflib.jjava.jupyter.kernel.JupyterIO io, org.dflib.jjava.jupyter.kernel.comm.CommManager comms,
                        org.dflib.jjava.jupyter.kernel.display.Renderer renderer, MagicParser magics,
                        org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry registry,
                        org.dflib.jjava.jupyter.kernel.util.StringStyler errors) {
        super(name, version,
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java", "java", "script"),
                List.of(), history, io, comms, renderer, magics, registry, false, errors);
        this.shell = newShell(System.out);
    }

    /** A shell with jgrad on its class path and startup.jsh evaluated; snippets print to {@code out}. */
    static JShell newShell(PrintStream out) {
        JShell shell = JShell.builder().executionEngine("local").out(out).err(out).build();
        try {
            shell.addToClasspath(Path.of(JgradKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            for (Class<?> c : List.of(jgrad.engine.Value.class, Class.forName("jgrad.cli.Main"))) {
                shell.addToClasspath(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            }
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("jgrad kernel: cannot find jgrad's class path: " + e.getMessage(), e);
        }
        for (String i : List.of("java.io.*", "java.math.*", "java.nio.file.*", "java.util.*", "java.util.function.*",
                "java.util.stream.*")) {
            shell.eval("import " + i + ";");
        }
        try (InputStream in = JgradKernel.class.getResourceAsStream("/jgrad/cli/startup.jsh")) {
            if (in == null) {
                throw new IllegalStateException("jgrad kernel: startup.jsh is missing from the class path; rebuild jgrad-cli");
            }
            evaluate(shell, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("jgrad kernel: cannot read startup.jsh: " + e.getMessage(), e);
        }
        return shell;
    }

    /**
     * Evaluates {@code code} snippet by snippet; returns the value of a final expression (its
     * JShell text), or null.
     *
     * @throws IllegalArgumentException naming the snippet, when one is rejected or throws
     */
    static String evaluate(JShell shell, String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        String last = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                throw new IllegalArgumentException("the cell ends inside a snippet: " + remaining.strip());
            }
            last = null;
            for (SnippetEvent event : shell.eval(info.source())) {
                if (event.causeSnippet() != null) {
                    continue;
                }
                Snippet s = event.snippet();
                if (event.status() == Snippet.Status.REJECTED) {
                    StringBuilder why = new StringBuilder();
                    shell.diagnostics(s).forEach(d -> why.append("\n  ").append(d.getMessage(Locale.ROOT)));
                    throw new IllegalArgumentException("rejected: " + s.source().strip() + why);
                }
                if (event.exception() != null) {
                    String name = event.exception() instanceof EvalException ee ? ee.getExceptionClassName()
                            : event.exception().getClass().getName();
                    throw new IllegalArgumentException(s.source().strip() + " threw " + name
                            + (event.exception().getMessage() == null ? "" : ": " + event.exception().getMessage()));
                }
                if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    last = event.value();
                }
            }
            remaining = info.remaining();
        }
        return last;
    }

    @Override
    public Object evalRaw(String code) {
        String value = evaluate(shell, code);
        System.out.flush();
        return value;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<String> options = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion s : shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor)) {
            options.add(s.continuation());
        }
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        SourceCodeAnalysis.Completeness c = shell.sourceCodeAnalysis().analyzeCompletion(code).completeness();
        return c.isComplete() || c == SourceCodeAnalysis.Completeness.EMPTY ? IS_COMPLETE_YES
                : c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE ? "" : IS_COMPLETE_MAYBE;
    }

    @Override
    public void onShutdown(boolean restart) {
        shell.close();
    }

    /** Builds the kernel with the library's defaults. */
    static final class Builder extends BaseKernelBuilder<Builder, JgradKernel> {
        @Override
        public JgradKernel build() {
            return new JgradKernel(buildName(), buildVersion(), buildHistoryManager(),
                    buildJupyterIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(),
                    new MagicParser("(?<=(?:^|=))\\s*//%", "//%%", buildMagicTranspiler()), buildMagicsRegistry(),
                    buildErrorStyler());
        }
    }

    /** {@code java -jar jgrad-kernel.jar CONNECTION_FILE}, as Jupyter starts a kernel. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar jgrad-kernel.jar CONNECTION_FILE (Jupyter passes {connection_file})");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(props);
        JgradKernel kernel = new Builder().name("jgrad").version("0.1.0").build();
        // the local execution engine runs snippets in this JVM: their System.out is the cell's output
        System.setOut(kernel.getIO().out);
        System.setErr(kernel.getIO().err);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }
}
