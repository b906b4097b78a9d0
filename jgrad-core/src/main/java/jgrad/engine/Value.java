package jgrad.engine;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jgrad.optim.Parameter;

/**
 * One scalar in an expression graph: its value, its gradient, and the operation that made it.
 *
 * <p>This is micrograd's {@code Value} in Java. Every operation returns a new {@code Value} that
 * remembers its inputs; {@link #backward()} then applies the chain rule over the graph in reverse
 * topological order and leaves {@code d(root)/d(node)} in every node's {@link #grad()}.
 *
 * <pre>{@code
 * Value a = Value.of(-4.0, "a"), b = Value.of(2.0, "b");
 * Value c = a.add(b);                       // -2
 * Value d = a.mul(b).add(b.pow(3));         //  0
 * Value e = c.sub(d).pow(2);                //  4
 * e.backward();
 * a.grad();                                 // de/da = 2(c - d)(1 - b) = 4
 * }</pre>
 *
 * <p>The primitive operations and their derivatives live side by side in {@link Op}; {@code sub},
 * {@code div} and {@code neg} are compositions, exactly as in micrograd. Numbers are {@code double}
 * throughout and IEEE semantics apply, unless {@link AnomalyMode} is on, in which case the first
 * operation that produces a NaN or an infinity throws an {@link AnomalyException} naming it.
 *
 * <p>Node identity is reference identity: {@code equals} is not overridden. A {@code Value} is not
 * thread-safe: traversals mark the nodes they visit, so no two threads may build, backpropagate or
 * compile graphs that share any node at the same time (two graphs over one model's parameters
 * share the parameters). Graphs with no node in common can be used on different threads.
 *
 * <p><b>The creation tape.</b> Every node an operation creates is also appended to a tape kept per
 * thread, in creation order, which is a topological order: a node's operands exist before it.
 * {@link #backward()} on a node of the current tape walks the tape backwards from it instead of
 * sorting the graph (docs/design-notes.md, "Backward over the creation tape"). The tape is
 * emptied by every {@code backward()}, when it reaches 2^20 nodes, and at the second garbage
 * collection since it was last emptied, so it never keeps more than 2^20 nodes, nor a dropped
 * graph for longer than two collections.
 */
public final class Value implements Parameter {
    /**
     * Counts traversals, two stamps each. A {@code long}: at 2 per traversal it does not wrap in
     * centuries, so a node's old mark can never equal a new traversal's stamp (an {@code int}
     * wrapped after 2^31 traversals, a few hours of a small training loop).
     */
    private static final AtomicLong TRAVERSALS = new AtomicLong();
    private static final Op[] OPS = Op.values();
    /** The low bits of {@link #state} that hold the op's ordinal. */
    private static final int OP_BITS = 4;
    private static final long OP_MASK = (1L << OP_BITS) - 1;
    /** Sort buffers kept per thread between backward calls up to this many nodes (4 MiB each). */
    private static final int KEEP_BUFFER = 1 << 20;
    private static final ThreadLocal<SortBuffers> BUFFERS = ThreadLocal.withInitial(SortBuffers::new);
    /** The traversal stamp's bits of {@link #state}. */
    private static final long STAMP_MASK = ~OP_MASK;
    /** One step of the traversal stamp in {@link #state}: a stamp's partner (entered/done, on tape/reached). */
    private static final long STAMP_ONE = 1L << OP_BITS;
    /**
     * Counts depth-first sorts, on any thread. A sort overwrites the stamps of the nodes it visits,
     * which may be nodes of some thread's tape; a tape whose nodes may have been visited since it
     * was started is not walked ({@link Tape#sorts}).
     */
    private static final AtomicLong SORTS = new AtomicLong();

    // NOTE: 48 bytes a node with compressed oops (12 header + 8 + 8 + 8 + 4 + 4 + 4). The op and the
    // traversal stamp share one long, and the rare label and pow exponent live in one side object,
    // so a node of a big graph costs 48 bytes instead of 64 (docs/design-notes.md, "The learner's loop").
    double data;
    double grad;
    /** The traversal stamp (the high 60 bits) and the op's ordinal (the low 4 bits). */
    private long state;
    /** Operands in order; {@code b} is null for unary ops and leaves. */
    final Value a;
    final Value b;
    /** null, the label (a String), or an {@link Extra} for a pow node (its exponent and any label). */
    private Object extra;

    static {
        if (OPS.length > OP_MASK + 1 || Op.LEAF.ordinal() != 0) {
            throw new AssertionError("Value packs the op's ordinal into " + OP_BITS + " bits; LEAF must be 0");
        }
    }

    private Value(double data, Op op, Value a, Value b) {
        this.data = data;
        this.state = op.ordinal();
        this.a = a;
        this.b = b;
    }

