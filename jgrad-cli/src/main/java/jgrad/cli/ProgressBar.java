package jgrad.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line text progress bar, {@code [=========>          ] 45/100  loss 0.1234  accuracy 97.0%},
 * redrawn in place with a carriage return on a terminal. Lines logged with {@link #log} appear
 * above it. When the output is not a terminal (a file, a pipe, a test) the bar is not drawn and
 * only the logged lines are written, so logs stay readable.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final int total;
    private final boolean interactive;
    private String bar = "";

    ProgressBar(PrintWriter out, int total, boolean interactive) {
        this.out = out;
        this.total = total;
        this.interactive = interactive;
    }

    /** Whether standard output is a terminal, where a bar can be redrawn in place. */
    static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // Java 22+: a Console exists even when redirected; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Shows that {@code done} of the total steps are finished, followed by {@code metrics}. */
    void update(int done, String metrics) {
        if (!interactive) {
            return;
        }
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            s.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        s.append("] ").append(String.format(Locale.ROOT, "%" + String.valueOf(total).length() + "d/%d", done, total));
        if (!metrics.isEmpty()) {
            s.append("  ").append(metrics);
        }
        String line = s.toString();
        out.print("\r" + line + " ".repeat(Math.max(0, bar.length() - line.length())));
        out.flush();
        bar = line;
    }

    /** Writes {@code line} on its own line, above the bar. */
    void log(String line) {
        if (interactive && !bar.isEmpty()) {
            out.print("\r" + " ".repeat(bar.length()) + "\r");
        }
        out.println(line);
        if (interactive && !bar.isEmpty()) {
            out.print(bar);
        }
        out.flush();
    }

    /** Removes the bar, leaving the cursor at the start of an empty line. */
    void finish() {
        if (interactive && !bar.isEmpty()) {
            out.print("\r" + " ".repeat(bar.length()) + "\r");
            out.flush();
        }
        bar = "";
    }
}
