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
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import jgrad.io.AtomicFiles;
import org.jfree.svg.SVGGraphics2D;

/**
 * A binary classifier's decision boundary as matplotlib's {@code contourf} draws it in micrograd's
 * demo: the score is sampled on a grid, and marching squares cuts every grid cell along the
 * straight line where the linearly interpolated score crosses 0. The region of positive score is
 * filled as one path, so the boundary is a smooth polyline, not grid steps; the 0 contour is drawn
 * over it, then the points. Writes PNG (Java2D) or SVG (JFreeSVG), by the file's extension.
 */
final class ContourPlot {
    private static final int SIZE = 560, LEFT = 56, TOP = 40, BOTTOM = 48, RIGHT = 16;
    private static final int GRID = 160;

    private ContourPlot() {
    }

    /**
     * Draws {@code score} over the data's box plus a margin of 1 (as demo.ipynb does) and the
     * points, coloured by label (0 negative, 1 positive).
     */
    static void draw(Path file, String title, double[][] x, int[] labels, String[] classNames,
                     ToDoubleFunction<double[]> score) throws IOException {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (double[] p : x) {
            xMin = Math.min(xMin, p[0]);
            xMax = Math.max(xMax, p[0]);
            yMin = Math.min(yMin, p[1]);
            yMax = Math.max(yMax, p[1]);
        }
        xMin -= 1;
        xMax += 1;
        yMin -= 1;
        yMax += 1;
        double[][] s = new double[GRID + 1][GRID + 1];
        for (int i = 0; i <= GRID; i++) {
            for (int j = 0; j <= GRID; j++) {
                s[i][j] = score.applyAsDouble(new double[] {xMin + (xMax - xMin) * i / GRID, yMin + (yMax - yMin) * j / GRID});
            }
        }
        int plotW = SIZE, plotH = (int) Math.round(SIZE * Math.min(1.5, Math.max(0.5, (yMax - yMin) / (xMax - xMin))));
        int w = LEFT + plotW + RIGHT, h = TOP + plotH + BOTTOM + 22;
        boolean svg = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (svg) {
            SVGGraphics2D g = new SVGGraphics2D(w, h);
            paint(g, title, x, labels, classNames, s, xMin, xMax, yMin, yMax, plotW, plotH, w, h);
            AtomicFiles.writeString(file, g.getSVGDocument());
        } else {
            BufferedImage image = new BufferedImage(w * 2, h * 2, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.scale(2, 2);
            paint(g, title, x, labels, classNames, s, xMin, xMax, yMin, yMax, plotW, plotH, w, h);
            g.dispose();
            AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
        }
    }

    /** The region where the interpolated score is above 0, cell by cell, as one path; and its 0 contour. */
    static Path2D.Double[] regionAndContour(double[][] s, double x0, double y0, double dx, double dy) {
        Path2D.Double region = new Path2D.Double(Path2D.WIND_NON_ZERO);
        Path2D.Double contour = new Path2D.Double();
        int n = s.length - 1;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // corners counter-clockwise: (i,j) (i+1,j) (i+1,j+1) (i,j+1)
                double[] cx = {i, i + 1, i + 1, i}, cy = {j, j, j + 1, j + 1};
                double[] v = {s[i][j], s[i + 1][j], s[i + 1][j + 1], s[i][j + 1]};
                double[] px = new double[8], py = new double[8];
                int k = 0;
                double[] cross = new double[4];
                int crossings = 0;
                for (int c = 0; c < 4; c++) {
                    int d = (c + 1) % 4;
                    if (v[c] > 0) {
                        px[k] = cx[c];
                        py[k++] = cy[c];
                    }
                    if ((v[c] > 0) != (v[d] > 0)) {
                        double t = v[c] / (v[c] - v[d]);   // where the line through v[c], v[d] is 0
                        px[k] = cx[c] + t * (cx[d] - cx[c]);
                        py[k++] = cy[c] + t * (cy[d] - cy[c]);
                        cross[crossings++] = k - 1;
                    }
                }
                if (k >= 3) {
                    region.moveTo(x0 + px[0] * dx, y0 + py[0] * dy);
                    for (int m = 1; m < k; m++) {
                        region.lineTo(x0 + px[m] * dx, y0 + py[m] * dy);
                    }
                    region.closePath();
                }
                for (int m = 0; m + 1 < crossings; m += 2) {
                    int a = (int) cross[m], b = (int) cross[m + 1];
                    contour.moveTo(x0 + px[a] * dx, y0 + py[a] * dy);
                    contour.lineTo(x0 + px[b] * dx, y0 + py[b] * dy);
                }
            }
        }
        return new Path2D.Double[] {region, contour};
    }

    private static void paint(Graphics2D g, String title, double[][] x, int[] labels, String[] classNames, double[][] s,
                              double xMin, double xMax, double yMin, double yMax, int plotW, int plotH, int w, int h) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, w, h));
        Color negative = Plots.classColour(0, 2), positive = Plots.classColour(1, 2);
        g.setColor(soft(negative));
        g.fill(new Rectangle2D.Double(LEFT, TOP, plotW, plotH));
        // grid (i, j) -> pixels; y grows upwards in the data, downwards on screen
        double dx = (double) plotW / (s.length - 1), dy = -(double) plotH / (s.length - 1);
        Path2D.Double[] rc = regionAndContour(s, LEFT, TOP + plotH, dx, dy);
        g.setColor(soft(positive));
        g.fill(rc[0]);
        g.setColor(new Color(0x303030));
        g.setStroke(new BasicStroke(1.4f));
        g.draw(rc[1]);
        g.setStroke(new BasicStroke(0.8f));
        for (int n = 0; n < x.length; n++) {
            double px = LEFT + (x[n][0] - xMin) / (xMax - xMin) * plotW;
            double py = TOP + plotH - (x[n][1] - yMin) / (yMax - yMin) * plotH;
            Ellipse2D.Double dot = new Ellipse2D.Double(px - 4.5, py - 4.5, 9, 9);
            g.setColor(labels[n] == 1 ? positive : negative);
            g.fill(dot);
            g.setColor(new Color(0x202020));
            g.draw(dot);
        }
        g.setColor(Color.BLACK);
        g.draw(new Rectangle2D.Double(LEFT, TOP, plotW, plotH));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (float) (w - fm.stringWidth(title)) / 2, 24f);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        fm = g.getFontMetrics();
        for (double t : jgrad.viz.LinePlot.ticks(xMin, xMax)) {
            if (t >= xMin && t <= xMax) {
                float px = (float) (LEFT + (t - xMin) / (xMax - xMin) * plotW);
                String label = tick(t);
                g.drawString(label, px - fm.stringWidth(label) / 2f, TOP + plotH + 14f);
            }
        }
        for (double t : jgrad.viz.LinePlot.ticks(yMin, yMax)) {
            if (t >= yMin && t <= yMax) {
                float py = (float) (TOP + plotH - (t - yMin) / (yMax - yMin) * plotH);
                String label = tick(t);
                g.drawString(label, LEFT - 6f - fm.stringWidth(label), py + 4f);
            }
        }
        g.drawString("x1", LEFT + plotW / 2f, TOP + plotH + 30f);
        g.drawString("x2", 8f, TOP + plotH / 2f);
        // legend: the classes, and what the fill means
        float ly = h - 12f;
        float lx = LEFT;
        for (int k = 0; k < 2; k++) {
            g.setColor(k == 1 ? positive : negative);
            g.fill(new Ellipse2D.Double(lx, ly - 9, 9, 9));
            g.setColor(Color.BLACK);
            g.drawString(classNames[k], lx + 13, ly);
            lx += 13 + fm.stringWidth(classNames[k]) + 18;
        }
        g.drawString("fill: the sign of the score; line: score = 0", lx, ly);
    }

    private static String tick(double t) {
        return Math.abs(t - Math.rint(t)) < 1e-9 ? Long.toString(Math.round(t)) : String.format(Locale.ROOT, "%.1f", t);
    }

    private static Color soft(Color c) {
        return new Color(255 - (int) ((255 - c.getRed()) * 0.38), 255 - (int) ((255 - c.getGreen()) * 0.38),
                255 - (int) ((255 - c.getBlue()) * 0.38));
    }
}
