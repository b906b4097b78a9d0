package jgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jgrad.engine.Value;
import jgrad.io.AtomicFiles;
import jgrad.viz.DotWriter;
import jgrad.viz.GraphTrace;
import jgrad.viz.Graphviz;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jgrad graph}: draws the expression graph of a built-in example or of a saved model. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draws an expression graph with data and grad in every node, as DOT, SVG or PNG.",
                "SVG and PNG come from Graphviz's 'dot' when it is on the PATH, else from jgrad's own"
                        + " pure-Java renderer (ELK layout), so nothing needs installing."},
        footer = {"", "Examples:",
                "  jgrad graph readme                      micrograd's README expression -> jgrad-out/graph/readme.png",
                "  jgrad graph --expr \"a = 2; b = -3; c = 10; f = -2; L = (a*b + c) * f\"   a typed expression",
                "  jgrad graph expression --no-backward    the lecture's L = (a*b + c) * f before backward()",
                "  jgrad graph neuron --format svg         the lecture's tanh neuron",
                "  jgrad graph mlp                         the lecture MLP's loss on one example",
                "  jgrad graph moons --example 7           one example's path in the demo's 65,818-node loss",
                "  jgrad graph --model model.json --input 0.5,-0.3 -o model.svg",
                "  jgrad graph readme -o - | dot -Tpdf > g.pdf   DOT on standard output"})
final class GraphCommand implements Callable<Integer> {

