package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Marching squares for the decision boundary: the 0 contour lies where the score is 0, off the grid lines. */
class ContourPlotTest {

    @Test
    void theContourOfALinearScoreIsItsZeroLineExactly() {
        // score = x + 2y - 0.3 on a 10x10 grid of unit cells: 0 on the line x = 0.3 - 2y, which crosses
        // the grid between grid points, so a stair-stepped boundary would be off by up to half a cell
        int n = 10;
        double[][] s = new double[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                double x = i - 5, y = j - 5;
                s[i][j] = x + 2 * y - 0.3;
            }
        }
        Path2D.Double contour = ContourPlot.regionAndContour(s, -5, -5, 1, 1)[1];
        int points = 0;
        double[] c = new double[6];
        for (PathIterator it = contour.getPathIterator(null); !it.isDone(); it.next()) {
            it.currentSegment(c);
            assertThat(c[0] + 2 * c[1] - 0.3).isCloseTo(0.0, within(1e-12));
            points++;
        }
        assertThat(points).isGreaterThan(10);
        // the filled region is the half plane x + 2y > 0.3 inside the grid: its area, by the shoelace
        // formula per subpath, is the grid's area minus the triangle-and-trapezoid below the line
        double area = 0;
        double sx = 0, sy = 0, px = 0, py = 0;
        for (PathIterator it = ContourPlot.regionAndContour(s, -5, -5, 1, 1)[0].getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            if (type == PathIterator.SEG_MOVETO) {
                sx = px = c[0];
                sy = py = c[1];
            } else if (type == PathIterator.SEG_LINETO) {
                area += px * c[1] - c[0] * py;
                px = c[0];
                py = c[1];
            } else if (type == PathIterator.SEG_CLOSE) {
                area += px * sy - sx * py;
            }
        }
        area /= 2;
        // exact area of {(x, y) in [-5, 5]^2 : x + 2y > 0.3}: integrate over y the length of x in (0.3 - 2y, 5]
        double exact = 0;
        int steps = 200000;
        for (int k = 0; k < steps; k++) {
            double y = -5 + 10 * (k + 0.5) / steps;
            double from = Math.max(-5, 0.3 - 2 * y);
            exact += Math.max(0, 5 - from) * 10.0 / steps;
        }
        assertThat(area).isCloseTo(exact, within(1e-6));
    }

    @Test
    void writesPngAndSvg(@TempDir Path dir) throws IOException {
        double[][] x = {{-1, -1}, {1, 1}, {-1, 1}, {1, -1}};
        int[] labels = {0, 1, 0, 1};
        ContourPlot.draw(dir.resolve("b.png"), "t", x, labels, new String[] {"-1", "+1"}, p -> p[0] + 0.2 * p[1]);
        ContourPlot.draw(dir.resolve("b.svg"), "t", x, labels, new String[] {"-1", "+1"}, p -> p[0] + 0.2 * p[1]);
        BufferedImage png = ImageIO.read(dir.resolve("b.png").toFile());
        assertThat(png.getWidth()).isGreaterThan(600);
        assertThat(Files.readString(dir.resolve("b.svg"))).contains("<svg").contains("score = 0");
    }
}
