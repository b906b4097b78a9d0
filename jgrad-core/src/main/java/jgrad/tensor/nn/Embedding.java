package jgrad.tensor.nn;

import java.util.Map;
import java.util.Random;

import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * A lookup table of {@code num} vectors of size {@code dim}, as {@code torch.nn.Embedding}: the
 * weight is [num, dim], initialised N(0, 1); indices of any shape [...] give [..., dim]. The
 * backward pass scatter-adds each looked-up row's gradient into the row it came from, so rows that
 * were used several times accumulate, and rows not used get 0.
 *
 * <pre>{@code
 * Embedding emb = new Embedding(27, 10, DType.FLOAT32, new Random(0));
 * emb.forward(new int[] {5, 13, 13}, 1, 3).shape();   // [1, 3, 10]
 * }</pre>
 */
public final class Embedding implements TensorModule {
    private final int num;
    private final int dim;
    private final Tensor weight;

    /**
     * A table with N(0, 1) rows drawn from {@code rng}.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public Embedding(int num, int dim, DType dtype, Random rng) {
        if (num < 1 || dim < 1) {
            throw new IllegalArgumentException("Embedding: sizes must be >= 1, got num_embeddings=" + num
                    + ", embedding_dim=" + dim);
        }
        this.num = num;
        this.dim = dim;
        this.weight = Init.NORMAL.tensor(dtype, rng, num, dim).requiresGrad(true);
    }

    /**
     * The rows named by {@code indices}, a tensor of whole numbers (int64, or a floating type
     * holding whole numbers) of any shape; the result has shape indices.shape + [dim].
     *
     * @throws IllegalArgumentException for an index that is not a whole number in [0, num)
     */
    @Override
    public Tensor forward(Tensor indices) {
        if (indices.dtype() == DType.INT64) {
            long[] raw = indices.toLongArray();
            int[] idx = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                idx[i] = raw[i] < 0 || raw[i] >= num ? -1 : (int) raw[i];
                if (idx[i] < 0) {
                    throw new IllegalArgumentException(this + ": index " + raw[i] + " at flat position " + i
                            + " is out of range [0, " + num + "); an index names a row of the table");
                }
            }
            return forward(idx, indices.shape().toArray());
        }
        if (indices.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(this + ": indices must be int64 (or whole numbers), got a bool tensor");
        }
        double[] raw = indices.toDoubleArray();
        int[] idx = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            idx[i] = (int) raw[i];
            if (idx[i] != raw[i]) {
                throw new IllegalArgumentException(this + ": index " + raw[i] + " at flat position " + i
                        + " is not a whole number; pass class indices (int64)");
            }
        }
        return forward(idx, indices.shape().toArray());
    }

    /**
     * The rows {@code idx}, laid out as {@code shape} (whose element count is idx.length);
     * shape + [dim].
     *
     * @throws IllegalArgumentException for an index outside [0, num) or a shape that does not fit
     */
    public Tensor forward(int[] idx, int... shape) {
        int count = 1;
        for (int s : shape) {
            count *= s;
        }
        if (count != idx.length) {
            throw new IllegalArgumentException(this + ": shape " + java.util.Arrays.toString(shape) + " holds " + count
                    + " indices but " + idx.length + " were given");
        }
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= num) {
                throw new IllegalArgumentException(this + ": index " + idx[i] + " at flat position " + i
                        + " is out of range [0, " + num + "); an index names a row of the table");
            }
        }
        int[] out = java.util.Arrays.copyOf(shape, shape.length + 1);
        out[shape.length] = dim;
        return weight.indexSelect(0, idx).reshape(out);
    }

    /** The [num, dim] table, a parameter. */
    public Tensor weight() {
        return weight;
    }

    /** {@code weight}. */
    @Override
    public Map<String, Tensor> namedParameters() {
        return Map.of("weight", weight);
    }

    @Override
    public String toString() {
        return "Embedding(" + num + ", " + dim + ")";
    }
}
