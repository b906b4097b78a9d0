package jgrad.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The global mini-batches: each epoch shuffles the global row indices 0..n-1 with a
 * Fisher-Yates shuffle drawn from one {@code new Random(seed)} (used epoch after epoch) and cuts
 * the order into batches of {@code batchSize} (the last may be smaller). A batch as large as the
 * data is the full batch in row order and draws nothing. This is the rule of jgrad's
 * {@code TrainingLoop}, so the same seed gives the same batches as the single-process trainer.
 *
 * <pre>{@code
 * BatchPlan plan = new BatchPlan(1000, 64, 7);
 * List<int[]> epoch0 = plan.nextEpoch();   // 16 batches of global row indices
 * }</pre>
 */
public final class BatchPlan {
    private final int n;
    private final int batchSize;
    private final Random rng;

    /** @throws IllegalArgumentException if {@code n} or {@code batchSize} is below 1 */
    public BatchPlan(int n, int batchSize, long seed) {
        if (n < 1 || batchSize < 1) {
            throw new IllegalArgumentException("BatchPlan: need n >= 1 and batchSize >= 1, got n=" + n
                    + ", batchSize=" + batchSize);
        }
        this.n = n;
        this.batchSize = batchSize;
        this.rng = new Random(seed);
    }

    /** The batches of the next epoch, in order. */
    public List<int[]> nextEpoch() {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        if (batchSize >= n) {
            return List.of(order);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            out.add(Arrays.copyOfRange(order, start, Math.min(n, start + batchSize)));
        }
        return out;
    }
}
