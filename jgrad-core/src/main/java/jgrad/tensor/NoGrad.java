package jgrad.tensor;

/**
 * A scope in which tensor operations record no graph, for evaluation and for optimizer updates.
 * Open it with try-with-resources; scopes nest, and each thread has its own.
 *
 * <pre>{@code
 * try (NoGrad scope = Tensor.noGrad()) {
 *     Tensor y = model.forward(x);     // y.requiresGrad() is false: no graph is kept
 * }
 * }</pre>
 *
 * <p>Closing a scope twice has no further effect.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private boolean closed;

    NoGrad() {
        DEPTH.get()[0]++;
    }

    /** This thread's nesting depth, in a one-element array: the engine's fast path (one lookup per op). */
    static int[] depth() {
        return DEPTH.get();
    }

    /** Whether operations on this thread currently record the graph. */
    public static boolean isRecording() {
        return DEPTH.get()[0] == 0;
    }

    /** Ends the scope: recording resumes unless an outer scope is still open. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
