package jgrad.tensor;

import java.util.Objects;
import java.util.Random;
import jgrad.engine.Value;

/**
 * The factories of {@link Tensor}, called as {@code Tensor.zeros(2, 3)}, {@code Tensor.randn(3, 2)}
 * or {@code Tensor.of(1.0, 2.0)}: kept in this superclass so that {@code Tensor.java} stays a
 * façade of operations. Sizes are always sizes: a generator is a {@link Random} argument in front,
 * or the default one that {@link #manualSeed} reseeds. Not used on its own.
 */
abstract class TensorFactories {
    private static final ThreadLocal<Random> DEFAULT_GENERATOR = ThreadLocal.withInitial(Random::new);

    TensorFactories() {
    }


    /**
     * A float64 tensor holding a copy of {@code data} in row-major order.
     *
     * @throws IllegalArgumentException if the shape does not hold exactly {@code data.length}
     *     elements
     */
    public static Tensor of(double[] data, int... shape) {
        Shape s = checkCount("of", data.length, shape);
        return new Tensor(new Float64Storage(data.clone()), 0, s, s.contiguousStrides());
    }

    /**
     * A float32 tensor holding a copy of {@code data} in row-major order.
     *
     * @throws IllegalArgumentException if the shape does not hold exactly {@code data.length}
     *     elements
     */
    public static Tensor of(float[] data, int... shape) {
        Shape s = checkCount("of", data.length, shape);
        return new Tensor(new Float32Storage(data.clone()), 0, s, s.contiguousStrides());
    }

    /** A 1-D float64 tensor holding a copy of {@code data}: {@code Tensor.of(1.0, 2.0)} has shape [2]. */
    public static Tensor of(double... data) {
        return of(data, data.length);
    }

    /** A 1-D float32 tensor holding a copy of {@code data}: {@code Tensor.of(1f, 2f)} has shape [2]. */
    public static Tensor of(float... data) {
        return of(data, data.length);
    }

    /**
     * An int64 tensor holding a copy of {@code data}: indices for {@link #gather} and
     * {@link #indexSelect}, class targets.
     *
     * @throws IllegalArgumentException if the shape does not hold exactly {@code data.length}
     *     elements
     */
    public static Tensor of(long[] data, int... shape) {
        Shape s = checkCount("of", data.length, shape);
        return new Tensor(new Int64Storage(data.clone()), 0, s, s.contiguousStrides());
    }

    /** A 1-D int64 tensor holding a copy of {@code data}. */
    public static Tensor of(long... data) {
        return of(data, data.length);
    }

    /**
     * A tensor of {@code dtype} holding {@code data}: rounded for float32, truncated toward zero
     * for int64, non-zero as true for bool.
     */
    public static Tensor of(DType dtype, double[] data, int... shape) {
        Shape s = checkCount("of", data.length, shape);
        Tensor t = zeros(dtype, shape);
        t.storage.write(0, data, 0, data.length);
        return t;
    }

    private static Shape checkCount(String op, int n, int[] shape) {
        Shape s = Shape.of(shape);
        if (s.numel() != n) {
            throw new IllegalArgumentException(op + ": shape " + s + " holds " + s.numel() + " elements but "
                    + n + " were given");
        }
        return s;
    }

    /** A rank-0 float32 tensor holding {@code value}. */
    public static Tensor scalar(double value) {
        return scalar(DType.FLOAT32, value);
    }

    /** A rank-0 tensor of {@code dtype} holding {@code value}. */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /** A float32 tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /** A tensor of zeros of {@code dtype}. */
    public static Tensor zeros(DType dtype, int... shape) {
        return new Tensor(Shape.of(shape), Objects.requireNonNull(dtype, "dtype"));
    }

    /** A float32 tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(DType.FLOAT32, 1, shape);
    }

    /** A tensor of ones of {@code dtype}. */
    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    /** A float32 tensor with every element {@code value}. */
    public static Tensor full(double value, int... shape) {
        return full(DType.FLOAT32, value, shape);
    }

