package jgrad.engine;

/**
 * A switch that makes NaN and infinity loud, like PyTorch's {@code detect_anomaly}.
 *
 * <p>Off by default: IEEE semantics apply and {@code Value.of(0).log()} is -Infinity, as in
 * PyTorch. When on, the first operation whose forward result, or whose backward contribution to an
 * input's gradient, is NaN or infinite throws an {@link AnomalyException} that names the operation,
 * its inputs and their labels. A leaf (an input or a parameter) that holds NaN or an infinity is
 * named itself: when an operation reads it, and by {@code backward()} and
 * {@code CompiledGraph.forward()}, which check every leaf of the graph first.
 *
 * <p>Switch it on for a whole run with {@code -Djgrad.anomaly=true}, globally with
 * {@link #enable()}, or for a block:
 * <pre>{@code
 * try (var scope = AnomalyMode.scope()) {
 *     loss.backward();
 * }
 * }</pre>
 * The switch is global (all threads), like PyTorch's.
 */
public final class AnomalyMode {
    /** The system property that switches the mode on at start-up: {@code -Djgrad.anomaly=true}. */
    public static final String PROPERTY = "jgrad.anomaly";

    static volatile boolean enabled = Boolean.getBoolean(PROPERTY);

    private AnomalyMode() {
    }

    /** Whether anomaly detection is on. */
    public static boolean isEnabled() {
        return enabled;
    }

    /** Switches anomaly detection on. */
    public static void enable() {
        enabled = true;
    }

    /** Switches anomaly detection off. */
    public static void disable() {
        enabled = false;
    }

    /** Switches detection on until the returned scope is closed, then restores the previous state. */
    public static Scope scope() {
        Scope scope = new Scope(enabled);
        enabled = true;
        return scope;
    }

    /** A block with anomaly detection on; closing it restores the previous setting. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;

        private Scope(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            enabled = previous;
        }
    }
}
