package jgrad.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToIntFunction;
import jgrad.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The two training pictures, drawn headless with JFreeChart and saved as PNG: the decision boundary
 * of a two-feature classifier, in the look of micrograd's demo.ipynb (filled class regions over a
 * grid, the data points on top in the same colours with a dark edge, the Spectral colour map), and
 * the loss and accuracy curves of training and validation.
 */
final class Plots {

    /** matplotlib's Spectral colour map, whose ends demo.ipynb uses for its two classes. */
    private static final Color[] SPECTRAL = {
        new Color(0x9e0142), new Color(0xd53e4f), new Color(0xf46d43), new Color(0xfdae61),
        new Color(0xfee08b), new Color(0xffffbf), new Color(0xe6f598), new Color(0xabdda4),
        new Color(0x66c2a5), new Color(0x3288bd), new Color(0x5e4fa2)};
    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xff7f0e);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private Plots() {
    }

    /** The colour of class {@code k} of {@code classes}: evenly spaced over Spectral. */
    static Color classColour(int k, int classes) {
        double t = classes == 1 ? 0 : (double) k / (classes - 1) * (SPECTRAL.length - 1);
        int i = Math.min((int) t, SPECTRAL.length - 2);
        double f = t - i;
        Color a = SPECTRAL[i], b = SPECTRAL[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /** {@code c} seen at opacity {@code alpha} over white, as matplotlib's alpha does. */
    private static Color overWhite(Color c, double alpha) {
        return new Color(mix(255, c.getRed(), alpha), mix(255, c.getGreen(), alpha), mix(255, c.getBlue(), alpha));
    }

    /**
     * Draws the predicted class of every point of a grid that covers the data with a margin of 1
     * (as demo.ipynb does), and the data points coloured by their label, and saves it as a PNG.
     *
     * @param x the points, n rows of two features
     * @param labels each point's class, 0 to {@code classNames.length - 1}
     * @param predict the model's class for a point
     */
    static void decisionBoundary(Path png, String title, double[][] x, int[] labels, String[] classNames,
                                 ToIntFunction<double[]> predict) throws IOException {
        decisionBoundary(png, title, x, labels, classNames, predict, null);
    }

    /**
     * As above; where {@code validation[n]} is true, point n is drawn as a diamond (a validation
     * row), else as a circle (a training row); null draws every point as a circle.
     */
    static void decisionBoundary(Path png, String title, double[][] x, int[] labels, String[] classNames,
                                 ToIntFunction<double[]> predict, boolean[] validation) throws IOException {
        int classes = classNames.length;
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
        double h = Math.max(xMax - xMin, yMax - yMin) / 240;
        int nx = (int) Math.ceil((xMax - xMin) / h) + 1, ny = (int) Math.ceil((yMax - yMin) / h) + 1;
        double[][] grid = new double[3][nx * ny];
        double[][] cells = new double[nx * ny][];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                int k = i * ny + j;
                cells[k] = new double[] {xMin + i * h, yMin + j * h};
                grid[0][k] = cells[k][0];
                grid[1][k] = cells[k][1];
            }
        }
        // NOTE: a BatchClassifier gets the whole grid in one call (batched tensor code for big models)
        int[] classified = predict instanceof BatchClassifier batch ? batch.classify(cells) : null;
        for (int k = 0; k < cells.length; k++) {
            grid[2][k] = classified != null ? classified[k] : predict.applyAsInt(cells[k]);
        }
        DefaultXYZDataset regions = new DefaultXYZDataset();
        regions.addSeries("predicted class", grid);
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setBlockWidth(h);
        blocks.setBlockHeight(h);
        LookupPaintScale scale = new LookupPaintScale(0, Math.max(classes, 1), Color.WHITE);
        for (int k = 0; k < classes; k++) {
            scale.add(k, overWhite(classColour(k, classes), 0.7));
        }
        blocks.setPaintScale(scale);
        blocks.setDefaultSeriesVisibleInLegend(false);

        XYSeriesCollection points = new XYSeriesCollection();
        for (int k = 0; k < classes; k++) {
            points.addSeries(new XYSeries(classNames[k], false, true));
        }
        if (validation != null) {
            for (int k = 0; k < classes; k++) {
                points.addSeries(new XYSeries(classNames[k] + " (validation)", false, true));
            }
        }
        for (int n = 0; n < x.length; n++) {
            boolean held = validation != null && validation[n];
            points.getSeries(labels[n] + (held ? classes : 0)).add(x[n][0], x[n][1]);
        }
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setUseFillPaint(true);
        dots.setUseOutlinePaint(true);
        dots.setDrawOutlines(true);
        for (int k = 0; k < classes; k++) {
            dots.setSeriesShape(k, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
            dots.setSeriesFillPaint(k, classColour(k, classes));
            dots.setSeriesPaint(k, classColour(k, classes));
            dots.setSeriesOutlinePaint(k, new Color(0x202020));
            dots.setSeriesOutlineStroke(k, new BasicStroke(0.8f));
            if (validation != null) {
                java.awt.geom.Path2D.Double diamond = new java.awt.geom.Path2D.Double();
                diamond.moveTo(0, -6);
                diamond.lineTo(6, 0);
                diamond.lineTo(0, 6);
                diamond.lineTo(-6, 0);
                diamond.closePath();
                dots.setSeriesShape(classes + k, diamond);
                dots.setSeriesFillPaint(classes + k, classColour(k, classes));
                dots.setSeriesPaint(classes + k, classColour(k, classes));
                dots.setSeriesOutlinePaint(classes + k, Color.BLACK);
                dots.setSeriesOutlineStroke(classes + k, new BasicStroke(1.6f));
            }
        }

        NumberAxis xAxis = new NumberAxis("x1");
        xAxis.setRange(xMin, xMax);
        NumberAxis yAxis = new NumberAxis("x2");
        yAxis.setRange(yMin, yMax);
        // the regions first (dataset 0), the points over them (dataset 1)
        XYPlot plot = new XYPlot(regions, xAxis, yAxis, blocks);
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        // about the same scale on both axes, as a square grid should look
        int width = 720;
        int height = (int) Math.round(Math.max(360, Math.min(900, 600 * (yMax - yMin) / (xMax - xMin)))) + 120;
        save(chart, png, width, height);
    }

    /**
     * Draws loss (top) and accuracy in percent (bottom) against {@code xs}, for training and,
     * when {@code validationLoss} is not null, validation; saves it as a PNG.
     */
    static void curves(Path png, String title, String xLabel, double[] xs,
                       double[] trainLoss, double[] trainAccuracy,
                       double[] validationLoss, double[] validationAccuracy) throws IOException {
        curves(png, title, xLabel, xs, trainLoss, trainAccuracy, validationLoss, validationAccuracy, "accuracy (%)");
    }

    /**
     * As above, with the bottom plot's score named {@code scoreName}: "accuracy (%)" on a 0 to
     * 100 axis, or another score (R² for regression, in percent) on an axis that fits it.
     */
    static void curves(Path png, String title, String xLabel, double[] xs,
                       double[] trainLoss, double[] trainAccuracy,
                       double[] validationLoss, double[] validationAccuracy, String scoreName) throws IOException {
        boolean isAccuracy = scoreName.startsWith("accuracy");
        NumberAxis step = new NumberAxis(xLabel);
        step.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(step);
        combined.setGap(12);
        combined.add(curvePlot("loss", xs, trainLoss, validationLoss, false), 1);
        XYPlot accuracy = curvePlot(scoreName, xs, percent(trainAccuracy), percent(validationAccuracy), isAccuracy);
        accuracy.getRenderer().setDefaultSeriesVisibleInLegend(false); // the loss plot's legend names both
        combined.add(accuracy, 1);
        JFreeChart chart = new JFreeChart(title, TITLE, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        save(chart, png, 760, 620);
    }

    private static double[] percent(double[] fraction) {
        if (fraction == null) {
            return null;
        }
        double[] p = new double[fraction.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 100 * fraction[i];
        }
        return p;
    }

    private static XYPlot curvePlot(String name, double[] xs, double[] train, double[] validation, boolean percent) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("train", xs, train));
        if (validation != null) {
            data.addSeries(series("validation", xs, validation));
        }
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, xs.length <= 30);
        lines.setSeriesPaint(0, TRAIN);
        lines.setSeriesPaint(1, VALIDATION);
        lines.setSeriesStroke(0, new BasicStroke(2f));
        lines.setSeriesStroke(1, new BasicStroke(2f));
        NumberAxis axis = new NumberAxis(name);
        if (percent) {
            axis.setRange(0, 102);
        } else {
            axis.setAutoRangeIncludesZero(true);
        }
        XYPlot plot = new XYPlot(data, null, axis, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        return plot;
    }

    private static XYSeries series(String name, double[] xs, double[] ys) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < ys.length; i++) {
            s.add(xs[i], ys[i]);
        }
        return s;
    }

    /**
     * Saves atomically (a temporary file in the same folder, then a rename), creating the folder; as
     * SVG (JFreeSVG) when the file name ends with .svg, else as PNG.
     */
    /**
     * Starts a daemon thread that draws a small throwaway curves chart into memory, so that
     * JFreeChart's and AWT's classes, the fonts and the PNG encoder are loaded and initialised on
     * another core while a command reads its data and trains: the first real plot of a run then
     * takes tens of milliseconds instead of about 200. Errors are ignored: the real plot reports them.
     */
    static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                double[] xs = {1, 2, 3};
                double[] ys = {0.5, 0.3, 0.2};
                NumberAxis step = new NumberAxis("epoch");
                CombinedDomainXYPlot combined = new CombinedDomainXYPlot(step);
                combined.add(curvePlot("loss", xs, ys, ys, false), 1);
                combined.add(curvePlot("accuracy (%)", xs, ys, null, true), 1);
                JFreeChart chart = new JFreeChart("warm-up", TITLE, combined, true);
                ChartUtils.writeChartAsPNG(java.io.OutputStream.nullOutputStream(), chart, 120, 100);
            } catch (IOException | RuntimeException | LinkageError e) {
                // nothing to do: the plot that matters runs later, on the command's own thread
            }
        }, "jgrad-plot-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void save(JFreeChart chart, Path png, int width, int height) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        if (png.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg")) {
            org.jfree.svg.SVGGraphics2D g = new org.jfree.svg.SVGGraphics2D(width, height);
            chart.draw(g, new java.awt.Rectangle(width, height));
            AtomicFiles.writeString(png, g.getSVGDocument());
            return;
        }
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    /**
     * A classifier of many points in one call, such as {@code SavedModel::predict} on rows:
     * {@link #decisionBoundary} sends its whole grid (about 58,000 points) through it at once.
     */
    interface BatchClassifier extends ToIntFunction<double[]> {
        /** The class of every point. */
        int[] classify(double[][] points);

        @Override
        default int applyAsInt(double[] point) {
            return classify(new double[][] {point})[0];
        }
    }

    /** {@code classifier} as a {@link BatchClassifier}: {@code Plots.batched(saved::predict)}. */
    static BatchClassifier batched(BatchClassifier classifier) {
        return classifier;
    }
}
