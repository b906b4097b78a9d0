package jgrad.tensor;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import jgrad.engine.AnomalyMode;
import jgrad.engine.Value;
import jgrad.optim.Parameter;

/**
 * An n-dimensional array of float32, float64, int64 or bool elements that remembers how it was
 * made, so that {@link #backward()} can compute gradients: micrograd's {@code Value}, over tensors.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(new Random(42), 3, 2).requiresGrad(true);   // 3×2; randn(3, 2) also is
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * Tensor loss = x.matmul(w).relu().sum();
 * loss.backward();
 * w.grad();                      // d(loss)/dw, shape [3, 2]
 * }</pre>
 *
 * <p><b>Storage and views.</b> A tensor is a view of a {@link Storage}: an offset, a shape and
 * strides over one flat array of its {@link DType} (float32, the default; float64; int64 for
 * indices; bool for masks). {@link #transpose}, {@link #permute}, {@link #expand}, {@link #narrow},
 * {@link #slice}, {@link #unsqueeze}, {@link #squeeze}, {@link #view} and {@link #detach} share
 * their input's storage; {@link #contiguous()} copies only a non-contiguous view; kernels read
 * contiguous data. In-place writes bump the storage's {@link #version()}, which backward checks.
 *
 * <p><b>One file per op.</b> Each primitive is a {@link Function} in its own file (AddOp, MatMulOp,
 * ...); the methods here validate and dispatch to them, and the graph walk lives in
 * {@code Autograd}. A user adds an op by extending {@link Function} in any package.
 *
 * <p><b>Broadcasting.</b> Binary operations follow NumPy's rules: shapes are aligned at their last
 * axis and a size of 1 stretches. Operands are first {@link #expand}ed to the common shape, so the
 * kernels only see equal shapes and the gradient of broadcasting is summed back in one place,
 * {@code expand}'s backward. Dtypes promote as in PyTorch: int64 with float32 gives float32,
 * float32 with float64 gives float64.
 *
 * <p><b>Autograd.</b> A tensor made by an operation on a tensor that {@link #requiresGrad()}
 * remembers the operation. {@link #backward()} walks the graph once in reverse topological order,
 * iteratively and deterministically, and adds each leaf's gradient into its {@link #grad()}, so
 * gradients accumulate over calls until {@link #zeroGrad()}. Inside {@link #noGrad()} nothing is
 * recorded.
 *
 * <p><b>Errors.</b> Caller mistakes throw {@link IllegalArgumentException} naming the operation and
 * the shapes, e.g. {@code matmul: inner dimensions differ: [2, 3] @ [4, 5]}. Numbers follow IEEE
 * rules ({@code log(-1)} is NaN) unless {@link AnomalyMode} is on: then the first operation whose
 * output or gradient holds a NaN or an infinity throws a {@link TensorAnomalyException}.
 *
 * <p>Node identity is reference identity: {@code equals} is not overridden. Tensors are not
 * thread-safe.
 */
public final class Tensor extends TensorFactories implements Parameter {
    /** The memory, shared by views. */
    final Storage storage;
    /** Where element [0, ..., 0] lives in the storage. */
    final int offset;
    final Shape shape;
    /** Elements to step in the storage per step along each axis. */
    final int[] strides;
    final DType dtype;
    /** Whether the elements lie row-major and back to back from {@code offset}. */
    final boolean contiguous;

    boolean requiresGrad;
    Tensor grad;
    /** The recorded call of the function that made this tensor; null for a leaf. */
    Context creator;
    /** The gradient flowing into this tensor during one backward pass ({@link Autograd}). */
    Tensor pending;
    int mark;

    /** A fresh contiguous tensor of zeros; one that the heap cannot hold is refused up front, with its shape. */
    Tensor(Shape shape, DType dtype) {
        this(allocate(shape, dtype), 0, shape, shape.contiguousStrides());
    }

    /** Allocations below this size are not checked against the heap (the check is for the rare huge one). */
    private static final long CHECKED_BYTES = 64L << 20;

