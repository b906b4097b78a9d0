package jgrad.viz;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.IdentityHashMap;
import java.util.Map;
import jgrad.engine.Value;

/**
 * Turns a {@link GraphTrace} into Graphviz DOT text, in the style of micrograd's {@code draw_dot}.
 *
 * <p>Each value is a record node {@code { label | data %.4f | grad %.4f }} (the label field only
 * when the value has a label), filled by its {@linkplain GraphTrace.Role role}: inputs light blue,
 * parameters light orange, intermediates white, the output light green. Each operation is its own
 * small ellipse between its operands and its result, as in micrograd. Node names are {@code v0},
 * {@code v1}, ... in the trace's topological order and {@code v7_op} for the operation that made
 * {@code v7}; lines come in that order, so the same graph always gives the same text. Numbers are
 * rounded half-even from their exact binary value, as C's and Python's {@code %.4f} do. Labels are
 * escaped for DOT records ({@code \ " { } | < >}).
 *
 * <p>When the trace leaves nodes out, the operations with operands not drawn are dashed, and a
 * note node gives {@link GraphTrace#summary()}.
 *
 * <pre>{@code
 * String dot = DotWriter.write(GraphTrace.of(loss, model.parameters()), DotWriter.RankDir.LR);
 * Graphviz.render(dot, Graphviz.Format.SVG, Path.of("loss.svg"));
 * }</pre>
 *
 * <p>This class writes text and does nothing else; {@link Graphviz} renders it.
 */
public final class DotWriter {

    /**
     * The direction of the drawing: left to right (micrograd's default), top to bottom, or AUTO:
     * left to right unless that would be wider than about 1600 pixels, then top to bottom.
     */
    public enum RankDir { LR, TB, AUTO }

    /** About how wide one value record and its operation are, in pixels, for {@link RankDir#AUTO}. */
    private static final int STEP_PIXELS = 210;
    /** The widest drawing {@link RankDir#AUTO} and {@link #readable} aim at, in pixels. */
    public static final int MAX_PIXELS = 1600;

    private DotWriter() {
    }

    /** The DOT text of {@code trace}, left to right. */
    public static String write(GraphTrace trace) {
        return write(trace, RankDir.LR);
    }

    /**
     * The DOT text of {@code trace} for reading at README or screen width: {@link RankDir#AUTO},
     * a size cap of {@link #MAX_PIXELS} (Graphviz shrinks a bigger drawing to fit), and a legend of
     * the colours, the record fields and, when the graph uses them, labels like {@code w1.2.3}.
     */
    public static String readable(GraphTrace trace, RankDir rankDir) {
        String dot = write(trace, rankDir);
        StringBuilder legend = new StringBuilder();
        legend.append("  legend [shape=plaintext, fontsize=9, label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"2\">")
                .append("<tr>");
        String[] names = {"input", "parameter", "intermediate", "output"};
        for (GraphTrace.Role role : GraphTrace.Role.values()) {
            legend.append("<td bgcolor=\"").append(colour(role)).append("\">").append(names[role.ordinal()]).append("</td>");
        }
        legend.append("</tr><tr><td colspan=\"4\">box: label | data | grad after backward(); oval: its operation</td></tr>");
        if (trace.nodes().stream().anyMatch(v -> v.label().matches("[wb]\\d+\\.\\d+(\\.\\d+)?"))) {
            legend.append("<tr><td colspan=\"4\">w1.2.3 = layer 1, neuron 2, weight of input 3; b1.2 = bias of neuron 2 in layer 1</td></tr>");
        }
        legend.append("</table>>];\n");
        String size = "  size=\"" + MAX_PIXELS / 96 + "." + (MAX_PIXELS % 96 * 10 / 96) + ",40\";\n";
        int afterRankdir = dot.indexOf('\n', dot.indexOf("rankdir=")) + 1;
        String withSize = dot.substring(0, afterRankdir) + size + dot.substring(afterRankdir);
        return withSize.substring(0, withSize.lastIndexOf('}')) + legend + "}\n";
    }