    /** A node made by an operation on this thread: stamped as its tape's and recorded on it. */
    private Value(double data, int op, Value a, Value b, Tape tape) {
        this.data = data;
        this.state = tape.stamp | op;
        this.a = a;
        this.b = b;
        tape.add(this);
    }

    /** The constant exponent of a {@link Op#POW_CONST} node, and a label set on it. */
    private static final class Extra {
        final double exponent;
        String label;

        Extra(double exponent) {
            this.exponent = exponent;
        }
    }

    /** The DFS stack and the order of {@link #sort}, kept per thread so that a step allocates none. */
    private static final class SortBuffers {
        Value[] stack = new Value[64];
        Value[] topo = new Value[64];
        /** How deep the stack went in the last sort: the slots to clear. */
        int stackUsed;
    }

    /**
     * The thread's creation tape: the nodes made by operations on this thread since the tape was
     * last emptied, in creation order, in young chunks (a chunk is never reused, so that storing a
     * young node into it stays on G1's cheap barrier path). Every node on it carries the tape's
     * {@link #stamp} in its state until a walk marks it {@code stamp + STAMP_ONE} (reached).
     *
     * <p>Why a walk from a root on the tape is backpropagation: creation order is topological, so
     * every user of a node sits after it; the walk visits positions from the root's down and pushes
     * a node's gradient only when the node is reached (the root, or an operand of a reached node),
     * so when it is visited all its users among the root's ancestors have pushed into it. That
     * needs every inner operand of a reached node to be on the tape with the tape's stamp: checked
     * for each new node's operands as it is recorded ({@link #taintedFrom}), and no sort may have
     * rewritten stamps since ({@link #sorts}). Anything else, and {@link Value#backward()} sorts.
     */
    static final class Tape {
        /** The most nodes a tape holds: beyond, it starts afresh (and a root before that sorts). */
        static final int CAP = 1 << 20;
        static final int FIRST_CHUNK = 64;
        static final int MAX_CHUNK = 8192;
        private static final ThreadLocal<Tape> TAPES = ThreadLocal.withInitial(() -> new Tape(Thread.currentThread()));
        /**
         * The last tape looked up, so that recording a node costs a field load and a comparison with
         * {@code Thread.currentThread()} rather than a {@code ThreadLocal} lookup. Read and written
         * racily on purpose: {@link #owner} is final, so a thread sees another's tape with its owner
         * and then looks its own up.
         */
        private static Tape last = new Tape(null);

        final Thread owner;
        /** The tape's stamp (in {@link Value#state}'s layout); {@code stamp + STAMP_ONE} marks reached nodes. */
        long stamp;
        /** {@link Value#SORTS} when the tape was started. */
        long sorts;
        /** The position of the first node recorded with an inner operand not on the tape, or -1. */
        int taintedFrom;
        Value[][] chunks;
        /** The position of each chunk's first node. */
        int[] starts;
        /** Chunks in use; the last is {@link #chunk}. */
        int count;
        Value[] chunk;
        /** Nodes in {@link #chunk}. */
        int fill;
        /** A young object no one references: cleared by the next garbage collection. */
        WeakReference<Object> sentinel;
        /** Whether one collection has run since the tape was started. */
        boolean collected;
        /** For tests and benchmarks: this thread's backward calls that walked the tape, and that sorted. */
        long walks;
        long backwardSorts;

        Tape(Thread owner) {
            this.owner = owner;
            reset();
        }

        /** This thread's tape. */
        static Tape current() {
            Tape t = last;
            if (t.owner != Thread.currentThread()) {
                t = TAPES.get();
                last = t;
            }
            return t;
        }

        /** For tests and for {@link Value#releaseTape()}: this thread's tape, emptied. */
        static void clearCurrent() {
            current().reset();
        }

        /**
         * Appends a node just made by an operation, stamped with this tape's stamp (restamped if the
         * tape starts afresh here).
         */
        private void add(Value v) {
            if (fill == chunk.length) {
                nextChunk();
                v.state = stamp | (v.state & OP_MASK);
            }
            long s = stamp;
            Value a = v.a;
            Value b = v.b;
            if (a.a != null && (a.state & STAMP_MASK) != s || b != null && b.a != null && (b.state & STAMP_MASK) != s) {
                // an inner operand from elsewhere (another thread, an earlier tape, a sort since):
                // a walk from here on would miss its ancestors
                if (taintedFrom < 0) {
                    taintedFrom = starts[count - 1] + fill;
                }
            }
            chunk[fill++] = v;
        }

