package jgrad.viz;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.engine.Value;

/**
 * micrograd's {@code draw_dot(root)} in one call: {@code draw(L)} writes an SVG and a PNG of the
 * graph below {@code L}, with data and grad in every node, and prints where they are.
 *
 * <pre>{@code
 * Value L = a.mul(b).add(c).mul(f).label("L");
 * L.backward();
 * Draw.draw(L);     // drew L: jgrad-out/draw/L.svg and jgrad-out/draw/L.png (java renderer)
 * }</pre>
 *
 * <p>{@code ./jgrad jshell} imports it ({@code import static jgrad.viz.Draw.draw}), so {@code draw(L)}
 * is all a learner types. The renderer is the first available of: the one named by the system
 * property {@code jgrad.draw} ({@code java} or {@code dot}); the renderers found by
 * {@link ServiceLoader} (jgrad-cli's pure-Java one, which needs no install); Graphviz's
 * {@code dot} program. With none, the DOT text is written to a {@code .dot} file and the message
 * says how to install Graphviz. Files go to {@code jgrad-out/draw/} (the system property
 * {@code jgrad.draw.dir} changes it), named after the root's label, else {@code graph-N}; graphs
 * over 200 nodes are cut to the 200 nearest the output, as {@code jgrad graph} does.
 */
public final class Draw {
    private static final AtomicInteger UNNAMED = new AtomicInteger();
    /** The most nodes a drawing shows; more cannot be read. */
    public static final int MAX_NODES = 200;

    private Draw() {
    }

    /**
     * Draws the graph below {@code root} (no leaf counts as a parameter) and prints where the files
     * are. It returns nothing, so JShell echoes nothing after it.
     */
    public static void draw(Value root) {
        draw(root, List.of());
    }

    /** Draws the graph below {@code root}, with {@code parameters} coloured as parameters; prints where. */
    public static void draw(Value root, Collection<Value> parameters) {
        String name = root.label().isEmpty() ? "graph-" + UNNAMED.incrementAndGet() : fileName(root.label());
        Path dir = Path.of(System.getProperty("jgrad.draw.dir", "jgrad-out/draw"));
        try {
            draw(GraphTrace.of(root, parameters).nearestToOutput(MAX_NODES), dir.resolve(name), System.out);
        } catch (IOException e) {
            throw new UncheckedIOException("draw: " + e.getMessage(), e);
        }
    }

    /**
     * Draws {@code trace} to {@code base}.svg and {@code base}.png, prints one line to {@code out},
     * and returns the SVG's path (the .dot file's path when no renderer is available).
     */
    public static Path draw(GraphTrace trace, Path base, PrintStream out) throws IOException {
        Path svg = withExtension(base, "svg"), png = withExtension(base, "png");
        String cut = trace.omittedNodes() > 0 ? " (" + trace.summary() + ")" : "";
        for (GraphRenderer r : renderers()) {
            if (r.available()) {
                r.render(trace, Graphviz.Format.SVG, svg);
                r.render(trace, Graphviz.Format.PNG, png);
                out.println("drew " + (trace.root().label().isEmpty() ? "the graph" : trace.root().label())
                        + ": " + svg + " and " + png + " (" + r.name() + " renderer)" + cut);
                return svg;
            }
        }
        Path dot = withExtension(base, "dot");
        Files.createDirectories(dot.toAbsolutePath().getParent());
        Files.writeString(dot, DotWriter.write(trace), StandardCharsets.UTF_8);
        out.println("wrote " + dot + " but no picture: " + Graphviz.INSTALL_HINT
                + "; or put jgrad-cli's jar on the class path, which draws without Graphviz");
        return dot;
    }

    /** The renderers to try, in order (see the class comment). */
    static List<GraphRenderer> renderers() {
        List<GraphRenderer> found = new ArrayList<>();
        for (GraphRenderer r : ServiceLoader.load(GraphRenderer.class, Draw.class.getClassLoader())) {
            found.add(r);
        }
        if (Thread.currentThread().getContextClassLoader() != null) {
            for (GraphRenderer r : ServiceLoader.load(GraphRenderer.class)) {
                if (found.stream().noneMatch(f -> f.getClass().equals(r.getClass()))) {
                    found.add(r);
                }
            }
        }
        found.add(GraphRenderer.dot());
        String wanted = System.getProperty("jgrad.draw");
        if (wanted != null) {
            List<GraphRenderer> named = found.stream().filter(r -> r.name().equalsIgnoreCase(wanted)).toList();
            if (named.isEmpty()) {
                throw new IllegalArgumentException("draw: no renderer named '" + wanted + "' (jgrad.draw); there are "
                        + found.stream().map(GraphRenderer::name).toList() + " (java needs jgrad-cli on the class path)");
            }
            return named;
        }
        return found;
    }

    private static String fileName(String label) {
        String s = label.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "graph" + s : s;
    }

    static Path withExtension(Path file, String extension) {
        return file.resolveSibling(file.getFileName() + "." + extension);
    }
}
