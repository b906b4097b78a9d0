package jgrad.tensor;

/**
 * The element type of a tensor. {@link #FLOAT32} is the default and the speed path;
 * {@link #FLOAT64} is for gradient checks, comparisons with the scalar engine, and precision.
 *
 * <pre>{@code
 * Tensor.zeros(DType.FLOAT64, 2, 3).dtype();   // FLOAT64
 * DType.FLOAT32.toString();                    // "float32"
 * }</pre>
 */
public enum DType {
    /** 32-bit IEEE floats, stored in a {@code float[]}. */
    FLOAT32("float32", 4),
    /** 64-bit IEEE doubles, stored in a {@code double[]}. */
    FLOAT64("float64", 8);

    private final String name;
    private final int bytes;

    DType(String name, int bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    /** Bytes per element: 4 or 8. */
    public int byteSize() {
        return bytes;
    }

    /** The wider of two types, which a binary operation computes in (as PyTorch promotes). */
    static DType promote(DType a, DType b) {
        return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
    }

    /** PyTorch's name: {@code float32} or {@code float64}. */
    @Override
    public String toString() {
        return name;
    }
}