    private static Storage allocate(Shape shape, DType dtype) {
        long bytes = (long) shape.numel() * dtype.byteSize();
        if (bytes >= CHECKED_BYTES) {
            Runtime rt = Runtime.getRuntime();
            long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (bytes > free) {
                System.gc();   // one collection before refusing, so garbage does not count as used
                free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            }
            if (bytes > free) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "tensor: a %s tensor of shape %s needs %.1f GiB, and the JVM heap has %.1f GiB free of at most"
                                + " %.1f GiB; use a smaller shape, or raise the heap with -Xmx (for the CLI:"
                                + " JGRAD_JAVA_OPTS=-Xmx16g)", dtype, shape, bytes / 1073741824.0,
                        free / 1073741824.0, rt.maxMemory() / 1073741824.0));
            }
        }
        return dtype.allocate(shape.numel());
    }

    /** A view of {@code storage}; callers have checked that it stays in range. */
    Tensor(Storage storage, int offset, Shape shape, int[] strides) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
        this.dtype = storage.dtype();
        // the shape's own cached row-major strides are contiguous by construction: skip the walk
        this.contiguous = strides == shape.cachedStrides() || shape.isContiguous(strides);
    }

    /** A new tensor of zeros, for kernels to write into. */
    static Tensor empty(Shape shape, DType dtype) {
        return new Tensor(shape, dtype);
    }

    /** This tensor if contiguous, else a contiguous copy of it; unrecorded (the kernels' input). */
    Tensor dense() {
        if (contiguous) {
            return this;
        }
        Tensor out = new Tensor(shape, dtype);
        Loops.copyStrided(storage, offset, strides, out);
        return out;
    }

    /** This tensor's elements in another shape of the same count: a view when contiguous. */
    Tensor withShape(Shape s) {
        Tensor c = dense();
        return new Tensor(c.storage, c.offset, s, s.contiguousStrides());
    }

    // ================================================================ accessors

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** The size of {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** The number of elements. */
    public int numel() {
        return shape.numel();
    }

    /** Where the element {@code i}-th in row-major order lives in the storage. */
    int position(int i) {
        if (contiguous) {
            return offset + i;
        }
        int pos = offset;
        for (int ax = shape.rank() - 1; ax >= 0; ax--) {
            int n = shape.at(ax);
            pos += (i % n) * strides[ax];
            i /= n;
        }
        return pos;
    }

    /** Element {@code i} in row-major order; package-private. */
    double getFlat(int i) {
        return storage.get(position(i));
    }

    /** Overwrites element {@code i} in row-major order, unrecorded and unversioned (kernels' use). */
    void setFlat(int i, double v) {
        storage.set(position(i), v);
    }

    /**
     * The element at {@code index}, one coordinate per axis.
     *
     * @throws IllegalArgumentException if the index has the wrong rank or is out of range
     */
    public double get(int... index) {
        return getFlat(flatIndex("get", index));
    }

    /** The element at {@code index} as a long: exact for int64 beyond 2^53. */
    public long getLong(int... index) {
        return storage.getLong(position(flatIndex("getLong", index)));
    }

    /**
     * Overwrites the element at {@code index}, in place: for setting up inputs and for optimizers.
     * It does not record a graph.
     */
    public void set(double value, int... index) {
        int i = flatIndex("set", index);
        storage.version++;
        setFlat(i, value);
    }

    private int flatIndex(String op, int[] index) {
        return Reduce.flatIndex(this, op, index);
    }

    /**
     * The value of a one-element tensor.
     *
     * @throws IllegalArgumentException if the tensor has more or fewer than one element
     */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item: only a one-element tensor has an item, this one has shape " + shape);
        }
        return getFlat(0);
    }

    /**
     * Overwrites this tensor's elements with {@code src}'s, in place and unrecorded, converting the
     * dtype: for loading weights and for optimizers. Returns this tensor.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public Tensor copyFrom(Tensor src) {
        return InPlace.copyFrom(this, src);
    }

    /**
     * this += alpha · other, in place and unrecorded (BLAS axpy): the SGD update
     * {@code p.addScaledInPlace(-lr, p.grad())}, as PyTorch's {@code p.add_(g, alpha=-lr)} under
     * {@code no_grad}. float32 runs the SIMD kernel. Returns this tensor.
     *
     * <pre>{@code
     * w.addScaledInPlace(-0.1, w.grad());   // one SGD step, no graph, no allocation
     * }</pre>
     *
     * <p>Call it between steps, after {@code backward()}: it bumps the {@link #version()}, so a
     * backward pass whose forward saved this tensor before the change throws instead of computing
     * gradients from the new numbers.
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, or this tensor is the result
     *     of an operation (such as a {@code reshape} view of a parameter) rather than a leaf
     */
    public Tensor addScaledInPlace(double alpha, Tensor other) {
        return InPlace.addScaled(this, alpha, other);
    }

    /**
     * Sets every element to {@code value}, in place and unrecorded, through this view (as
     * {@code fill_}); bumps the {@link #version()}. Returns this tensor.
     */
    public Tensor fillInPlace(double value) {
        return InPlace.fill(this, value);
    }

    /**
     * this += other, in place and unrecorded, through this view, {@code other} broadcasting to this
     * shape (as {@code add_}); bumps the {@link #version()}. Returns this tensor.
     *
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape, or the sum
     *     would need a wider dtype than this tensor's (float64 into float32, float into int64)
     */
    public Tensor addInPlace(Tensor other) {
        return InPlace.add(this, other);
    }

    /** this *= factor, in place and unrecorded, through this view (as {@code mul_}). Returns this tensor. */
    public Tensor mulInPlace(double factor) {
        return InPlace.mul(this, factor);
    }


    /**
     * How many times the storage behind this tensor (and its views) has been written in place, as
     * PyTorch's {@code _version}. A tensor saved for a backward pass remembers its version; if it
     * changes before the backward pass reads it, {@code backward()} throws naming the op.
     */
    public int version() {
        return storage.version;
    }

    /** A copy of the elements in row-major order, as floats. */
    public float[] toFloatArray() {
        Tensor c = dense();
        if (c.storage instanceof Float32Storage) {
            float[] a = ((Float32Storage) c.storage).a;
            return java.util.Arrays.copyOfRange(a, c.offset, c.offset + numel());
        }
        float[] out = new float[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) c.storage.get(c.offset + i);
        }
        return out;
    }

    /** A copy of the elements in row-major order, as doubles. */
    public double[] toDoubleArray() {
        Tensor c = dense();
        double[] out = new double[numel()];
        c.storage.read(c.offset, out, 0, out.length);
        return out;
    }

    /** A copy of the elements in row-major order, as longs (exact for int64). */
    public long[] toLongArray() {
        long[] out = new long[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = storage.getLong(position(i));
        }
        return out;
    }

    /** One scalar-engine leaf per element, in row-major order, for small tensors. */
    public Value[] toValues() {
        Value[] out = new Value[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Value.of(getFlat(i));
        }
        return out;
    }

    // ================================================================ autograd

    /** Whether gradients flow into this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks this leaf as one whose gradient {@link #backward()} computes (a parameter or an input you
     * differentiate by); returns this tensor.
     *
     * @throws IllegalArgumentException when turning it off on a tensor made by an operation (use
     *     {@link #detach()})
     */
    public Tensor requiresGrad(boolean requires) {
        if (requires && !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("requiresGrad: only floating tensors can require a gradient, this one is "
                    + dtype + " " + shape + "; cast(DType.FLOAT32) it first");
        }
        if (!requires && creator != null) {
            throw new IllegalArgumentException("requiresGrad: this tensor was made by '" + creator.name()
                    + "' and is part of a graph; call detach() to get a tensor without history");
        }
        this.requiresGrad = requires;
        return this;
    }

    /**
     * The recorded call that made this tensor (PyTorch's {@code grad_fn}): its function's name, its
     * inputs and saved tensors; null for a leaf.
     */
    public Context gradFn() {
        return creator;
    }

    /** Whether this tensor was not made by a recorded operation (an input or a parameter). */
    public boolean isLeaf() {
        return creator == null;
    }

    /**
     * The accumulated gradient d(root)/d(this) of a leaf after {@link #backward()}; null before the
     * first backward pass reaches it. Intermediate tensors keep no gradient, as in PyTorch.
     */
    public Tensor grad() {
        return grad;
    }

    /** Sets the gradient to zeros, in place, keeping its buffer; nothing happens if there is none. */
    @Override
    public void zeroGrad() {
        if (grad != null) {
            grad.storage.version++;
            grad.storage.fill(grad.offset, grad.offset + grad.numel(), 0);
        }
    }

    /** For optimizers ({@link Parameter}): the element count. */
    @Override
    public int scalarCount() {
        return numel();
    }

    /** For optimizers ({@link Parameter}): a parameter is a leaf that requires a gradient. */
    @Override
    public void checkTrainable(int index) {
        if (!isLeaf() || !requiresGrad()) {
            throw new IllegalArgumentException("optimizer: parameter " + index
                    + " must be a leaf tensor with requiresGrad(true), got " + shape
                    + (isLeaf() ? " without requiresGrad" : " made by an operation"));
        }
    }

    /** For optimizers ({@link Parameter}): one tight loop over the storage; no gradient reads as 0. */
    @Override
    public void readScalars(double[] values, double[] grads, int offset) {
        int n = numel();
        Tensor c = dense();
        c.storage.read(c.offset, values, offset, n);
        if (grad == null) {
            Arrays.fill(grads, offset, offset + n, 0);
        } else {
            grad.storage.read(grad.offset, grads, offset, n);
        }
    }

    /** For optimizers ({@link Parameter}): float32 storage rounds each value once. Unrecorded. */
    @Override
    public void writeScalars(double[] values, int offset) {
        storage.version++;
        if (contiguous) {
            storage.write(this.offset, values, offset, numel());
        } else {
            for (int j = 0; j < numel(); j++) {
                setFlat(j, values[offset + j]);
            }
        }
    }

    /** A leaf sharing this tensor's data, with no history and no gradient. */
    public Tensor detach() {
        return new Tensor(storage, offset, shape, strides);
    }

    /** Opens a scope in which operations record no graph; use with try-with-resources. */
    public static NoGrad noGrad() {
        return new NoGrad();
    }

    /**
     * Backpropagates from this one-element tensor, seeding its gradient with 1.
     *
     * @throws IllegalArgumentException if it has more than one element (use
     *     {@link #backward(Tensor)}) or does not require a gradient
     */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalArgumentException("backward: only a one-element tensor can start backward() on its own, "
                    + "this one has shape " + shape + "; call backward(gradient) with a gradient of that shape");
        }
        backward(full(dtype, 1, shape.toArray()));
    }

    /**
     * Backpropagates from this tensor, seeding its gradient with {@code gradient} (the vector of a
     * vector-Jacobian product), and adds d(root)/d(leaf) into the {@link #grad()} of every leaf
     * that requires it.
     *
     * @throws IllegalArgumentException if the shapes differ or this tensor requires no gradient
     */
    public void backward(Tensor gradient) {
        if (!requiresGrad) {
            throw new IllegalArgumentException("backward: this tensor of shape " + shape
                    + " does not require grad; mark a leaf with requiresGrad(true) before computing it");
        }
        if (!gradient.shape.equals(shape)) {
            throw new IllegalArgumentException("backward: gradient shape " + gradient.shape
                    + " differs from the tensor's shape " + shape);
        }
        Autograd.backward(this, gradient);
    }

    // ================================================================ elementwise

    /** A same-dtype scalar, for the {@code double} overloads. */
    private Tensor scalarLike(double v) {
        return full(dtype.isFloatingPoint() || v == Math.rint(v) ? dtype : DType.FLOAT32, v);
    }

    /**
     * This tensor, after checking that {@code op} may run on its dtype.
     *
     * @throws IllegalArgumentException for an int64 or bool tensor
     */
    Tensor floating(String op) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": needs a floating tensor (float32 or float64), got " + dtype
                    + " " + shape + "; call cast(DType.FLOAT32) first");
        }
        return this;
    }

    /** This tensor, cast to float32 when it is int64 or bool (true division, mean). */
    private Tensor toFloating() {
        return dtype.isFloatingPoint() ? this : cast(DType.FLOAT32);
    }

    /** Both operands cast to the wider dtype and expanded to the broadcast shape. */
    static Tensor[] broadcast(String op, Tensor a, Tensor b) {
        Shape s = Shape.broadcast(a.shape, b.shape, op);
        DType t = DType.promote(a.dtype, b.dtype);
        return new Tensor[] {a.cast(t).expandTo(s), b.cast(t).expandTo(s)};
    }

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        Tensor[] p = broadcast("add", this, other);
        return new AddOp().apply(p[0], p[1]);
    }

    /** {@code this + other}. */
    public Tensor add(double other) {
        return add(scalarLike(other));
    }

    /** {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        Tensor[] p = broadcast("mul", this, other);
        return new MulOp().apply(p[0], p[1]);
    }

    /** {@code this * other}. */
    public Tensor mul(double other) {
        return mul(scalarLike(other));
    }

    /** {@code this - other}, as {@code this + (-other)}. */
    public Tensor sub(Tensor other) {
        return add(other.neg());
    }

    /** {@code this - other}. */
    public Tensor sub(double other) {
        return add(-other);
    }

    /** {@code this / other}, as {@code this * other^-1} (as micrograd). */
    public Tensor div(Tensor other) {
        if (!other.dtype.isFloatingPoint()) {
            return toFloating().div(other.cast(dtype.isFloatingPoint() ? dtype : DType.FLOAT32));
        }
        return toFloating().mul(other.pow(-1));
    }

    /** {@code this / other}. */
    public Tensor div(double other) {
        return toFloating().mul(full(toFloating().dtype, other).pow(-1));
    }

    /** {@code -this}, as {@code this * -1}. */
    public Tensor neg() {
        return mul(-1);
    }

    /** {@code this ^ k} elementwise for a constant {@code k}. */
    public Tensor pow(double k) {
        return new PowConstOp(k).apply(floating("pow"));
    }

    /**
     * {@code this ^ exponent} elementwise, broadcasting and differentiable in both; the gradient
     * for the exponent, out·ln(this), is NaN for a negative base.
     */
    public Tensor pow(Tensor exponent) {
        Tensor[] p = broadcast("pow", floating("pow"), exponent.floating("pow"));
        return new PowOp().apply(p[0], p[1]);
    }

    /** e^x elementwise. */
    public Tensor exp() {
        return new ExpOp().apply(floating("exp"));
    }

    /** The natural logarithm elementwise; -Infinity at 0 and NaN below. */
    public Tensor log() {
        return new LogOp().apply(floating("log"));
    }

    /** The square root, as {@code pow(0.5)}. */
    public Tensor sqrt() {
        return pow(0.5);
    }

    /** |x| elementwise; its gradient at 0 is 0, as in PyTorch. */
    public Tensor abs() {
        return new AbsOp().apply(this);
    }

    /** tanh elementwise. */
    public Tensor tanh() {
        return new TanhOp().apply(floating("tanh"));
    }

    /** max(0, x) elementwise; the gradient at exactly 0 is 0, as in micrograd. */
    public Tensor relu() {
        return new ReluOp().apply(this);
    }

    /** 1 / (1 + e^-x) elementwise, without overflow. */
    public Tensor sigmoid() {
        return new SigmoidOp().apply(floating("sigmoid"));
    }

    /** The larger of the two elementwise, broadcasting; on ties each side gets half the gradient. */
    public Tensor maximum(Tensor other) {
        Tensor[] p = broadcast("maximum", this, other);
        return new MaximumOp().apply(p[0], p[1]);
    }

    /** The smaller of the two elementwise, as {@code -maximum(-this, -other)}. */
    public Tensor minimum(Tensor other) {
        return neg().maximum(other.neg()).neg();
    }

    /** A mask: 1 where {@code this > other}, else 0 (broadcasting; no gradient). */
    public Tensor gt(Tensor other) {
        return compare("gt", other, (a, b) -> a > b);
    }

    /** A mask: 1 where {@code this > other}, else 0. */
    public Tensor gt(double other) {
        return gt(scalarLike(other));
    }

    /** A mask: 1 where {@code this < other}, else 0 (broadcasting; no gradient). */
    public Tensor lt(Tensor other) {
        return compare("lt", other, (a, b) -> a < b);
    }

    /** A mask: 1 where {@code this < other}, else 0. */
    public Tensor lt(double other) {
        return lt(scalarLike(other));
    }

    /** A mask: 1 where {@code this >= other}, else 0 (broadcasting; no gradient). */
    public Tensor ge(Tensor other) {
        return compare("ge", other, (a, b) -> a >= b);
    }

    /** A mask: 1 where {@code this >= other}, else 0. */
    public Tensor ge(double other) {
        return ge(scalarLike(other));
    }

    /** A mask: 1 where {@code this <= other}, else 0 (broadcasting; no gradient). */
    public Tensor le(Tensor other) {
        return compare("le", other, (a, b) -> a <= b);
    }

    /** A mask: 1 where {@code this <= other}, else 0. */
    public Tensor le(double other) {
        return le(scalarLike(other));
    }

    /** A mask: 1 where {@code this == other}, else 0 (broadcasting; no gradient). */
    public Tensor eq(Tensor other) {
        return compare("eq", other, (a, b) -> a == b);
    }

    /** A mask: 1 where {@code this == other}, else 0. */
    public Tensor eq(double other) {
        return eq(scalarLike(other));
    }

    private Tensor compare(String op, Tensor other, Comparison.Predicate p) {
        return Comparison.compare(this, op, other, p);
    }

    /**
     * {@code a} where {@code condition} is non-zero, else {@code b}; all three broadcast together.
     * The gradient flows to the chosen side only.
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return WhereOp.where(condition, a, b);
    }

    /** This tensor converted to {@code target}; differentiable (the gradient is cast back). */
    public Tensor cast(DType target) {
        return target == dtype ? this : new CastOp(target).apply(this);
    }

    // ================================================================ reductions

    /** The sum of all elements, a scalar (0 for an empty tensor). */
    public Tensor sum() {
        return sum(allAxes(), false);
    }

    /** The sum over {@code axes}, which disappear from the shape. */
    public Tensor sum(int... axes) {
        return sum(axes, false);
    }

    /** The sum over {@code axes}; with {@code keepdim} they stay as size 1. No axes: all of them. */
    public Tensor sum(int[] axes, boolean keepdim) {
        return new SumOp(normalizeAxes("sum", axes), keepdim).apply(this);
    }

    /** The mean of all elements. @throws IllegalArgumentException for an empty tensor */
    public Tensor mean() {
        return mean(allAxes(), false);
    }

    /** The mean over {@code axes}, which disappear from the shape. */
    public Tensor mean(int... axes) {
        return mean(axes, false);
    }

    /**
     * The mean over {@code axes}, as sum / count.
     *
     * @throws IllegalArgumentException if there is nothing to average
     */
    public Tensor mean(int[] axes, boolean keepdim) {
        return Reduce.mean(this, axes, keepdim);
    }

    /** The largest element, a scalar. @throws IllegalArgumentException for an empty tensor */
    public Tensor max() {
        return max(allAxes(), false);
    }

    /** The largest element over {@code axes}, which disappear from the shape. */
    public Tensor max(int... axes) {
        return max(axes, false);
    }

    /**
     * The largest element over {@code axes}; ties share the gradient equally (as {@code torch.amax}).
     *
     * @throws IllegalArgumentException if a reduced axis is empty
     */
    public Tensor max(int[] axes, boolean keepdim) {
        boolean[] reduced = normalizeAxes("max", axes);
        requireNonEmpty("max", reduced);
        return new MaxOp(reduced, keepdim).apply(this);
    }

    /** The smallest element, a scalar. */
    public Tensor min() {
        return min(allAxes(), false);
    }

    /** The smallest element over {@code axes}, which disappear from the shape. */
    public Tensor min(int... axes) {
        return min(axes, false);
    }

    /** The smallest element over {@code axes}, as {@code -max(-this)}. */
    public Tensor min(int[] axes, boolean keepdim) {
        requireNonEmpty("min", normalizeAxes("min", axes));
        return neg().max(axes, keepdim).neg();
    }

    /** The row-major index of the largest element (the first one on ties), as an int64 scalar. */
    public Tensor argmax() {
        return reshape(numel()).argmax(0, false);
    }

    /**
     * The index of the largest element along {@code axis} (the first on ties), as an int64 tensor;
     * no gradient.
     *
     * @throws IllegalArgumentException if the axis is out of range or empty
     */
    public Tensor argmax(int axis, boolean keepdim) {
        boolean[] reduced = normalizeAxes("argmax", new int[] {axis});
        requireNonEmpty("argmax", reduced);
        return Reduce.argmax(this, reduced, keepdim);
    }

    private int[] allAxes() {
        int[] all = new int[rank()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** Which axes are reduced; an empty list means all of them. */
    private boolean[] normalizeAxes(String op, int[] axes) {
        return Reduce.normalizeAxes(this, op, axes);
    }

    private void requireNonEmpty(String op, boolean[] reduced) {
        Reduce.requireNonEmpty(this, op, reduced);
    }

    // ================================================================ movement

    /**
     * The same elements in a new shape; one size may be -1 to be inferred. A view sharing storage
     * when this tensor is contiguous, else a copy (as PyTorch's {@code reshape}).
     *
     * @throws IllegalArgumentException if the element counts differ
     */
    public Tensor reshape(int... newShape) {
        Shape s = inferShape("reshape", newShape);
        return s.equals(shape) ? this : new ReshapeOp(s).apply(this);
    }

    /**
     * The same elements in a new shape, always a view sharing storage, as PyTorch's {@code view}.
     *
     * @throws IllegalArgumentException if the element counts differ or this tensor is not
     *     contiguous (a transpose, a permute, an expand): call contiguous() or reshape()
     */
    public Tensor view(int... newShape) {
        Shape s = inferShape("view", newShape);
        if (!contiguous) {
            throw new IllegalArgumentException("view: a tensor of shape " + shape + " with strides "
                    + Arrays.toString(strides) + " is not contiguous, so it cannot be viewed as " + s
                    + "; call contiguous() or reshape() instead");
        }
        return s.equals(shape) ? this : new ReshapeOp(s).apply(this);
    }

    private Shape inferShape(String op, int[] newShape) {
        return ReshapeOp.inferShape(this, op, newShape);
    }

    /** This tensor if its elements lie row-major without gaps, else a contiguous copy (recorded). */
    public Tensor contiguous() {
        return contiguous ? this : new ContiguousOp().apply(this);
    }

    /** Whether the elements lie row-major and back to back in the storage (then view() works). */
    public boolean isContiguous() {
        return contiguous;
    }

    /** The strides: how many storage elements one step along each axis moves (0 for an expanded axis). */
    public int[] strides() {
        return strides.clone();
    }

    /** Where element [0, ..., 0] lives in the storage. */
    public int storageOffset() {
        return offset;
    }

    /** Whether this tensor and {@code other} are views of the same storage. */
    public boolean sharesStorageWith(Tensor other) {
        return storage == other.storage;
    }

    /**
     * A view of this contiguous tensor's elements with the given shape, strides and offset, as
     * {@code torch.as_strided} (relative to this tensor): element [i, j] is flat element
     * {@code offset + i·strides[0] + j·strides[1]}. Differentiable.
     *
     * @throws IllegalArgumentException if a stride count differs from the rank, this tensor is not
     *     contiguous, or the view would reach outside this tensor's elements
     */
    public Tensor asStrided(int[] shape, int[] strides, int offset) {
        return AsStridedOp.asStrided(this, shape, strides, offset);
    }

    /** The tensor with a new axis of size 1 at {@code axis} (which may be {@code rank()}); a view. */
    public Tensor unsqueeze(int axis) {
        int ax = axis < 0 ? axis + rank() + 1 : axis;
        if (ax < 0 || ax > rank()) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " is out of range for shape " + shape);
        }
        return RestrideOp.unsqueeze(this, ax);
    }

    /** The tensor without {@code axis}, which must have size 1; a view. */
    public Tensor squeeze(int axis) {
        int ax = shape.axis(axis, "squeeze");
        if (shape.at(ax) != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " has size " + shape.at(ax) + ", not 1, in shape "
                    + shape);
        }
        return RestrideOp.squeeze(this, ax);
    }

    /**
     * The axes reordered: axis i of the result is axis {@code axes[i]} of this tensor.
     *
     * @throws IllegalArgumentException unless {@code axes} is a permutation of the axes
     */
    public Tensor permute(int... axes) {
        return PermuteOp.permute(this, axes);
    }

    /** The tensor with axes {@code a} and {@code b} swapped. */
    public Tensor transpose(int a, int b) {
        int[] perm = allAxes();
        int x = shape.axis(a, "transpose"), y = shape.axis(b, "transpose");
        perm[x] = y;
        perm[y] = x;
        return permute(perm);
    }

    /**
     * The tensor broadcast to {@code newShape} by NumPy's rules (size-1 axes stretch, new axes are
     * added in front; -1 keeps a size). Its backward sums the gradient back to this shape: the one
     * place where broadcasting's gradient is handled.
     *
     * @throws IllegalArgumentException if this shape does not broadcast to {@code newShape}
     */
    public Tensor expand(int... newShape) {
        int[] dims = newShape.clone();
        int offset = dims.length - rank();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1 && i >= offset) {
                dims[i] = shape.at(i - offset);
            }
        }
        return expandTo(Shape.of(dims));
    }

    Tensor expandTo(Shape target) {
        return ExpandOp.expandTo(this, target);
    }

    /**
     * {@code length} entries from {@code start} along {@code axis}, as {@code torch.narrow}: a
     * view.
     *
     * @throws IllegalArgumentException if the range is out of bounds
     */
    public Tensor narrow(int axis, int start, int length) {
        int n = shape.dim(axis);
        if (start < 0 || length < 0 || (long) start + length > n) {
            throw new IllegalArgumentException("narrow: start " + start + " and length " + length
                    + " do not fit axis " + axis + " of size " + n + " in shape " + shape);
        }
        return slice(axis, start, start + length);
    }

    /**
     * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}, a view;
     * negative bounds count from the end, as Python slices.
     *
     * @throws IllegalArgumentException if the bounds are out of range or reversed
     */
    public Tensor slice(int axis, int start, int end) {
        return SliceOp.slice(this, axis, start, end);
    }

    /**
     * The entries {@code indices} along {@code axis}, in that order (repeats allowed), as
     * {@code torch.index_select}.
     *
     * @throws IllegalArgumentException if an index is out of range
     */
    public Tensor indexSelect(int axis, int... indices) {
        return IndexSelectOp.indexSelect(this, axis, java.util.Arrays.stream(indices).asLongStream().toArray());
    }

    /**
     * The entries that the 1-D int64 {@code index} names along {@code axis}, as
     * {@code torch.index_select}.
     *
     * @throws IllegalArgumentException if the index is not a 1-D int64 tensor or an entry is out of range
     */
    public Tensor indexSelect(int axis, Tensor index) {
        if (index.dtype != DType.INT64 || index.rank() != 1) {
            throw new IllegalArgumentException("indexSelect: the index must be a 1-D int64 tensor, got " + index.dtype
                    + " " + index.shape + "; make it with Tensor.of(long...) or index.cast(DType.INT64)");
        }
        return IndexSelectOp.indexSelect(this, axis, index.toLongArray());
    }

    /**
     * Picks along {@code axis} the entries that the int64 {@code index} names, as
     * {@code torch.gather}: {@code out[i][j] = this[i][index[i][j]]} for axis 1. {@code index} has
     * this tensor's shape except along {@code axis}.
     *
     * @throws IllegalArgumentException for a non-int64 index, a mismatched shape or an index out of range
     */
    public Tensor gather(int axis, Tensor index) {
        return GatherOp.gather(this, axis, index);
    }

    /**
     * The tensors joined along an existing {@code axis}; their other sizes must agree.
     *
     * @throws IllegalArgumentException for no tensors or mismatched shapes
     */
    public static Tensor concat(int axis, Tensor... tensors) {
        return ConcatOp.concat(axis, tensors);
    }

    /**
     * The tensors, all of one shape, stacked along a new {@code axis}, as unsqueeze then concat.
     *
     * @throws IllegalArgumentException for no tensors or different shapes
     */
    public static Tensor stack(int axis, Tensor... tensors) {
        return ConcatOp.stack(axis, tensors);
    }

    // ================================================================ linear algebra

    /**
     * The matrix product, following {@code torch.matmul}: 1-D·1-D is a dot product; a 1-D first
     * (second) operand is a row (column) vector whose axis is removed afterwards; N-D operands are
     * stacks of matrices whose batch axes broadcast.
     *
     * <pre>{@code
     * Tensor.ones(2, 3).matmul(Tensor.ones(3, 4)).shape();        // [2, 4]
     * Tensor.ones(5, 1, 2, 3).matmul(Tensor.ones(7, 3, 4)).shape(); // [5, 7, 2, 4]
     * }</pre>
     *
     * @throws IllegalArgumentException for a scalar operand, different inner dimensions, or batch
     *     axes that do not broadcast
     */
    public Tensor matmul(Tensor other) {
        return MatMulOp.matmul(this, other);
    }

    /**
     * The affine map {@code this·weightᵀ + bias}, as {@code torch.nn.functional.linear}: this is
     * [..., in], {@code weight} is [out, in] (PyTorch's layout), {@code bias} is [out] or null; the
     * result is [..., out]. The same numbers as {@code matmul(weight.transpose(0, 1)).add(bias)},
     * computed without copying the transposed weight or the broadcast bias.
     *
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return LinearOp.linear(this, weight, bias);
    }


    // ================================================================ neural-network functions

    /**
     * exp(x_i) / Σ_j exp(x_j) along {@code axis}, computed as exp(x - max) / Σ exp(x - max) so that
     * nothing overflows (the max is a constant for the gradient; it cancels out).
     */
    public Tensor softmax(int axis) {
        return SoftmaxOp.softmax(this, axis);
    }

    /** log(softmax(x)) along {@code axis}, as (x - max) - log Σ exp(x - max): stable, no log(0). */
    public Tensor logSoftmax(int axis) {
        return SoftmaxOp.logSoftmax(this, axis);
    }


    // ================================================================ printing

    /**
     * PyTorch-style text: {@code tensor([[1.0000, 2.0000], [3.0000, 4.0000]], dtype=float64)}, one
     * row per line; the dtype is shown when not float32, the gradient function when there is one;
     * big tensors (over 1000 elements) show the first and last three entries of each axis and their
     * shape.
     */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ================================================================ operator names of Kotlin and Groovy
    // (issue 15) Kotlin maps a + b, a - b, a * b, a / b, -a onto plus, minus, times, div, unaryMinus;
    // Groovy maps them onto plus, minus, multiply, div, power (a ** b), negative. Each alias is the
    // method its Javadoc names, nothing more; div(Tensor) and div(double) are already Kotlin's names.

    /** {@link #add(Tensor)}: {@code a + b} in Kotlin and Groovy. */
    public Tensor plus(Tensor other) {
        return add(other);
    }

    /** {@link #add(double)}: {@code a + 2.0} in Kotlin and Groovy. */
    public Tensor plus(double other) {
        return add(other);
    }

    /** {@link #sub(Tensor)}: {@code a - b} in Kotlin and Groovy. */
    public Tensor minus(Tensor other) {
        return sub(other);
    }

    /** {@link #sub(double)}: {@code a - 2.0} in Kotlin and Groovy. */
    public Tensor minus(double other) {
        return sub(other);
    }

    /** {@link #mul(Tensor)}: {@code a * b} in Kotlin. */
    public Tensor times(Tensor other) {
        return mul(other);
    }

    /** {@link #mul(double)}: {@code a * 2.0} in Kotlin. */
    public Tensor times(double other) {
        return mul(other);
    }

    /** {@link #mul(Tensor)}: {@code a * b} in Groovy. */
    public Tensor multiply(Tensor other) {
        return mul(other);
    }

    /** {@link #mul(double)}: {@code a * 2} in Groovy. */
    public Tensor multiply(double other) {
        return mul(other);
    }

    /** {@link #pow(double)}: {@code a ** 2} in Groovy. */
    public Tensor power(double k) {
        return pow(k);
    }

    /** {@link #pow(Tensor)}: {@code a ** b} in Groovy. */
    public Tensor power(Tensor exponent) {
        return pow(exponent);
    }

    /** {@link #neg()}: {@code -a} in Kotlin. */
    public Tensor unaryMinus() {
        return neg();
    }

    /** {@link #neg()}: {@code -a} in Groovy. */
    public Tensor negative() {
        return neg();
    }
}
