// Stage 1: what a derivative is, by finite differences.
// f(x) = 3x^2 - 4x + 5 has slope 6x - 4, so 14 at x = 3.
double f(double x) { return 3 * x * x - 4 * x + 5; }

System.out.println("f(3.0) = " + f(3.0));

double h = 0.001;
double x = 3.0;
System.out.println("(f(x + h) - f(x)) / h at x = 3, h = 0.001: " + (f(x + h) - f(x)) / h);
System.out.println("analytic slope 6x - 4 at x = 3: " + (6 * x - 4));

// How h matters: too big and the secant is not the tangent; too small and rounding wins.
for (double step : new double[] {1e-1, 1e-3, 1e-5, 1e-8, 1e-12, 1e-15}) {
    System.out.printf("h = %.0e   slope = %.15f%n", step, (f(x + step) - f(x)) / step);
}

// The picture of the lecture's first plot: the parabola, and its tangent at x = 3 with slope 14.
import java.nio.file.Path;
import jgrad.viz.LinePlot;
Path out = Path.of(System.getProperty("jgrad.lecture.out", "jgrad-out/lecture"));
Path parabola = LinePlot.titled("f(x) = 3x² - 4x + 5 and its tangent at x = 3", "x", "f(x)")
        .function("f(x)", v -> f(v), -5, 5)
        .function("tangent at x = 3: 20 + 14 (x - 3)", v -> f(3.0) + 14 * (v - 3), 0.5, 5)
        .point("(3, 20)", 3, f(3.0))
        .save(out.resolve("01-parabola.svg"));
System.out.println("plotted " + parabola);
