package jgrad.cli;

import java.util.Locale;

/**
 * Phase timings of one command for finding where start-up and run time go: with the environment
 * variable {@code JGRAD_PHASES=1}, every {@link #mark} prints one line to standard error,
 * {@code jgrad phase: NAME +X ms (Y ms since the JVM started)}. Off (the default), a mark costs
 * one field read. Only for measuring by hand; tests and the normal output never see it.
 */
final class Phases {
    private static final boolean ON = System.getenv("JGRAD_PHASES") != null
            && !System.getenv("JGRAD_PHASES").equals("0");
    private static long last = System.nanoTime();

    private Phases() {
    }

    /** Whether marks print. */
    static boolean on() {
        return ON;
    }

    /** Ends the phase {@code name}: prints its time and the time since the JVM started, if on. */
    static synchronized void mark(String name) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        long sinceStart = System.currentTimeMillis() - ProcessHandle.current().info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
        System.err.printf(Locale.ROOT, "jgrad phase: %-28s +%6.1f ms (%d ms since the JVM started)%n", name,
                (now - last) / 1e6, sinceStart);
        last = now;
    }
}