    /** {@link RankDir#LR} or {@link RankDir#TB}: left to right unless that would be wider than {@link #MAX_PIXELS}. */
    public static RankDir autoRankDir(GraphTrace trace) {
        Map<Value, Integer> depth = new IdentityHashMap<>();
        int deepest = 0;
        for (Value v : trace.nodes()) {
            int d = 1;
            for (Value child : v.children()) {
                Integer c = depth.get(child);
                if (c != null) {
                    d = Math.max(d, c + 1);
                }
            }
            depth.put(v, d);
            deepest = Math.max(deepest, d);
        }
        return (long) deepest * STEP_PIXELS > MAX_PIXELS ? RankDir.TB : RankDir.LR;
    }

    /** The DOT text of {@code trace}, in the direction {@code rankDir}. */
    public static String write(GraphTrace trace, RankDir rankDir) {
        if (rankDir == RankDir.AUTO) {
            rankDir = autoRankDir(trace);
        }
        Map<Value, String> ids = new IdentityHashMap<>();
        StringBuilder dot = new StringBuilder();
        dot.append("digraph jgrad {\n");
        dot.append("  rankdir=").append(rankDir).append(";\n");
        dot.append("  node [fontname=\"Helvetica\", fontsize=10];\n");
        dot.append("  edge [arrowsize=0.6];\n");
        for (Value v : trace.nodes()) {
            String id = "v" + ids.size();
            ids.put(v, id);
            StringBuilder label = new StringBuilder("{ ");
            if (!v.label().isEmpty()) {
                label.append(escape(v.label())).append(" | ");
            }
            label.append("data ").append(format(v.data())).append(" | grad ").append(format(v.grad())).append(" }");
            dot.append("  ").append(id).append(" [shape=record, style=filled, fillcolor=\"")
                    .append(colour(trace.role(v))).append("\", label=\"").append(label).append("\"];\n");
            if (!v.isLeaf()) {
                dot.append("  ").append(id).append("_op [shape=ellipse, ")
                        .append(trace.isCut(v) ? "style=dashed, " : "")
                        .append("label=\"").append(escape(v.op())).append("\"];\n");
                dot.append("  ").append(id).append("_op -> ").append(id).append(";\n");
                for (Value child : v.children()) {
                    String from = ids.get(child);
                    if (from != null) {
                        dot.append("  ").append(from).append(" -> ").append(id).append("_op;\n");
                    }
                }
            }
        }
        if (trace.omittedNodes() > 0) {
            dot.append("  omitted [shape=note, label=\"").append(escape(trace.summary()))
                    .append("\\ndashed operations have operands that are not drawn\"];\n");
        }
        dot.append("}\n");
        return dot.toString();
    }

    /**
     * A number as drawings show it: {@code %.4f} as C and Python print it (the exact binary value
     * rounded half-even), except that a negative number that rounds to zero prints as
     * {@code 0.0000}, not {@code -0.0000}.
     */
    public static String number(double x) {
        return format(x);
    }

    /** The fill colour of a node of {@code role}, as {@code #rrggbb}; the legend of every drawing explains it. */
    public static String fill(GraphTrace.Role role) {
        return colour(role);
    }

    /** {@code %.4f} as C and Python print it: the exact binary value rounded half-even; no "-0.0000". */
    static String format(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(Math.abs(x)).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        // -0.0 and -0.00001 print as 0.0000: a minus sign on zero only confuses a learner
        boolean negative = x < 0 && !digits.equals("0.0000");
        return negative ? "-" + digits : digits;
    }

    /** Escapes a label for a DOT record inside a double-quoted string; newlines become spaces. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '"', '{', '}', '|', '<', '>' -> out.append('\\').append(c);
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String colour(GraphTrace.Role role) {
        return switch (role) {
            case INPUT -> "#cfe3ff";
            case PARAMETER -> "#ffdca8";
            case INTERMEDIATE -> "#ffffff";
            case OUTPUT -> "#b9e8b0";
        };
    }
}
