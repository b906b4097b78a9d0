package jgrad.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The plots {@code jgrad train} draws to judge a finished model: for a classifier the confusion
 * matrix, for a regression the predictions against the actual values (with the line of perfect
 * predictions) and the residuals against the predictions. Written as PNGs, atomically.
 *
 * <pre>{@code
 * EvaluationPlots.confusionMatrix(dir.resolve("confusion_matrix.png"), "iris", counts, classNames);
 * EvaluationPlots.predictedVsActual(dir.resolve("predicted_vs_actual.png"), "diabetes", y, yHat, "progression");
 * }</pre>
 */
final class EvaluationPlots {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Color POINT = new Color(0x1f77b4);

    private EvaluationPlots() {
    }

    /**
     * The confusion matrix as a grid of cells shaded by count, each labelled with its count: rows
     * are the true classes, columns the predicted ones.
     */
    static void confusionMatrix(Path png, String title, long[][] counts, List<String> classNames) throws IOException {
        int k = counts.length;
        double[][] cells = new double[3][k * k];
        long max = 1;
        for (long[] row : counts) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                int at = t * k + p;
                cells[0][at] = p;
                cells[1][at] = k - 1 - t;   // the first class on top, as scikit-learn draws it
                cells[2][at] = counts[t][p];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("count", cells);
        XYBlockRenderer blocks = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, max + 1, Color.WHITE);
        for (int step = 0; step <= 20; step++) {
            double f = step / 20.0;
            scale.add(f * max, new Color(mix(255, 0x1f, f), mix(255, 0x4e, f), mix(255, 0x9a, f)));
        }
        blocks.setPaintScale(scale);
        String[] names = classNames.toArray(new String[0]);
        String[] reversed = new String[k];
        for (int t = 0; t < k; t++) {
            reversed[t] = names[k - 1 - t];
        }
        SymbolAxis x = new SymbolAxis("predicted class", names);
        SymbolAxis y = new SymbolAxis("true class", reversed);
        XYPlot plot = new XYPlot(data, x, y, blocks);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, k <= 10 ? 14 : 9);
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                XYTextAnnotation label = new XYTextAnnotation(Long.toString(counts[t][p]), p, k - 1 - t);
                label.setFont(font);
                label.setPaint(counts[t][p] > max / 2 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(label);
            }
        }
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        int side = Math.max(420, Math.min(900, 60 * k + 200));
        save(chart, png, side + 60, side);
    }

    /** Predicted against actual values, one point per row, with the diagonal of perfect predictions. */
    static void predictedVsActual(Path png, String title, double[] actual, double[] predicted, String target)
            throws IOException {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < actual.length; i++) {
            lo = Math.min(lo, Math.min(actual[i], predicted[i]));
            hi = Math.max(hi, Math.max(actual[i], predicted[i]));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(points("rows", actual, predicted));
        XYSeries diagonal = new XYSeries("perfect prediction", false, true);
        diagonal.add(lo, lo);
        diagonal.add(hi, hi);
        data.addSeries(diagonal);
        scatter(png, title, data, "actual " + target, "predicted " + target);
    }

    /** Residuals (predicted − actual) against the predictions, with the zero line. */
    static void residuals(Path png, String title, double[] actual, double[] predicted, String target)
            throws IOException {
        double[] r = new double[actual.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < r.length; i++) {
            r[i] = predicted[i] - actual[i];
            lo = Math.min(lo, predicted[i]);
            hi = Math.max(hi, predicted[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(points("rows", predicted, r));
        XYSeries zero = new XYSeries("zero", false, true);
        zero.add(lo, 0);
        zero.add(hi, 0);
        data.addSeries(zero);
        scatter(png, title, data, "predicted " + target, "residual (predicted − actual)");
    }

    private static XYSeries points(String name, double[] xs, double[] ys) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < xs.length; i++) {
            s.add(xs[i], ys[i]);
        }
        return s;
    }

    /** Series 0 as dots, series 1 as a dashed reference line. */
    private static void scatter(Path png, String title, XYSeriesCollection data, String xLabel, String yLabel)
            throws IOException {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesPaint(0, new Color(POINT.getRed(), POINT.getGreen(), POINT.getBlue(), 170));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, Color.DARK_GRAY);
        r.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0));
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        save(chart, png, 720, 600);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    private static void save(JFreeChart chart, Path png, int width, int height) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }
}
