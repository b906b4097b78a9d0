package jgrad.tensor;

/**
 * Booleans in a {@code boolean[]}: the result of comparisons ({@code gt}, {@code eq}, ...) and the
 * masks of {@code where}. As numbers they are 0 and 1; setting any non-zero number stores true.
 */
final class BoolStorage extends Storage {
    final boolean[] a;

    BoolStorage(boolean[] a) {
        this.a = a;
    }

    @Override DType dtype() {
        return DType.BOOL;
    }

    @Override int length() {
        return a.length;
    }

    @Override double get(int i) {
        return a[i] ? 1 : 0;
    }

    /** True for any non-zero number, NaN included, as PyTorch's cast to bool. */
    @Override void set(int i, double v) {
        a[i] = v != 0;
    }

    @Override void setLong(int i, long v) {
        a[i] = v != 0;
    }

    @Override void copy(Storage src, int pos, int dst, int len) {
        System.arraycopy(((BoolStorage) src).a, pos, a, dst, len);
    }
}
