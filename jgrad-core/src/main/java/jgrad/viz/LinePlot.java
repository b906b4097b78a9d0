package jgrad.viz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * A small line plot written as SVG text, with no dependencies: the lecture's pictures of a
 * function, its tangent, tanh, and a loss curve, from JShell.
 *
 * <pre>{@code
 * LinePlot.titled("f(x) = 3x² - 4x + 5", "x", "f(x)")
 *         .function("f(x)", x -> 3 * x * x - 4 * x + 5, -5, 5)
 *         .function("tangent at x = 3: slope 14", x -> 20 + 14 * (x - 3), 0, 5)
 *         .point("(3, 20)", 3, 20)
 *         .save(Path.of("parabola.svg"));
 * }</pre>
 *
 * <p>Axes get round tick values; the first series is blue, the second orange, then green, red,
 * purple. Non-finite points are skipped. {@link #save} creates the folder and returns the path.
 */
public final class LinePlot {
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
    private static final int W = 640, H = 420, LEFT = 64, RIGHT = 20, TOP = 40, BOTTOM = 52;

    private final String title, xLabel, yLabel;
    private final List<String> names = new ArrayList<>();
    private final List<double[][]> series = new ArrayList<>();
    private final List<Object[]> points = new ArrayList<>();

    private LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** An empty plot with a title and axis labels. */
    public static LinePlot titled(String title, String xLabel, String yLabel) {
        return new LinePlot(title, xLabel, yLabel);
    }

    /** Adds a line through the points (xs[i], ys[i]). */
    public LinePlot line(String name, double[] xs, double[] ys) {
        if (xs.length != ys.length || xs.length < 2) {
            throw new IllegalArgumentException("LinePlot.line(" + name + "): needs as many x as y values, at least 2;"
                    + " got " + xs.length + " and " + ys.length);
        }
        names.add(name);
        series.add(new double[][] {xs.clone(), ys.clone()});
        return this;
    }

    /** Adds {@code f} sampled at 201 points from {@code from} to {@code to}. */
    public LinePlot function(String name, DoubleUnaryOperator f, double from, double to) {
        double[] xs = new double[201], ys = new double[201];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = from + (to - from) * i / (xs.length - 1);
            ys[i] = f.applyAsDouble(xs[i]);
        }
        return line(name, xs, ys);
    }

    /** Adds one marked point with a caption. */
    public LinePlot point(String caption, double x, double y) {
        points.add(new Object[] {caption, x, y});
        return this;
    }

    /** The SVG text. */
    public String svg() {
        double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
        for (double[][] s : series) {
            for (int i = 0; i < s[0].length; i++) {
                if (Double.isFinite(s[0][i]) && Double.isFinite(s[1][i])) {
                    xmin = Math.min(xmin, s[0][i]);
                    xmax = Math.max(xmax, s[0][i]);
                    ymin = Math.min(ymin, s[1][i]);
                    ymax = Math.max(ymax, s[1][i]);
                }
            }
        }
        for (Object[] p : points) {
            xmin = Math.min(xmin, (double) p[1]);
            xmax = Math.max(xmax, (double) p[1]);
            ymin = Math.min(ymin, (double) p[2]);
            ymax = Math.max(ymax, (double) p[2]);
        }
        if (!(xmin < xmax)) {
            xmin -= 1;
            xmax += 1;
        }
        if (!(ymin < ymax)) {
            ymin -= 1;
            ymax += 1;
        }
        double[] xt = ticks(xmin, xmax), yt = ticks(ymin, ymax);
        xmin = Math.min(xmin, xt[0]);
        xmax = Math.max(xmax, xt[xt.length - 1]);
        ymin = Math.min(ymin, yt[0]);
        ymax = Math.max(ymax, yt[yt.length - 1]);
        final double x0 = xmin, x1 = xmax, y0 = ymin, y1 = ymax;
        DoubleUnaryOperator sx = x -> LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT);
        DoubleUnaryOperator sy = y -> H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM);
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(text(W / 2.0, 22, "middle", 15, title));
        for (double t : xt) {
            double px = sx.applyAsDouble(t);
            s.append(line(px, TOP, px, H - BOTTOM, "#e6e6e6")).append(text(px, H - BOTTOM + 16, "middle", 11, tick(t)));
        }
        for (double t : yt) {
            double py = sy.applyAsDouble(t);
            s.append(line(LEFT, py, W - RIGHT, py, "#e6e6e6")).append(text(LEFT - 6, py + 4, "end", 11, tick(t)));
        }
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(W - LEFT - RIGHT)
                .append("\" height=\"").append(H - TOP - BOTTOM).append("\" fill=\"none\" stroke=\"#444\"/>\n");
        s.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 12, "middle", 12, xLabel));
        s.append("<text x=\"16\" y=\"").append(fmt(TOP + (H - TOP - BOTTOM) / 2.0))
                .append("\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 ")
                .append(fmt(TOP + (H - TOP - BOTTOM) / 2.0)).append(")\">").append(escape(yLabel)).append("</text>\n");
        for (int k = 0; k < series.size(); k++) {
            double[][] d = series.get(k);
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < d[0].length; i++) {
                if (Double.isFinite(d[0][i]) && Double.isFinite(d[1][i])) {
                    pts.append(fmt(sx.applyAsDouble(d[0][i]))).append(',').append(fmt(sy.applyAsDouble(d[1][i]))).append(' ');
                }
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(COLOURS[k % COLOURS.length])
                    .append("\" stroke-width=\"2\" points=\"").append(pts.toString().strip()).append("\"/>\n");
            double ly = TOP + 16 + 16 * k;
            s.append(line(LEFT + 10, ly - 4, LEFT + 30, ly - 4, COLOURS[k % COLOURS.length]).replace("stroke-width=\"1\"", "stroke-width=\"2\""))
                    .append(text(LEFT + 36, ly, "start", 12, names.get(k)));
        }
        for (Object[] p : points) {
            double px = sx.applyAsDouble((double) p[1]), py = sy.applyAsDouble((double) p[2]);
            s.append("<circle cx=\"").append(fmt(px)).append("\" cy=\"").append(fmt(py))
                    .append("\" r=\"4\" fill=\"#d62728\"/>\n").append(text(px + 7, py - 7, "start", 12, (String) p[0]));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** Writes {@link #svg()} to {@code file}, creating its folder; returns {@code file}. */
    public Path save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.writeString(file, svg(), StandardCharsets.UTF_8);
        return file;
    }

    /** Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten, 4 to 10 of them. */
    public static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double first = Math.floor(lo / step) * step, last = Math.ceil(hi / step) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    private static String tick(double t) {
        double r = Math.abs(t) < 1e-12 ? 0 : t;
        String s = String.format(Locale.ROOT, "%.6g", r);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + colour + "\" stroke-width=\"1\"/>\n";
    }

    private static String text(double x, double y, String anchor, int size, String text) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
                + "\">" + escape(text) + "</text>\n";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