        private void nextChunk() {
            int next = starts[count - 1] + chunk.length;
            if (next >= CAP || collectedTwice()) {
                reset();
                return;
            }
            if (count == chunks.length) {
                chunks = Arrays.copyOf(chunks, count * 2);
                starts = Arrays.copyOf(starts, count * 2);
            }
            chunk = new Value[Math.min(chunk.length * 2, MAX_CHUNK)];
            chunks[count] = chunk;
            starts[count] = next;
            count++;
            fill = 0;
        }

        /** Whether two garbage collections have run since the tape was started (checked per chunk). */
        private boolean collectedTwice() {
            if (!sentinel.refersTo(null)) {
                return false;
            }
            if (collected) {
                return true;
            }
            collected = true;
            sentinel = new WeakReference<>(new Object());
            return false;
        }

        /** Empties the tape: new chunks, a new stamp, so no node recorded before is on it. */
        void reset() {
            stamp = nextStamp() << OP_BITS;
            sorts = SORTS.get();
            taintedFrom = -1;
            chunk = new Value[FIRST_CHUNK];
            chunks = new Value[8][];
            starts = new int[8];
            chunks[0] = chunk;
            count = 1;
            fill = 0;
            sentinel = new WeakReference<>(new Object());
            collected = false;
        }

        /** The number of nodes on the tape. */
        int size() {
            return starts[count - 1] + fill;
        }

        /**
         * Where {@code root} is: its chunk's index times 2^32 plus its index in the chunk; -1 if the
         * tape cannot be walked from it (not on it, a sort since, a tainted node at or before it).
         */
        private long locate(Value root) {
            if (root.a == null || (root.state & STAMP_MASK) != stamp || SORTS.get() != sorts) {
                return -1;
            }
            Value[][] cs = chunks;
            for (int ci = count - 1, k = fill - 1; ci >= 0; ci--) {
                Value[] c = cs[ci];
                for (; k >= 0; k--) {
                    if (c[k] == root) {
                        return taintedFrom >= 0 && taintedFrom <= starts[ci] + k ? -1 : (long) ci << 32 | k;
                    }
                }
                if (ci > 0) {
                    k = cs[ci - 1].length - 1;
                }
            }
            return -1;
        }

        /**
         * Backpropagates from {@code root} over the tape if it can; false, having changed nothing,
         * if it cannot. The caller empties the tape afterwards.
         */
        boolean backward(Value root) {
            long where = locate(root);
            if (where < 0) {
                return false;
            }
            long reached = stamp + STAMP_ONE;
            root.state = reached | (root.state & OP_MASK);
            root.grad = 1;                 // NOTE: an inner root's gradient is reset, then seeded
            Value[][] cs = chunks;
            int k = (int) where;
            for (int ci = (int) (where >>> 32); ci >= 0; ci--) {
                Value[] c = cs[ci];
                for (; k >= 0; k--) {
                    Value v = c[k];
                    long vs = v.state;
                    if ((vs & STAMP_MASK) == reached) {
                        int op = (int) (vs & OP_MASK);
                        // NOTE: one dispatch on the op, then push with the op a constant, so that
                        // the JIT folds Op's switches into straight-line code for the ops of an MLP
                        switch (op) {
                            case Op.I_ADD: push2(v, Op.I_ADD, reached); break;
                            case Op.I_MUL: push2(v, Op.I_MUL, reached); break;
                            case Op.I_RELU: push1(v, Op.I_RELU, reached); break;
                            case Op.I_TANH: push1(v, Op.I_TANH, reached); break;
                            default: push(v, op, reached); break;
                        }
                    }
                }
                if (ci > 0) {
                    k = cs[ci - 1].length - 1;
                }
            }
            return true;
        }

        /** {@link #push} for a binary op. */
        private static void push2(Value v, int op, long reached) {
            Value a = v.a;
            Value b = v.b;
            double g = v.grad;
            double out = v.data;
            double ad = a.data;
            double bd = b.data;
            accumulate(a, Op.gradA(op, ad, bd, out, g), reached);
            accumulate(b, Op.gradB(op, ad, bd, out, g), reached);
        }

        /** {@link #push} for a unary op other than {@code pow(double)}. */
        private static void push1(Value v, int op, long reached) {
            Value a = v.a;
            accumulate(a, Op.gradA(op, a.data, 0, v.data, v.grad), reached);
        }

        /** The chain rule at a reached node: its contributions into its operands, marking them reached. */
        private static void push(Value v, int op, long reached) {
            Value a = v.a;
            Value b = v.b;
            double g = v.grad;
            double out = v.data;
            double ad = a.data;
            if (b != null) {
                double bd = b.data;
                accumulate(a, Op.gradA(op, ad, bd, out, g), reached);
                accumulate(b, Op.gradB(op, ad, bd, out, g), reached);
            } else {
                accumulate(a, Op.gradA(op, ad, op == Op.I_POW_CONST ? v.exponent() : 0, out, g), reached);
            }
        }

