package jgrad.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import jgrad.data.Csv;

/**
 * Times reading a CSV file as {@code jgrad train} and {@code jgrad predict} do ({@link Csv#readTable},
 * then every column but the last as numbers), in this thread's CPU time and in wall time: the first
 * run (a cold JVM, as the command line sees it) and the median of the rest.
 * {@code java -cp jgrad-bench/target/benchmarks.jar jgrad.bench.CsvReadBenchmark FILE [RUNS]}
 */
public final class CsvReadBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CsvReadBenchmark() {
    }

    /** Prints a table of times; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double[] cpu = new double[runs];
        double[] wall = new double[runs];
        double sink = 0;
        for (int r = 0; r < runs; r++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            Csv.Table table = Csv.readTable(file);
            double[][] x = table.numbers(table.columnNames().subList(0, table.columnNames().size() - 1));
            wall[r] = (System.nanoTime() - w0) / 1e6;
            cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            sink += x[x.length - 1][0];
        }
        System.out.printf(Locale.ROOT, "%-32s %10s %10s%n", file.getFileName(), "cpu ms", "wall ms");
        System.out.printf(Locale.ROOT, "%-32s %10.1f %10.1f%n", "first run (cold)", cpu[0], wall[0]);
        if (runs > 1) {
            System.out.printf(Locale.ROOT, "%-32s %10.1f %10.1f%n", "median of the other " + (runs - 1),
                    median(cpu), median(wall));
        }
        System.out.println(sink == 12345.678 ? "" : " ");   // keeps the results alive
    }

    private static double median(double[] times) {
        double[] rest = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(rest);
        return rest[rest.length / 2];
    }
}
