package jgrad.tensor;

/**
 * int64 elements in a {@code long[]}: PyTorch's index type, for {@code argmax}, {@code gather},
 * {@code indexSelect} and class targets. Exact through {@link #getLong}; arithmetic on it uses the
 * generic loops of {@link Storage}.
 */
final class Int64Storage extends Storage {
    final long[] a;

    Int64Storage(long[] a) {
        this.a = a;
    }

    @Override DType dtype() {
        return DType.INT64;
    }

    @Override int length() {
        return a.length;
    }

    @Override double get(int i) {
        return a[i];
    }

    /** Truncates toward zero, as a cast to int64 does in PyTorch. */
    @Override void set(int i, double v) {
        a[i] = (long) v;
    }

    @Override long getLong(int i) {
        return a[i];
    }

    @Override void setLong(int i, long v) {
        a[i] = v;
    }

    @Override void copy(Storage src, int pos, int dst, int len) {
        System.arraycopy(((Int64Storage) src).a, pos, a, dst, len);
    }
}