        /**
         * Adds {@code d} into {@code x}'s gradient. A leaf accumulates across calls; an inner node
         * reached for the first time starts from 0 (0.0 + d, as backward's reset and {@code +=}).
         */
        private static void accumulate(Value x, double d, long reached) {
            long xs = x.state;
            if ((xs & OP_MASK) == 0 || (xs & STAMP_MASK) == reached) {
                x.grad += d;
            } else {
                x.state = reached | (xs & OP_MASK);
                x.grad = 0.0 + d;
            }
        }

        /**
         * The graph below {@code root} in creation order, its leaves first (in the order they are
         * met from the root down), or null if the tape cannot be walked from it. Marks the nodes it
         * returns; the caller empties the tape afterwards.
         */
        Value[] order(Value root) {
            long where = locate(root);
            if (where < 0) {
                return null;
            }
            long reached = stamp + STAMP_ONE;
            root.state = reached | (root.state & OP_MASK);
            Value[] inner = new Value[64];
            Value[] leaves = new Value[16];
            int n = 0;
            int l = 0;
            Value[][] cs = chunks;
            int k = (int) where;
            for (int ci = (int) (where >>> 32); ci >= 0; ci--) {
                Value[] c = cs[ci];
                for (; k >= 0; k--) {
                    Value v = c[k];
                    if ((v.state & STAMP_MASK) != reached) {
                        continue;
                    }
                    if (n == inner.length) {
                        inner = Arrays.copyOf(inner, n * 2);
                    }
                    inner[n++] = v;
                    for (int operand = 0; operand < 2; operand++) {
                        Value x = operand == 0 ? v.a : v.b;
                        if (x != null && (x.state & STAMP_MASK) != reached) {
                            x.state = reached | (x.state & OP_MASK);
                            if (x.a == null) {
                                if (l == leaves.length) {
                                    leaves = Arrays.copyOf(leaves, l * 2);
                                }
                                leaves[l++] = x;
                            }
                        }
                    }
                }
                if (ci > 0) {
                    k = cs[ci - 1].length - 1;
                }
            }
            Value[] order = Arrays.copyOf(leaves, l + n);
            for (int i = 0; i < n; i++) {
                order[l + i] = inner[n - 1 - i];
            }
            return order;
        }
    }

    /**
     * Empties this thread's creation tape, so that it no longer keeps the nodes made since the
     * last {@link #backward()} reachable. Never needed for correctness, and rarely for memory: the
     * tape holds at most 2^20 nodes and empties itself at the second garbage collection after it
     * was started. Code that builds graphs it never backpropagates (predictions in a loop) may call
     * it to let them go at once; a {@code backward()} on a node made before the call sorts.
     */
    public static void releaseTape() {
        Tape.clearCurrent();
    }

    /** For tests: the number of nodes on this thread's tape. */
    static int tapeSize() {
        return Tape.current().size();
    }

    /**
     * For tests and benchmarks: how many {@link #backward()} calls on this thread walked the
     * creation tape ({@code [0]}) and how many sorted the graph ({@code [1]}).
     */
    public static long[] backwardCounts() {
        Tape t = Tape.current();
        return new long[] {t.walks, t.backwardSorts};
    }

    /** The op that made this node. */
    Op kind() {
        return OPS[(int) (state & OP_MASK)];
    }

    /** The constant exponent of {@link Op#POW_CONST}; 0 for every other op. */
    double exponent() {
        return extra instanceof Extra e ? e.exponent : 0;
    }

    // ---------------------------------------------------------------- factories and accessors

    /** A leaf holding {@code data}, with gradient 0 and no label. */
    public static Value of(double data) {
        return new Value(data, Op.LEAF, null, null);
    }

    /** A leaf holding {@code data}, labelled for printing and graph drawings. */
    public static Value of(double data, String label) {
        return of(data).label(label);
    }

    /** The number this node holds. */
    public double data() {
        return data;
    }

    /** d(root)/d(this) after {@link #backward()} on some root; 0 before. */
    public double grad() {
        return grad;
    }

    /** The label given with {@link #of(double, String)} or {@link #label(String)}; "" if none. */
    public String label() {
        String label = extra instanceof Extra e ? e.label : (String) extra;
        return label == null ? "" : label;
    }

    /**
     * The name of the operation that made this node: {@code "+"}, {@code "*"}, {@code "**2"},
     * {@code "exp"}, {@code "log"}, {@code "tanh"}, {@code "ReLU"}, {@code "sigmoid"}; "" for a leaf.
     */
    public String op() {
        Op op = kind();
        return op == Op.POW_CONST ? op.symbol + formatNumber(exponent()) : op.symbol;
    }

