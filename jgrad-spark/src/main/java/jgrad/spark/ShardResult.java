package jgrad.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one shard sends back for one step: its id, its row count in the batch, its summed loss and
 * its summed gradient (flat). {@link #sumInOrder} adds a step's results in shard order.
 *
 * <pre>{@code
 * ShardResult total = ShardResult.sumInOrder(results, parameterCount);
 * double[] meanGrad = total.grad();   // still a sum: divide by total.count()
 * }</pre>
 */
public final class ShardResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int shard;
    private final int count;
    private final double lossSum;
    private final double[] grad;

    ShardResult(int shard, int count, double lossSum, double[] grad) {
        this.shard = shard;
        this.count = count;
        this.lossSum = lossSum;
        this.grad = grad;
    }

    /** The shard id. */
    public int shard() {
        return shard;
    }

    /** How many batch rows the shard held. */
    public int count() {
        return count;
    }

    /** The summed loss of those rows. */
    public double lossSum() {
        return lossSum;
    }

    /** The summed gradient of those rows (the array itself). */
    public double[] grad() {
        return grad;
    }

    /**
     * The sum of {@code results}, which must be sorted by shard id, added left to right in that
     * order: the fixed order that makes a step independent of which task finished first and of
     * how shards are spread over partitions.
     *
     * @throws IllegalStateException if the results are not in strictly increasing shard order
     */
    static ShardResult sumInOrder(List<ShardResult> results, int parameterCount) {
        double[] g = new double[parameterCount];
        double loss = 0;
        int count = 0, last = -1;
        for (ShardResult r : results) {
            if (r.shard <= last) {
                throw new IllegalStateException("jgrad-spark: shard results out of order (" + r.shard + " after "
                        + last + "); this is a bug");
            }
            last = r.shard;
            for (int i = 0; i < g.length; i++) {
                g[i] += r.grad[i];
            }
            loss += r.lossSum;
            count += r.count;
        }
        return new ShardResult(-1, count, loss, g);
    }
}
