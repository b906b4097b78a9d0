package jgrad.spark;

import java.io.Serializable;

/**
 * A contiguous block of global rows {@code [firstRow, firstRow + rows)}: features row-major and
 * targets. The shards are the unit of the gradient sum: a step adds per-shard sums in shard order,
 * whatever Spark partition holds each shard (see docs/design-notes.md, "jgrad-spark").
 *
 * <pre>{@code
 * long[] bounds = Shard.bounds(1000, 16);   // 17 boundaries: 0, 62, 125, ..., 1000
 * }</pre>
 */
public final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final int id;
    final long firstRow;
    final int rows;
    final int features;
    final double[] x;
    final double[] y;

    Shard(int id, long firstRow, int rows, int features, double[] x, double[] y) {
        this.id = id;
        this.firstRow = firstRow;
        this.rows = rows;
        this.features = features;
        this.x = x;
        this.y = y;
    }

    /**
     * The shard boundaries of {@code n} rows in {@code shards} shards: shard k holds global rows
     * {@code [bounds[k], bounds[k+1])}, with {@code bounds[k] = floor(k * n / shards)}.
     */
    public static long[] bounds(long n, int shards) {
        long[] b = new long[shards + 1];
        for (int k = 0; k <= shards; k++) {
            b[k] = k * n / shards;
        }
        return b;
    }

    /** The shard holding global row {@code row}. */
    static int shardOf(long[] bounds, long row) {
        int lo = 0, hi = bounds.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (bounds[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * This shard's contribution to one step: the summed loss and gradient of the batch rows that
     * fall in it, in batch order, or null if none do. {@code batch} holds global row indices.
     */
    ShardResult step(TensorBridge net, int[] batch) {
        int m = 0;
        for (int r : batch) {
            if (r >= firstRow && r < firstRow + rows) {
                m++;
            }
        }
        if (m == 0) {
            return null;
        }
        double[] bx = new double[m * features], by = new double[m];
        int k = 0;
        for (int r : batch) {
            if (r >= firstRow && r < firstRow + rows) {
                int local = (int) (r - firstRow);
                System.arraycopy(x, local * features, bx, k * features, features);
                by[k++] = y[local];
            }
        }
        double[] grad = new double[net.size()];
        double loss = net.lossAndGradSum(bx, by, m, grad);
        return new ShardResult(id, m, loss, grad);
    }
}