    /** Whether this node is a leaf (an input or a parameter), not the result of an operation. */
    public boolean isLeaf() {
        return (state & OP_MASK) == 0;
    }

    /**
     * The operands of the operation that made this node, in operand order; {@code x.mul(x)} has
     * {@code x} twice. Empty for a leaf. The constant exponent of {@link #pow(double)} is not a
     * child, as in micrograd.
     */
    public List<Value> children() {
        if (a == null) {
            return List.of();
        }
        return b == null ? List.of(a) : List.of(a, b);
    }

    /** Replaces the number this node holds, as an optimizer does with a parameter. */
    public void setData(double data) {
        this.data = data;
    }

    /** Sets the label and returns this node, so that {@code a.mul(b).label("e")} reads well. */
    public Value label(String label) {
        if (extra instanceof Extra e) {
            e.label = label;
        } else {
            extra = label;
        }
        return this;
    }

    /** Sets this node's gradient to 0. */
    @Override
    public void zeroGrad() {
        this.grad = 0;
    }

    /** For optimizers ({@link Parameter}): a {@code Value} is one scalar. */
    @Override
    public int scalarCount() {
        return 1;
    }

    /** For optimizers ({@link Parameter}): copies {@code data} and {@code grad} to {@code offset}. */
    @Override
    public void readScalars(double[] values, double[] grads, int offset) {
        values[offset] = data;
        grads[offset] = grad;
    }

    /** For optimizers ({@link Parameter}): sets {@code data} from {@code values[offset]}. */
    @Override
    public void writeScalars(double[] values, int offset) {
        data = values[offset];
    }

    // ---------------------------------------------------------------- primitive operations

    /** {@code this + other}. */
    public Value add(Value other) {
        return apply(Op.ADD, this, other);
    }

    /** {@code this * other}. */
    public Value mul(Value other) {
        return apply(Op.MUL, this, other);
    }

    /** {@code this ** k} for a constant {@code k}; the gradient flows into {@code this} only. */
    public Value pow(double k) {
        Value out = new Value(Op.forward(Op.I_POW_CONST, data, k), Op.I_POW_CONST, this, null, Tape.current());
        out.extra = new Extra(k);
        return check(out);
    }

    /**
     * {@code this ** exponent}, differentiable in both: d/d(exponent) = out·ln(this), which is NaN
     * for a negative base (use {@link #pow(double)} when the exponent is a constant).
     */
    public Value pow(Value exponent) {
        return apply(Op.POW, this, exponent);
    }

    /** e to the power of this. */
    public Value exp() {
        return apply(Op.EXP, this, null);
    }

    /** The natural logarithm; -Infinity at 0 and NaN below. */
    public Value log() {
        return apply(Op.LOG, this, null);
    }

    /** The hyperbolic tangent; saturates to ±1 for large inputs instead of overflowing. */
    public Value tanh() {
        return apply(Op.TANH, this, null);
    }

    /** max(0, this); its gradient at exactly 0 is 0, as in micrograd. */
    public Value relu() {
        return apply(Op.RELU, this, null);
    }

    /** The logistic function 1 / (1 + e^-x), computed without overflow for any input. */
    public Value sigmoid() {
        return apply(Op.SIGMOID, this, null);
    }

    // ---------------------------------------------------------------- compositions (as in micrograd)

    /** {@code this + other}. */
    public Value add(double other) {
        return add(of(other));
    }

    /** {@code this * other}. */
    public Value mul(double other) {
        return mul(of(other));
    }

    /** {@code -this}, as {@code this * -1}. */
    public Value neg() {
        return mul(-1);
    }

    /** {@code this - other}, as {@code this + (-other)}. */
    public Value sub(Value other) {
        return add(other.neg());
    }

    /** {@code this - other}, as {@code this + (-other)}: one constant, as micrograd builds it. */
    public Value sub(double other) {
        return add(-other);
    }

    /** {@code this / other}, as {@code this * other ** -1}. */
    public Value div(Value other) {
        return mul(other.pow(-1));
    }

    /** {@code this / other}. */
    public Value div(double other) {
        return div(of(other));
    }

    private static Value apply(Op op, Value a, Value b) {
        int code = op.ordinal();
        double out = Op.forward(code, a.data, b == null ? 0 : b.data);
        return check(new Value(out, code, a, b, Tape.current()));
    }

    private static Value check(Value out) {
        if (AnomalyMode.enabled) {
            checkForward(out);
        }
        return out;
    }

