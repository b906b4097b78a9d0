package jgrad.torch;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Copies float32 data between Java arrays and libtorch tensors.
 *
 * <p>NOTE: a tensor built with {@code from_blob} over memory that JavaCPP later frees silently reads
 * zeros (the {@code new DoubleArrayRef(double[], n)} pitfall). {@link #tensor} therefore copies the
 * array into a {@link FloatPointer} it holds open, clones the view into memory libtorch owns, and
 * only then releases the pointer; the tests check that every input round-trips.
 *
 * <pre>{@code
 * Tensor t = TorchArrays.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * float[] back = TorchArrays.floats(t.t());   // {1, 4, 2, 5, 3, 6}
 * }</pre>
 */
public final class TorchArrays {
    private TorchArrays() {
    }

    /**
     * A new float32 tensor of the given shape holding a copy of {@code data} (row-major).
     *
     * @throws IllegalArgumentException if the shape's element count differs from {@code data.length}
     *         or a dimension is negative
     */
    public static Tensor tensor(float[] data, long... shape) {
        checkShape(data.length, shape);
        try (FloatPointer p = new FloatPointer(Math.max(1, data.length));
             TensorOptions options = new TensorOptions(torch.ScalarType.Float)) {
            p.put(data, 0, data.length);
            return torch.from_blob(p, shape, options).clone();
        }
    }

    /**
     * A new float64 tensor of the given shape holding a copy of {@code data} (row-major), built
     * from a {@link DoublePointer} held open until libtorch has its own copy (never from
     * {@code new DoubleArrayRef(double[], n)}, which reads zeros).
     *
     * @throws IllegalArgumentException if the shape's element count differs from {@code data.length}
     *         or a dimension is negative
     */
    public static Tensor tensor(double[] data, long... shape) {
        checkShape(data.length, shape);
        try (DoublePointer p = new DoublePointer(Math.max(1, data.length));
             TensorOptions options = new TensorOptions(torch.ScalarType.Double)) {
            p.put(data, 0, data.length);
            return torch.from_blob(p, shape, options).clone();
        }
    }

    /** The same values as a jgrad tensor of any dtype, in the same dtype and shape. */
    public static Tensor tensor(jgrad.tensor.Tensor t) {
        long[] shape = new long[t.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.dim(i);
        }
        switch (t.dtype()) {
            case FLOAT32:
                return tensor(t.toFloatArray(), shape);
            case FLOAT64:
                return tensor(t.toDoubleArray(), shape);
            case INT64:
                return tensor(t.toLongArray(), shape);
            default:
                return tensor(t.toDoubleArray(), shape).toType(torch.ScalarType.Bool);
        }
    }

    /** A new int64 tensor of the given shape holding a copy of {@code data} (row-major). */
    public static Tensor tensor(long[] data, long... shape) {
        checkShape(data.length, shape);
        try (LongPointer p = new LongPointer(Math.max(1, data.length));
             TensorOptions options = new TensorOptions(torch.ScalarType.Long)) {
            p.put(data, 0, data.length);
            return torch.from_blob(p, shape, options).clone();
        }
    }

    /** The elements of an integer tensor as longs in row-major order (exact for int64). */
    public static long[] longs(Tensor t) {
        Tensor c = t.toType(torch.ScalarType.Long).contiguous();
        long[] out = new long[Math.toIntExact(c.numel())];
        if (out.length > 0) {
            c.data_ptr_long().get(out);
        }
        return out;
    }

    /** A tensor's strides as a Java array. */
    public static long[] strides(Tensor t) {
        long[] s = new long[(int) t.dim()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.stride(i);
        }
        return s;
    }

    /** The elements of a tensor of any real or boolean dtype, as doubles in row-major order. */
    public static double[] doubles(Tensor t) {
        Tensor c = t.toType(torch.ScalarType.Double).contiguous();
        double[] out = new double[Math.toIntExact(c.numel())];
        if (out.length > 0) {
            c.data_ptr_double().get(out);
        }
        return out;
    }

    private static void checkShape(int length, long[] shape) {
        long numel = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("TorchArrays.tensor: negative dimension in shape "
                        + Arrays.toString(shape));
            }
            numel *= d;
        }
        if (numel != length) {
            throw new IllegalArgumentException("TorchArrays.tensor: shape " + Arrays.toString(shape) + " holds "
                    + numel + " elements but the array has " + length);
        }
    }

    /**
     * The elements of a float32 tensor in row-major order (a non-contiguous view is copied first).
     *
     * @throws IllegalArgumentException if the tensor is not float32
     */
    public static float[] floats(Tensor t) {
        if (t.scalar_type().intern() != torch.ScalarType.Float) {  // JavaCPP enums need intern()
            throw new IllegalArgumentException("TorchArrays.floats: expected a float32 tensor, got " + t.scalar_type()
                    + "; convert with t.to(torch.ScalarType.Float)");
        }
        Tensor c = t.contiguous();
        float[] out = new float[Math.toIntExact(c.numel())];
        if (out.length > 0) {
            c.data_ptr_float().get(out);
        }
        return out;
    }

    /** A tensor's shape as a Java array. */
    public static long[] shape(Tensor t) {
        long[] s = new long[(int) t.dim()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.size(i);
        }
        return s;
    }
}
