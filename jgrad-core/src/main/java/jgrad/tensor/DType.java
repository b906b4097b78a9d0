package jgrad.tensor;

/**
 * The element type of a tensor, each backed by one {@link Storage} class. {@link #FLOAT32} is the
 * default and the speed path; {@link #FLOAT64} is for gradient checks, comparisons with the scalar
 * engine, and precision; {@link #INT64} holds indices (argmax, gather, class targets);
 * {@link #BOOL} holds the masks that comparisons return.
 *
 * <pre>{@code
 * Tensor.zeros(DType.FLOAT64, 2, 3).dtype();   // FLOAT64
 * DType.FLOAT32.toString();                    // "float32"
 * DType.promote(DType.INT64, DType.FLOAT32);   // FLOAT32, as in PyTorch
 * }</pre>
 */
public enum DType {
    /** 32-bit IEEE floats, stored in a {@code float[]}. */
    FLOAT32("float32", 4, 2),
    /** 64-bit IEEE doubles, stored in a {@code double[]}. */
    FLOAT64("float64", 8, 3),
    /** 64-bit signed integers, stored in a {@code long[]}: PyTorch's index type. */
    INT64("int64", 8, 1),
    /** Booleans, stored in a {@code boolean[]}; 0 and 1 as numbers. */
    BOOL("bool", 1, 0);

    private final String name;
    private final int bytes;
    /** The place in the promotion order bool < int64 < float32 < float64. */
    private final int rank;

    DType(String name, int bytes, int rank) {
        this.name = name;
        this.bytes = bytes;
        this.rank = rank;
    }

    /** Bytes per element: 1, 4 or 8. */
    public int byteSize() {
        return bytes;
    }

    /** Whether this is a floating type (one that can carry gradients). */
    public boolean isFloatingPoint() {
        return rank >= 2;
    }

    /**
     * The type a binary operation on {@code a} and {@code b} computes in, by PyTorch's promotion
     * table for tensors: the later of bool &lt; int64 &lt; float32 &lt; float64, so int64 with
     * float32 gives float32 and float32 with float64 gives float64.
     */
    public static DType promote(DType a, DType b) {
        return a.rank >= b.rank ? a : b;
    }

    /** A zeroed storage of this type for {@code n} elements: the one place that maps a type to its class. */
    Storage allocate(int n) {
        switch (this) {
            case BOOL:
                return new BoolStorage(new boolean[n]);
            case INT64:
                return new Int64Storage(new long[n]);
            case FLOAT32:
                return new Float32Storage(new float[n]);
            default:
                return new Float64Storage(new double[n]);
        }
    }

    /** PyTorch's name: {@code float32}, {@code float64}, {@code int64} or {@code bool}. */
    @Override
    public String toString() {
        return name;
    }
}