    /** A tensor of {@code dtype} with every element {@code value}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        Tensor t = zeros(dtype, shape);
        t.storage.fill(0, t.numel(), value);
        return t;
    }

    /** The float32 vector {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        return arange(DType.FLOAT32, 0, n, 1);
    }

    /**
     * The vector {@code start, start + step, ...} up to but excluding {@code end}, as
     * {@code torch.arange}.
     *
     * @throws IllegalArgumentException if {@code step} is 0 or not finite
     */
    public static Tensor arange(DType dtype, double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange: need finite start, end and a non-zero step, got start="
                    + start + ", end=" + end + ", step=" + step);
        }
        double count = Math.max(0, Math.ceil((end - start) / step));
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arange: start=" + start + ", end=" + end + ", step=" + step
                    + " gives " + String.format(java.util.Locale.ROOT, "%.3g", count) + " values, more than a tensor"
                    + " holds (at most " + Integer.MAX_VALUE + "); use a bigger step or a smaller range");
        }
        int n = (int) count;
        Tensor t = zeros(dtype, n);
        for (int i = 0; i < n; i++) {
            t.setFlat(i, start + i * step);
        }
        return t;
    }

    /** The float32 n×n identity matrix. */
    public static Tensor eye(int n) {
        return eye(DType.FLOAT32, n);
    }

    /** The n×n identity matrix of {@code dtype}. */
    public static Tensor eye(DType dtype, int n) {
        Tensor t = zeros(dtype, n, n);
        for (int i = 0; i < n; i++) {
            t.setFlat(i * n + i, 1);
        }
        return t;
    }

    /**
     * Float32 uniform samples in [0, 1) of this shape, from the default generator
     * ({@link #manualSeed}): {@code rand(3, 2)} is 3×2, as {@code torch.rand(3, 2)}.
     */
    public static Tensor rand(int... shape) {
        return rand(DType.FLOAT32, DEFAULT_GENERATOR.get(), shape);
    }

    /** Float32 uniform samples in [0, 1) from {@code rng}. */
    public static Tensor rand(Random rng, int... shape) {
        return rand(DType.FLOAT32, rng, shape);
    }

    /** Uniform samples in [0, 1) of {@code dtype}, drawn in row-major order. */
    public static Tensor rand(DType dtype, Random rng, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.numel(); i++) {
            t.setFlat(i, rng.nextDouble());
        }
        return t;
    }

    /**
     * Float32 standard normal samples of this shape, from the default generator
     * ({@link #manualSeed}): {@code randn(3, 2)} is 3×2, as {@code torch.randn(3, 2)}.
     */
    public static Tensor randn(int... shape) {
        return randn(DType.FLOAT32, DEFAULT_GENERATOR.get(), shape);
    }

    /** Float32 standard normal samples from {@code rng}. */
    public static Tensor randn(Random rng, int... shape) {
        return randn(DType.FLOAT32, rng, shape);
    }

    /** Standard normal samples of {@code dtype}, drawn in row-major order. */
    public static Tensor randn(DType dtype, Random rng, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.numel(); i++) {
            t.setFlat(i, rng.nextGaussian());
        }
        return t;
    }

    /**
     * Reseeds the default generator behind {@link #rand(int...)} and {@link #randn(int...)}, as
     * {@code torch.manual_seed}: after {@code manualSeed(s)} they draw what {@code new Random(s)}
     * would. The generator is per thread, so parallel tests do not disturb each other.
     */
    public static void manualSeed(long seed) {
        DEFAULT_GENERATOR.set(new Random(seed));
    }

    /** A float64 tensor holding the data of {@code values} (not connected to their graph). */
    public static Tensor fromValues(Value[] values, int... shape) {
        double[] data = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i].data();
        }
        return of(data, shape);
    }
}
