package jgrad.tensor;

import java.util.List;
import jgrad.nn.ParameterGroup;

/**
 * The parameter tensors of a model as one flat {@link ParameterGroup}, so that the optimizers of
 * {@code jgrad.nn} ({@code SGD}, {@code Adam}, {@code AdamW}) update tensor models with the same
 * code as scalar ones: index {@code i} runs through the first tensor's elements in row-major order,
 * then the second's, and so on.
 *
 * <pre>{@code
 * Optimizer opt = new Adam(TensorParameters.of(model.parameters()), 0.01);
 * opt.zeroGrad();
 * model.forward(x).crossEntropy(labels).backward();
 * opt.step();
 * }</pre>
 *
 * <p>A parameter whose gradient was never computed reads as gradient 0. Values are written in
 * place and unrecorded.
 */
public final class TensorParameters implements ParameterGroup {
    private final Tensor[] tensors;
    /** starts[k] = the flat index of tensor k's first element; starts[length] = size. */
    private final int[] starts;
    private int last;

    private TensorParameters(Tensor[] tensors) {
        this.tensors = tensors;
        this.starts = new int[tensors.length + 1];
        for (int k = 0; k < tensors.length; k++) {
            starts[k + 1] = starts[k] + tensors[k].numel();
        }
    }

    /**
     * A group over {@code parameters}, in order.
     *
     * @throws IllegalArgumentException if one of them is not a leaf that requires a gradient
     */
    public static TensorParameters of(List<Tensor> parameters) {
        Tensor[] ts = parameters.toArray(new Tensor[0]);
        for (int k = 0; k < ts.length; k++) {
            if (ts[k] == null || !ts[k].isLeaf() || !ts[k].requiresGrad()) {
                throw new IllegalArgumentException("TensorParameters: parameter " + k
                        + " must be a leaf tensor with requiresGrad(true), got " + (ts[k] == null ? "null" : ts[k].shape()
                        + (ts[k].isLeaf() ? " without requiresGrad" : " made by an operation")));
            }
        }
        return new TensorParameters(ts);
    }

    /** The tensor holding flat index i; optimizers walk i in order, so the last answer is tried first. */
    private int owner(int i) {
        if (i < starts[last] || i >= starts[last + 1]) {
            int k = java.util.Arrays.binarySearch(starts, i);
            k = k >= 0 ? k : -k - 2;
            while (starts[k + 1] == i && k + 1 < tensors.length) {   // skip empty tensors
                k++;
            }
            last = k;
        }
        return last;
    }

    @Override
    public int size() {
        return starts[tensors.length];
    }

    @Override
    public double value(int i) {
        int k = owner(i);
        return tensors[k].getFlat(i - starts[k]);
    }

    @Override
    public double grad(int i) {
        int k = owner(i);
        Tensor g = tensors[k].grad();
        return g == null ? 0 : g.getFlat(i - starts[k]);
    }

    @Override
    public void setValue(int i, double v) {
        int k = owner(i);
        tensors[k].setFlat(i - starts[k], v);
    }

    @Override
    public void zeroGrad() {
        for (Tensor t : tensors) {
            t.zeroGrad();
        }
    }

    /** Bulk read for optimizers: one tight loop per tensor over its storage, no per-element lookup. */
    @Override
    public void read(double[] values, double[] grads) {
        for (int k = 0; k < tensors.length; k++) {
            Tensor t = tensors[k];
            Tensor g = t.grad();
            int s = starts[k];
            int n = t.numel();
            if (t.f != null) {
                for (int j = 0; j < n; j++) {
                    values[s + j] = t.f[j];
                }
            } else {
                System.arraycopy(t.d, 0, values, s, n);
            }
            if (g == null) {
                java.util.Arrays.fill(grads, s, s + n, 0);
            } else if (g.f != null) {
                for (int j = 0; j < n; j++) {
                    grads[s + j] = g.f[j];
                }
            } else {
                System.arraycopy(g.d, 0, grads, s, n);
            }
        }
    }

    /** Bulk write for optimizers; float32 storage rounds each value once, as {@link #setValue} does. */
    @Override
    public void write(double[] values) {
        for (int k = 0; k < tensors.length; k++) {
            Tensor t = tensors[k];
            int s = starts[k];
            int n = t.numel();
            if (t.f != null) {
                for (int j = 0; j < n; j++) {
                    t.f[j] = (float) values[s + j];
                }
            } else {
                System.arraycopy(values, s, t.d, 0, n);
            }
        }
    }
}