    /** AnomalyMode's forward check: a non-finite leaf operand is named first, then the result. */
    static void checkForward(Value out) {
        checkLeaf(out.a, out);
        checkLeaf(out.b, out);
        if (!Double.isFinite(out.data)) {
            throw AnomalyException.inForward(out);
        }
    }

    /** Throws if {@code v} is a leaf whose data is NaN or infinite; {@code user} is an op reading it. */
    static void checkLeaf(Value v, Value user) {
        if (v != null && v.isLeaf() && !Double.isFinite(v.data)) {
            throw AnomalyException.inLeaf(v, user);
        }
    }

    // ---------------------------------------------------------------- backpropagation

    /**
     * Backpropagates from this node: afterwards every node's {@link #grad()} holds
     * d(this)/d(node).
     *
     * <p>As in micrograd, the root's gradient is seeded with 1 and every contribution is added with
     * {@code +=}, so a value used twice receives both contributions. The graph is walked once in
     * reverse topological order: the reverse of creation order when this node is on the thread's
     * creation tape (it was made on this thread since the last {@code backward()}), otherwise
     * {@link #topologicalOrder()}'s order, which is sorted iteratively (any depth works on the
     * default thread stack). Both are deterministic; they add a node's contributions in different
     * orders, so gradients summed from three or more uses may differ in the last bits.
     *
     * <p><b>Calling it twice.</b> The gradients of leaves (inputs and parameters) accumulate across
     * calls, as in PyTorch: two calls leave twice the gradient. Call {@link #zeroGrad()} on the
     * parameters between training steps. The gradients of intermediate nodes are reset at the start
     * of each call, so they always show the latest pass.
     *
     * @throws AnomalyException in {@link AnomalyMode} when a gradient becomes NaN or infinite
     */
    public void backward() {
        Tape tape = Tape.current();
        try {
            if (!AnomalyMode.enabled && tape.backward(this)) {
                tape.walks++;
                return;
            }
            tape.backwardSorts++;
            backwardBySort();
        } finally {
            // NOTE: every backward empties the tape, so that it keeps no graph alive past its use;
            // a second backward over this graph finds its root off the new tape and sorts
            tape.reset();
        }
    }

    /** backward() by a depth-first sort of the graph: for roots off the tape, and in AnomalyMode. */
    private void backwardBySort() {
        // NOTE: the sort buffers are the thread's own and reused, so a step allocates nothing here;
        // the sort also zeroes the inner gradients, so the walk below is the only other pass.
        SortBuffers buffers = BUFFERS.get();
        int n = sort(this, buffers, true);
        Value[] topo = buffers.topo;
        try {
            grad += 1;
            if (AnomalyMode.enabled) {
                checkLeaves(topo, n);
                for (int i = n - 1; i >= 0; i--) {
                    Value v = topo[i];
                    if (v.a != null) {
                        v.propagate();
                        checkGradients(v);
                    }
                }
            } else {
                for (int i = n - 1; i >= 0; i--) {
                    Value v = topo[i];
                    if (v.a != null) {
                        v.propagate();
                    }
                }
            }
        } finally {
            release(buffers, n);
        }
    }

    /** The chain rule at this node: adds its op's local contributions into its operands' grads. */
    private void propagate() {
        Op op = kind();
        Value b = this.b;
        if (b != null) {
            double bd = b.data;
            a.grad += op.gradA(a.data, bd, data, grad);
            b.grad += op.gradB(a.data, bd, data, grad);
        } else {
            a.grad += op.gradA(a.data, op == Op.POW_CONST ? exponent() : 0, data, grad);
        }
    }

    /**
     * Every node of the graph below this one, each once, inputs before the nodes that use them; this
     * node is last. This is micrograd's {@code build_topo} order, which {@link #backward()} walks in
     * reverse when this node is not on the thread's creation tape.
     */
    public List<Value> topologicalOrder() {
        return Collections.unmodifiableList(Arrays.asList(topologicalArray(this)));
    }

    /** The topological order as a new array of exactly the graph's size; grads are left alone. */
    static Value[] topologicalArray(Value root) {
        SortBuffers buffers = BUFFERS.get();
        int n = sort(root, buffers, false);
        try {
            return Arrays.copyOf(buffers.topo, n);
        } finally {
            release(buffers, n);
        }
    }

    /**
     * The order {@link CompiledGraph} replays: the leaves first, then the inner nodes in the order
     * {@link #backward()} would walk them in reverse (creation order for a root on the tape, the
     * sorted order otherwise), so that a replay adds every contribution in the rebuild's order.
     */
    static Value[] compileOrder(Value root) {
        Tape tape = Tape.current();
        try {
            Value[] order = tape.order(root);
            if (order != null) {
                return order;
            }
            Value[] topo = topologicalArray(root);
            order = new Value[topo.length];
            int l = 0;
            for (Value v : topo) {
                if (v.a == null) {
                    order[l++] = v;
                }
            }
            for (Value v : topo) {
                if (v.a != null) {
                    order[l++] = v;
                }
            }
            return order;
        } finally {
            tape.reset();   // the walk marked the nodes, or the sort rewrote their stamps
        }
    }

