package jgrad.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import jgrad.engine.Value;
import jgrad.io.AtomicFiles;
import jgrad.viz.DotWriter;
import jgrad.viz.GraphRenderer;
import jgrad.viz.GraphTrace;
import jgrad.viz.Graphviz;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws expression graphs in pure Java, with no Graphviz: Eclipse ELK's layered layout (the
 * Sugiyama method {@code dot} uses too) places the nodes and routes the edges, and one Java2D
 * routine paints them, into JFreeSVG's {@link SVGGraphics2D} for SVG and into a
 * {@link BufferedImage} for PNG. Registered as a {@link GraphRenderer} service, so
 * {@link jgrad.viz.Draw#draw} finds it whenever jgrad-cli is on the class path.
 *
 * <p>The picture is micrograd's: a record {@code label | data | grad} per value, filled by its
 * role, and a small ellipse per operation. It is laid out left to right; when that is much wider
 * than high (a wide, flat graph), top to bottom instead. A legend under the graph explains the
 * colours and, when the graph has them, labels like {@code w1.2.1}. The PNG is scaled to at most
 * {@link #MAX_WIDTH} pixels wide, and the SVG says the same width (its viewBox keeps every
 * detail), so a README or a screen shows it at a readable size.
 */
public final class JavaGraphRenderer implements GraphRenderer {
    /** The widest picture, in pixels (PNG) or CSS pixels (the SVG's width). */
    static final int MAX_WIDTH = 1600;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final double PAD = 6;
    private static final double HEIGHT = 26;
    private static final double MARGIN = 12;

    /** The laid-out graph: boxes, op ellipses and edge polylines, in picture coordinates. */
    record Layout(double width, double height, List<Box> boxes, List<double[]> edges, boolean topToBottom) {
    }

    /** One node: a value record (fields: label, data, grad) or an operation ellipse. */
    record Box(double x, double y, double w, double h, String[] fields, double[] splits, Color fill,
               boolean op, boolean dashed) {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void render(GraphTrace trace, Graphviz.Format format, Path output) throws IOException {
        Layout layout = layout(trace, false);
        if (layout.width() > MAX_WIDTH) {
            // too wide for a screen: top to bottom instead, if that is narrower (less shrinking)
            Layout tb = layout(trace, true);
            if (tb.width() < layout.width()) {
                layout = tb;
            }
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        List<String> legend = legend(trace);
        double legendHeight = 18 * legend.size() + 10;
        double w = Math.max(layout.width(), 520) + 2 * MARGIN;
        double h = layout.height() + legendHeight + 2 * MARGIN;
        if (format == Graphviz.Format.SVG) {
            SVGGraphics2D g = new SVGGraphics2D(w, h);
            paint(g, layout, legend, w, h);
            double shownWidth = Math.min(w, MAX_WIDTH);
            String element = g.getSVGElement(null, false, new ViewBox(0, 0, (int) Math.ceil(w), (int) Math.ceil(h)),
                    null, null);
            String sized = element.replaceFirst("<svg ", "<svg width=\"" + (int) Math.ceil(shownWidth)
                    + "\" height=\"" + (int) Math.ceil(h * shownWidth / w) + "\" ");
            AtomicFiles.writeString(output, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + sized + "\n");
        } else {
            double scale = Math.min(2.0, MAX_WIDTH / w);   // 2x for sharp text on small graphs
            int pw = (int) Math.ceil(w * scale), ph = (int) Math.ceil(h * scale);
            BufferedImage image = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            paint(g, layout, legend, w, h);
            g.dispose();
            Path tmp = Files.createTempFile(output.toAbsolutePath().getParent(), ".jgrad-", ".png");
            try {
                ImageIO.write(image, "png", tmp.toFile());
                Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Registers ELK's option types once (outside Eclipse nothing else does). */
    private static synchronized void initElk() {
        if (!elkReady) {
            LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
            elkReady = true;
        }
    }

    private static boolean elkReady;

    /** Lays out {@code trace} with ELK's layered algorithm, left to right or top to bottom. */
    static Layout layout(GraphTrace trace, boolean topToBottom) {
        initElk();
        FontMetrics fm = metrics();
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(LayeredOptions.DIRECTION, topToBottom ? Direction.DOWN : Direction.RIGHT);
        root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 14.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 28.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 8.0);
        Map<Value, ElkNode> valueNodes = new IdentityHashMap<>();
        Map<ElkNode, Box> prototypes = new IdentityHashMap<>();
        List<ElkEdge> edges = new ArrayList<>();
        for (Value v : trace.nodes()) {
            List<String> fields = new ArrayList<>();
            if (!v.label().isEmpty()) {
                fields.add(v.label());
            }
            fields.add("data " + DotWriter.number(v.data()));
            fields.add("grad " + DotWriter.number(v.grad()));
            double[] splits = new double[fields.size()];
            double width = 0;
            for (int i = 0; i < fields.size(); i++) {
                width += fm.stringWidth(fields.get(i)) + 2 * PAD;
                splits[i] = width;
            }
            ElkNode n = ElkGraphUtil.createNode(root);
            n.setDimensions(width, HEIGHT);
            valueNodes.put(v, n);
            prototypes.put(n, new Box(0, 0, width, HEIGHT, fields.toArray(new String[0]), splits,
                    Color.decode(DotWriter.fill(trace.role(v))), false, false));
            if (!v.isLeaf()) {
                ElkNode op = ElkGraphUtil.createNode(root);
                double ow = Math.max(34, fm.stringWidth(v.op()) + 18);
                op.setDimensions(ow, 24);
                prototypes.put(op, new Box(0, 0, ow, 24, new String[] {v.op()}, new double[] {ow}, Color.WHITE,
                        true, trace.isCut(v)));
                edges.add(ElkGraphUtil.createSimpleEdge(op, n));
                for (Value child : v.children()) {
                    ElkNode from = valueNodes.get(child);
                    if (from != null) {
                        edges.add(ElkGraphUtil.createSimpleEdge(from, op));
                    }
                }
            }
        }
        new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());
        List<Box> boxes = new ArrayList<>();
        for (Map.Entry<ElkNode, Box> e : prototypes.entrySet()) {
            ElkNode n = e.getKey();
            Box b = e.getValue();
            boxes.add(new Box(n.getX(), n.getY(), n.getWidth(), n.getHeight(), b.fields(), b.splits(), b.fill(),
                    b.op(), b.dashed()));
        }
        List<double[]> lines = new ArrayList<>();
        for (ElkEdge edge : edges) {
            for (ElkEdgeSection s : edge.getSections()) {
                List<Double> pts = new ArrayList<>(List.of(s.getStartX(), s.getStartY()));
                for (ElkBendPoint p : s.getBendPoints()) {
                    pts.add(p.getX());
                    pts.add(p.getY());
                }
                pts.add(s.getEndX());
                pts.add(s.getEndY());
                lines.add(pts.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return new Layout(root.getWidth(), root.getHeight(), boxes, lines, topToBottom);
    }

    /** The legend's lines: the colours, and the label scheme when the graph uses it. */
    static List<String> legend(GraphTrace trace) {
        List<String> lines = new ArrayList<>();
        lines.add("");   // the colour swatches
        boolean scheme = trace.nodes().stream().anyMatch(v -> v.label().matches("[wb]\\d+\\.\\d+(\\.\\d+)?"));
        if (scheme) {
            lines.add("w1.2.3 = layer 1, neuron 2, weight of input 3;  b1.2 = bias of neuron 2 in layer 1");
        }
        lines.add("each box: label | data | grad after backward();  ovals: the operation that made the value");
        if (trace.omittedNodes() > 0) {
            lines.add(trace.summary() + "; dashed ovals have operands not drawn");
        }
        return lines;
    }

    private static void paint(Graphics2D g, Layout layout, List<String> legend, double w, double h) {
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, w, h));
        g.translate(MARGIN, MARGIN);
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        Color line = new Color(0x44, 0x44, 0x44);
        g.setStroke(new BasicStroke(1f));
        for (double[] pts : layout.edges()) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(pts[0], pts[1]);
            for (int i = 2; i < pts.length; i += 2) {
                path.lineTo(pts[i], pts[i + 1]);
            }
            g.setColor(line);
            g.draw(path);
            arrowHead(g, pts[pts.length - 4], pts[pts.length - 3], pts[pts.length - 2], pts[pts.length - 1]);
        }
        for (Box b : layout.boxes()) {
            if (b.op()) {
                Ellipse2D.Double e = new Ellipse2D.Double(b.x(), b.y(), b.w(), b.h());
                g.setColor(Color.WHITE);
                g.fill(e);
                g.setColor(line);
                g.setStroke(b.dashed() ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {4f, 3f}, 0f) : new BasicStroke(1f));
                g.draw(e);
                g.setStroke(new BasicStroke(1f));
                centred(g, fm, b.fields()[0], b.x() + b.w() / 2, b.y() + b.h() / 2);
                continue;
            }
            Rectangle2D.Double r = new Rectangle2D.Double(b.x(), b.y(), b.w(), b.h());
            g.setColor(b.fill());
            g.fill(r);
            g.setColor(line);
            g.draw(r);
            double left = b.x();
            for (int i = 0; i < b.fields().length; i++) {
                double right = b.x() + b.splits()[i];
                if (i < b.fields().length - 1) {
                    g.draw(new java.awt.geom.Line2D.Double(right, b.y(), right, b.y() + b.h()));
                }
                g.setColor(Color.BLACK);
                centred(g, fm, b.fields()[i], (left + right) / 2, b.y() + b.h() / 2);
                g.setColor(line);
                left = right;
            }
        }
        // the legend, under the graph
        g.setFont(SMALL);
        FontMetrics sm = g.getFontMetrics();
        double y = layout.height() + 14;
        double x = 0;
        String[] names = {"input", "parameter", "intermediate", "output"};
        GraphTrace.Role[] roles = GraphTrace.Role.values();
        for (int i = 0; i < roles.length; i++) {
            Rectangle2D.Double swatch = new Rectangle2D.Double(x, y - 10, 16, 12);
            g.setColor(Color.decode(DotWriter.fill(roles[i])));
            g.fill(swatch);
            g.setColor(line);
            g.draw(swatch);
            g.setColor(Color.BLACK);
            g.drawString(names[i], (float) (x + 21), (float) y);
            x += 21 + sm.stringWidth(names[i]) + 16;
        }
        for (int i = 1; i < legend.size(); i++) {
            y += 18;
            g.drawString(legend.get(i), 0f, (float) y);
        }
    }

    private static void centred(Graphics2D g, FontMetrics fm, String text, double cx, double cy) {
        g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0));
    }

    private static void arrowHead(Graphics2D g, double x0, double y0, double x1, double y1) {
        double angle = Math.atan2(y1 - y0, x1 - x0);
        double len = 7, spread = Math.toRadians(22);
        Path2D.Double head = new Path2D.Double();
        head.moveTo(x1, y1);
        head.lineTo(x1 - len * Math.cos(angle - spread), y1 - len * Math.sin(angle - spread));
        head.lineTo(x1 - len * Math.cos(angle + spread), y1 - len * Math.sin(angle + spread));
        head.closePath();
        g.fill(head);
    }

    private static FontMetrics metrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(FONT);
        } finally {
            g.dispose();
        }
    }
}
