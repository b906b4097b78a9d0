package jgrad.optim;

import java.util.Arrays;
import java.util.List;

/** {@link ParameterGroup#of}: a list of {@link Parameter}s seen as one flat array of scalars. */
final class ParameterList implements ParameterGroup {
    private final Parameter[] params;
    /** starts[k] = the flat index of parameter k's first scalar; starts[length] = size. */
    private final int[] starts;
    private final double[] one = new double[1];
    private final double[] oneGrad = new double[1];

    ParameterList(List<? extends Parameter> parameters) {
        params = parameters.toArray(new Parameter[0]);
        starts = new int[params.length + 1];
        for (int k = 0; k < params.length; k++) {
            if (params[k] == null) {
                throw new IllegalArgumentException("ParameterGroup: parameter " + k + " is null");
            }
            params[k].checkTrainable(k);
            long end = (long) starts[k] + params[k].scalarCount();
            if (end > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("ParameterGroup: more than 2^31 scalars at parameter " + k
                        + "; split the model's parameters over several optimizers");
            }
            starts[k + 1] = (int) end;
        }
    }

    /** The parameter holding flat index i (the last of several when some are empty). */
    private int owner(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("ParameterGroup: index " + i + " out of [0, " + size() + ")");
        }
        int k = Arrays.binarySearch(starts, i);
        if (k < 0) {
            return -k - 2;
        }
        while (k + 1 < params.length && starts[k + 1] == i) {   // skip empty parameters
            k++;
        }
        return k;
    }

    @Override
    public int size() {
        return starts[params.length];
    }

    @Override
    public double value(int i) {
        int k = owner(i);
        readOne(k, i);
        return one[0];
    }

    @Override
    public double grad(int i) {
        int k = owner(i);
        readOne(k, i);
        return oneGrad[0];
    }

    @Override
    public void setValue(int i, double v) {
        int k = owner(i);
        if (params[k].scalarCount() == 1) {
            one[0] = v;
            params[k].writeScalars(one, 0);
            return;
        }
        double[] values = new double[params[k].scalarCount()];
        double[] grads = new double[values.length];
        params[k].readScalars(values, grads, 0);
        values[i - starts[k]] = v;
        params[k].writeScalars(values, 0);
    }

    private void readOne(int k, int i) {
        if (params[k].scalarCount() == 1) {
            params[k].readScalars(one, oneGrad, 0);
            return;
        }
        double[] values = new double[params[k].scalarCount()];
        double[] grads = new double[values.length];
        params[k].readScalars(values, grads, 0);
        one[0] = values[i - starts[k]];
        oneGrad[0] = grads[i - starts[k]];
    }

    @Override
    public void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    @Override
    public void read(double[] values, double[] grads) {
        for (int k = 0; k < params.length; k++) {
            params[k].readScalars(values, grads, starts[k]);
        }
    }

    @Override
    public void write(double[] values) {
        for (int k = 0; k < params.length; k++) {
            params[k].writeScalars(values, starts[k]);
        }
    }
}