    /** Clears the references the sort left in the thread's buffers, and drops buffers grown huge. */
    private static void release(SortBuffers buffers, int n) {
        if (buffers.topo.length > KEEP_BUFFER || buffers.stack.length > KEEP_BUFFER) {
            BUFFERS.remove();
            return;
        }
        Arrays.fill(buffers.topo, 0, n, null);
        Arrays.fill(buffers.stack, 0, buffers.stackUsed, null); // empty now, but its slots still name nodes
    }

    /**
     * Iterative depth-first post-order: the same order as micrograd's recursive {@code build_topo},
     * with an explicit stack. Writes the order into {@code buffers.topo} (both buffers are grown as
     * needed) and returns the number of nodes; the root is
     * last. Each traversal takes two fresh stamps: a node's stamp is {@code entered} while its
     * operands are being visited and {@code done} once it is in the order. A node popped while
     * {@code entered} has all its operands done (in a DAG no node is its own operand), so the stack
     * needs no separate "leaving" flag. With {@code zeroInner}, each inner node's gradient is set to
     * 0 as it is placed: backward's reset without a pass of its own.
     */
    private static int sort(Value root, SortBuffers buffers, boolean zeroInner) {
        SORTS.incrementAndGet();
        long entered = nextStamp() << OP_BITS;
        long done = entered + (1L << OP_BITS);
        Value[] stack = buffers.stack;
        Value[] topo = buffers.topo;
        int sp = 0;
        int deepest = 0;
        int n = 0;
        stack[sp++] = root;
        while (sp > 0) {
            Value v = stack[--sp];
            long state = v.state;
            long stamp = state & ~OP_MASK;
            if (stamp == entered) {
                v.state = done | (state & OP_MASK);
                if (zeroInner && v.a != null) {
                    v.grad = 0;
                }
                if (n == topo.length) {
                    topo = buffers.topo = Arrays.copyOf(topo, n * 2);
                }
                topo[n++] = v;
            } else if (stamp != done) {
                Value a = v.a;
                Value b = v.b;
                boolean aDone = a == null || (a.state & ~OP_MASK) == done;
                boolean bDone = b == null || (b.state & ~OP_MASK) == done;
                if (aDone && bDone) {
                    // NOTE: a leaf, or a node whose operands are already placed (a weight times an
                    // earlier layer's output): it would be popped again at once, so place it now
                    v.state = done | (state & OP_MASK);
                    if (zeroInner && a != null) {
                        v.grad = 0;
                    }
                    if (n == topo.length) {
                        topo = buffers.topo = Arrays.copyOf(topo, n * 2);
                    }
                    topo[n++] = v;
                    continue;
                }
                v.state = entered | (state & OP_MASK);
                if (sp + 3 > stack.length) {
                    stack = buffers.stack = Arrays.copyOf(stack, stack.length * 2);
                }
                stack[sp++] = v;
                // push b before a so that a's subtree is finished first, as in the recursive version
                if (!bDone) {
                    stack[sp++] = b;
                }
                if (!aDone) {
                    stack[sp++] = a;
                }
                deepest = Math.max(deepest, sp);
            }
        }
        buffers.stackUsed = Math.max(deepest, 1);
        // NOTE: the sort may have rewritten the stamps of nodes on this thread's tape, which can no
        // longer be walked; starting it afresh lets the next graph built here use it (a sort on
        // another thread only invalidates this tape, through SORTS, until the next backward)
        Tape.clearCurrent();
        return n;
    }

    /**
     * A fresh even stamp, never 0 (the stamp of a node never visited); stamp + 1 is odd. Shifted
     * into the high 60 bits of a node's state it still cannot wrap: 2^59 traversals is centuries.
     */
    private static long nextStamp() {
        return TRAVERSALS.addAndGet(2);
    }

    /** For tests: advances the traversal counter as if {@code traversals} traversals had run. */
    static void skipTraversals(long traversals) {
        TRAVERSALS.addAndGet(2 * traversals);
    }

    /**
     * AnomalyMode's check of the leaves before backpropagation: their data may have changed since
     * the graph was built (an optimizer's update), and the local derivatives read it.
     */
    static void checkLeaves(Value[] topo, int n) {
        for (int i = 0; i < n; i++) {
            Value v = topo[i];
            if (v.a != null) {
                checkLeaf(v.a, v);
                checkLeaf(v.b, v);
            } else {
                checkLeaf(v, null);
            }
        }
    }