    /** The built-in graphs. */
    enum Example { readme, expression, neuron, neuron_exp, accumulate, mlp, moons }

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXAMPLE",
            description = "Built-in graph: ${COMPLETION-CANDIDATES} (default readme; ignored with --model).")
    Example example;

    @Option(names = "--example", paramLabel = "N",
            description = "With moons: draw only example N's loss term and its path through the network.")
    Integer exampleRow;

    @Option(names = "--expr", paramLabel = "TEXT",
            description = "Draw this expression: assignments separated by ';', the last one the output, with"
                    + " + - * / ** and tanh exp log relu sigmoid, e.g. \"x = 3; y = tanh(2*x + 1)\".")
    String expr;

    @Option(names = "--renderer", paramLabel = "NAME", defaultValue = "auto",
            description = "auto (Graphviz's dot when installed, else java), dot, or java (pure Java, ELK"
                    + " layout). Default ${DEFAULT-VALUE}.")
    String renderer;

    @Option(names = "--model", paramLabel = "FILE", description = "A model saved by 'jgrad train' or 'jgrad demo'.")
    Path model;

    @Option(names = "--input", paramLabel = "ROW", split = ",",
            description = "With --model: one input row of features, comma-separated, before standardisation.")
    double[] input;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "dot, svg or png (default: from the --output extension, else png).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write (default jgrad-out/graph/NAME.FORMAT; '-' writes DOT to standard output).")
    String output;

    @Option(names = "--rankdir", paramLabel = "DIR", defaultValue = "AUTO",
            description = "LR (left to right, as micrograd), TB (top to bottom), or AUTO: LR unless that is"
                    + " wider than about 1600 px. Default ${DEFAULT-VALUE}.")
    DotWriter.RankDir rankDir;

    @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "200",
            description = "Draw at most N nodes, those closest to the output, and say what was left out"
                    + " (default ${DEFAULT-VALUE}; 0 draws everything).")
    int maxNodes;

    @Option(names = "--no-backward",
            description = "Draw the graph as it is before backward(): data only, every gradient 0.")
    boolean noBackward;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxNodes < 0) {
            throw new Main.UsageException("--max-nodes must be 0 (everything) or more, got " + maxNodes);
        }
        if (input != null && model == null) {
            throw new Main.UsageException("--input needs --model FILE");
        }
        if (model != null && example != null) {
            throw new Main.UsageException("give either an EXAMPLE or --model, not both");
        }
        if (exampleRow != null && example != Example.moons) {
            throw new Main.UsageException("--example N goes with the moons graph; got "
                    + (example == null ? "no EXAMPLE" : example) + " and " + exampleRow);
        }
        if (exampleRow != null && (exampleRow < 0 || exampleRow >= DemoCommand.SAMPLES)) {
            throw new Main.UsageException("--example " + exampleRow + " is not a row of the demo's "
                    + DemoCommand.SAMPLES + " examples; use 0 to " + (DemoCommand.SAMPLES - 1));
        }
        if (expr != null && (model != null || example != null)) {
            throw new Main.UsageException("give one of EXAMPLE, --model or --expr");
        }
        if (!List.of("auto", "dot", "java").contains(renderer.toLowerCase(Locale.ROOT))) {
            throw new Main.UsageException("--renderer must be auto, dot or java, got '" + renderer + "'");
        }
        Examples.Graph graph = expr != null ? expression(expr)
                : model != null ? Examples.savedModel(model, input)
                : exampleRow != null ? Examples.moonsLoss(exampleRow)
                : Examples.build(example == null ? Example.readme : example);
        boolean toStdout = "-".equals(output);
        if (noBackward) {
            graph.root().topologicalOrder().forEach(Value::zeroGrad);
        }
        if (!graph.note().isEmpty()) {
            // on stdout, where it stays in order with "wrote ..." (./jgrad filters stderr), unless DOT goes there
            (toStdout ? err : out).println(toStdout ? "jgrad graph: drawing " + graph.note() : "drawing " + graph.note());
        }
        GraphTrace trace = GraphTrace.of(graph.root(), graph.parameters());
        if (maxNodes > 0) {
            trace = trace.nearestToOutput(maxNodes);
        }
        String dot = DotWriter.readable(trace, rankDir);

        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : formatOf(output);
        if (!List.of("dot", "svg", "png").contains(fmt)) {
            throw new Main.UsageException(format != null ? "--format must be dot, svg or png, got '" + format + "'"
                    : "cannot write '" + fmt + "': the format comes from the -o extension, and must be dot, svg or png;"
                    + " give --format, or an output file ending .dot, .svg or .png");
        }
        String note = trace.omittedNodes() > 0
                ? " (" + trace.summary() + "; use --max-nodes to change)" : " (" + trace.summary() + ")";
        if (toStdout) {
            if (!fmt.equals("dot")) {
                throw new Main.UsageException("'-o -' writes DOT text; use --format dot or an output file");
            }
            out.print(dot);
            out.flush();
            if (trace.omittedNodes() > 0) {
                err.println("jgrad graph: drew " + trace.summary());
            }
            return 0;
        }
        Path target = Path.of(output != null ? output : "jgrad-out/graph/" + graph.name() + "." + fmt);
        if (fmt.equals("dot")) {
            writeText(target, dot);
            out.println("wrote " + target + note);
            return 0;
        }
        Graphviz.Format picture = fmt.equals("svg") ? Graphviz.Format.SVG : Graphviz.Format.PNG;
        String use = renderer.toLowerCase(Locale.ROOT);
        if (use.equals("dot") && Graphviz.find().isEmpty()) {
            Path dotFile = withExtension(target, "dot");
            writeText(dotFile, dot);
            err.println("jgrad graph: wrote " + dotFile + " but not " + target + ": " + Graphviz.INSTALL_HINT
                    + "; or use --renderer java, which needs nothing installed");
            return Main.FAILURE;
        }
        if (use.equals("java") || Graphviz.find().isEmpty()) {
            new JavaGraphRenderer().render(trace, picture, target);
            out.println("wrote " + target + note + " with jgrad's pure-Java renderer");
            return 0;
        }
        Graphviz.render(dot, picture, target);
        out.println("wrote " + target + note);
        return 0;
    }

    /** The graph of a typed expression, backpropagated from its output unless --no-backward. */
    private static Examples.Graph expression(String text) {
        Value root = Expression.parse(text);
        root.backward();
        return new Examples.Graph(root.label().isEmpty() ? "expr" : root.label().replaceAll("[^A-Za-z0-9._-]", "_"),
                root, List.of());
    }

    private static String formatOf(String output) {
        if (output == null || output.equals("-")) {
            return output == null ? "png" : "dot";
        }
        int dot = output.lastIndexOf('.');
        return dot < 0 ? "png" : output.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + "." + extension);
    }

    /** Writes {@code text} atomically, creating the folder. */
    static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, text);
    }
}
