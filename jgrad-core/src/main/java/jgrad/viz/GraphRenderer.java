package jgrad.viz;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Something that draws a {@link GraphTrace} as an SVG or PNG file: the service that
 * {@link Draw#draw} looks for with {@link java.util.ServiceLoader}.
 *
 * <p>jgrad-core has no dependencies, so its only renderer is {@link #dot()}, which needs Graphviz's
 * {@code dot} program. jgrad-cli registers a pure-Java one (Eclipse ELK's layered layout, drawn with
 * Java2D and JFreeSVG) in {@code META-INF/services/jgrad.viz.GraphRenderer}, so with the jgrad-cli
 * jar on the class path, as in {@code ./jgrad jshell}, graphs are drawn with no install at all.
 *
 * <pre>{@code
 * for (GraphRenderer r : ServiceLoader.load(GraphRenderer.class)) {
 *     if (r.available()) r.render(GraphTrace.of(loss), Graphviz.Format.SVG, Path.of("loss.svg"));
 * }
 * }</pre>
 */
public interface GraphRenderer {

    /** A short name, such as "dot" or "java", for messages and the {@code jgrad.draw} property. */
    String name();

    /** Whether this renderer can draw here and now (the {@code dot} program may be missing). */
    boolean available();

    /** Draws {@code trace} to {@code output}, creating its folder. */
    void render(GraphTrace trace, Graphviz.Format format, Path output) throws IOException;

    /** The renderer that writes {@link DotWriter} text and runs Graphviz's {@code dot} on it. */
    static GraphRenderer dot() {
        return new GraphRenderer() {
            @Override
            public String name() {
                return "dot";
            }

            @Override
            public boolean available() {
                return Graphviz.find().isPresent();
            }

            @Override
            public void render(GraphTrace trace, Graphviz.Format format, Path output) throws IOException {
                Graphviz.render(DotWriter.readable(trace, DotWriter.RankDir.AUTO), format, output);
            }
        };
    }
}