    private static void checkGradients(Value out) {
        if (out.a != null && !Double.isFinite(out.a.grad)
                || out.b != null && !Double.isFinite(out.b.grad)) {
            throw AnomalyException.inBackward(out);
        }
    }

    // ---------------------------------------------------------------- the lecture's manual backprop

    /**
     * Sets this node's gradient, as the lecture's {@code L.grad = 1.0} does before it backpropagates
     * by hand with {@link #backwardStep()}.
     */
    public void setGrad(double grad) {
        this.grad = grad;
    }

    /**
     * The lecture's {@code _backward()}: the chain rule at this one node. It adds this node's
     * {@link #grad()}, times the local derivative of its operation, into each operand's gradient
     * with {@code +=}; it resets nothing. A leaf has nothing to push and is left alone.
     *
     * <p>By hand, as in the lecture: {@code L.setGrad(1)}, then {@code L.backwardStep()},
     * {@code d.backwardStep()}, {@code e.backwardStep()}; or walk {@link #topologicalOrder()} from
     * its end. {@link #backward()} does that walk, after resetting the intermediate gradients and
     * seeding the root with 1.
     *
     * @throws AnomalyException in {@link AnomalyMode} when a gradient becomes NaN or infinite
     */
    public void backwardStep() {
        if (a != null) {
            propagate();
            if (AnomalyMode.enabled) {
                checkGradients(this);
            }
        }
    }

    // ---------------------------------------------------------------- operator names of Kotlin and Groovy
    // Kotlin maps a + b, a - b, a * b, a / b, -a, +a onto plus, minus, times, div, unaryMinus,
    // unaryPlus; Groovy maps a + b, a - b, a * b, a / b, a ** b, -a, +a onto plus, minus, multiply,
    // div, power, negative, positive. Each alias is the method named in its Javadoc, nothing more.

    /** {@link #add(Value)}: {@code a + b} in Kotlin and Groovy. */
    public Value plus(Value other) {
        return add(other);
    }

    /** {@link #add(double)}: {@code a + 2.0} in Kotlin and Groovy. */
    public Value plus(double other) {
        return add(other);
    }

    /** {@link #sub(Value)}: {@code a - b} in Kotlin and Groovy. */
    public Value minus(Value other) {
        return sub(other);
    }

    /** {@link #sub(double)}: {@code a - 2.0} in Kotlin and Groovy. */
    public Value minus(double other) {
        return sub(other);
    }

    /** {@link #mul(Value)}: {@code a * b} in Kotlin. */
    public Value times(Value other) {
        return mul(other);
    }

    /** {@link #mul(double)}: {@code a * 2.0} in Kotlin. */
    public Value times(double other) {
        return mul(other);
    }

    /** {@link #mul(Value)}: {@code a * b} in Groovy. */
    public Value multiply(Value other) {
        return mul(other);
    }

    /** {@link #mul(double)}: {@code a * 2} in Groovy. */
    public Value multiply(double other) {
        return mul(other);
    }

    /** {@link #pow(double)}: {@code a ** 2} in Groovy. */
    public Value power(double k) {
        return pow(k);
    }

    /** {@link #pow(Value)}: {@code a ** b} in Groovy. */
    public Value power(Value exponent) {
        return pow(exponent);
    }

    /** {@link #neg()}: {@code -a} in Kotlin. */
    public Value unaryMinus() {
        return neg();
    }

    /** {@code +a} in Kotlin: this node itself, as Python's unary plus of a number. */
    public Value unaryPlus() {
        return this;
    }

    /** {@link #neg()}: {@code -a} in Groovy. */
    public Value negative() {
        return neg();
    }

    /** {@code +a} in Groovy: this node itself. */
    public Value positive() {
        return this;
    }

    // ---------------------------------------------------------------- printing

    /** {@code Value(data=2.0, grad=0.0)}, or {@code Value(label=a, data=2.0, grad=0.0)}. */
    @Override
    public String toString() {
        String label = label();
        String prefix = label.isEmpty() ? "" : "label=" + label + ", ";
        return "Value(" + prefix + "data=" + data + ", grad=" + grad + ")";
    }

    /** A short description for error messages: the label if any, the op, and the data. */
    String describe() {
        StringBuilder s = new StringBuilder();
        if (!label().isEmpty()) {
            s.append(label()).append(' ');
        }
        s.append(isLeaf() ? "leaf" : "'" + op() + "'").append(" data=").append(data);
        return s.toString();
    }

    /** Formats an integral double without ".0", as Python prints an int exponent. */
    static String formatNumber(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }
}
