package jgrad.engine;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
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
    private static final Op[] OPS = Op.values();
    /** The low bits of {@link #state} that hold the op's ordinal. */
    private static final int OP_BITS = 4;
    private static final int OP_MASK = (1 << OP_BITS) - 1;
    /** The sort's marks: operands being visited, placed in the order. Cleared when the sort ends. */
    private static final int ENTERED = 1 << 4;
    private static final int DONE = 1 << 5;
    private static final int SORT_MARKS = ENTERED | DONE;
    /** The tape walk's mark: reached from the root. A node is walked once, so it is never cleared. */
    private static final int REACHED = 1 << 6;
    /** Where the position of an inner node on its thread's tape starts in {@link #state}. */
    private static final int POS_SHIFT = 7;
    /** Sort buffers kept per thread between backward calls up to this many nodes (4 MiB each). */
    private static final int KEEP_BUFFER = 1 << 20;
    private static final ThreadLocal<SortBuffers> BUFFERS = ThreadLocal.withInitial(SortBuffers::new);
    /**
     * Labels, which few nodes have (the lecture's small graphs), beside the graph instead of in every
     * node; weak keys (node identity: {@code equals} is not overridden), so a label keeps no node alive.
     */
    private static final Map<Value, String> LABELS = Collections.synchronizedMap(new WeakHashMap<>());

    // NOTE: 40 bytes a node with compressed oops (12 header + 8 + 8 + 4 + 4 + 4). The op, the marks
    // of the sort and of the tape walk, and the tape position share one int; the rare label lives in
    // LABELS and pow(double)'s exponent in a leaf in b, so a node of a big graph costs 40 bytes, not
    // 48 (docs/design-notes.md, "Backward over the creation tape").
    double data;
    double grad;
    /** The op's ordinal (bits 0-3), the sort's marks (4, 5), the walk's mark (6), the tape position (7-31). */
    private int state;
    /** The first operand; null for leaves. */
    final Value a;
    /**
     * The second operand, null for unary ops and leaves; for a {@link Op#POW_CONST} node, a leaf
     * holding the constant exponent, which is not an operand ({@link #operandB()}).
     */
    final Value b;

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

    /** A node made by an operation on this thread: recorded on the thread's tape, and its position kept. */
    private Value(double data, int op, Value a, Value b, Tape tape) {
        this.data = data;
        this.a = a;
        this.b = b;
        this.state = tape.add(this) << POS_SHIFT | op;
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
     * young node into it stays on G1's cheap barrier path). Every node on it keeps its position in
     * its state, so "is x on this tape" is {@code at(position(x)) == x}: exact, whatever thread or
     * earlier tape x comes from.
     *
     * <p>Why a walk from a root on the tape is backpropagation: creation order is topological, so
     * every user of a node sits after it; the walk visits positions from the root's down and pushes
     * a node's gradient only when the node is reached (the root, or an operand of a reached node),
     * so when it is visited all its users among the root's ancestors have pushed into it. That
     * needs every inner operand of a reached node to be on the tape, which is checked for each
     * node's operands as it is recorded ({@link #taintedFrom}); a root at or after a node that
     * failed the check sorts instead.
     */
    static final class Tape {
        /** The most nodes a tape holds: beyond, it starts afresh (and a root before that sorts). */
        static final int CAP = 1 << 20;
        /** Chunk k holds 64 nodes for k = 0, 32·2^k for k = 1..8, then MAX_CHUNK. */
        static final int MAX_CHUNK = 8192;
        private static final int MAX_CHUNK_BITS = 13;
        private static final ThreadLocal<Tape> TAPES = ThreadLocal.withInitial(() -> new Tape(Thread.currentThread()));
        /**
         * The last tape looked up, so that recording a node costs a field load and a comparison with
         * {@code Thread.currentThread()} rather than a {@code ThreadLocal} lookup. Read and written
         * racily on purpose: {@link #owner} is final, so a thread sees another's tape with its owner
         * and then looks its own up.
         */
        private static Tape last = new Tape(null);

        final Thread owner;
        /** The position of the first node recorded with an inner operand not on the tape, or -1. */
        int taintedFrom;
        Value[][] chunks;
        /** Chunks in use; the last is {@link #chunk}. */
        int count;
        Value[] chunk;
        /** Nodes in {@link #chunk}. */
        int fill;
        /** The position of {@link #chunk}'s first node. */
        int chunkStart;
        /** Nodes on the tape. */
        int size;
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

        /** Appends a node just made by an operation (its operands set); returns its position. */
        int add(Value v) {
            if (fill == chunk.length) {
                nextChunk();
            }
            Value a = v.a;
            Value b = v.b;
            if (a.a != null && !holds(a) || b != null && b.a != null && !holds(b)) {
                // an inner operand from elsewhere (another thread, an earlier tape): a walk from
                // here on would miss its ancestors
                if (taintedFrom < 0) {
                    taintedFrom = size;
                }
            }
            chunk[fill++] = v;
            return size++;
        }

        /** Whether the inner node {@code x} is on this tape. */
        private boolean holds(Value x) {
            int p = x.state >>> POS_SHIFT;
            int inChunk = p - chunkStart;
            if (inChunk >= 0) {
                return inChunk < fill && chunk[inChunk] == x;    // NOTE: most operands are recent
            }
            return p < size && at(p) == x;
        }

        /** The index of the chunk that holds position {@code p}. */
        private static int chunkOf(int p) {
            return p < MAX_CHUNK ? Math.max(0, 26 - Integer.numberOfLeadingZeros(p)) : 7 + (p >>> MAX_CHUNK_BITS);
        }

        /** The position of the first node of chunk {@code k}. */
        private static int startOf(int k) {
            return k == 0 ? 0 : k <= 8 ? 32 << k : (k - 7) << MAX_CHUNK_BITS;
        }

        /** The node at position {@code p < size}. */
        private Value at(int p) {
            int k = chunkOf(p);
            return chunks[k][p - startOf(k)];
        }

        private void nextChunk() {
            if (size >= CAP || collectedTwice()) {
                reset();
                return;
            }
            if (count == chunks.length) {
                chunks = Arrays.copyOf(chunks, count * 2);
            }
            chunk = new Value[count >= 8 ? MAX_CHUNK : 32 << count];
            chunks[count++] = chunk;
            chunkStart = size;
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

        /** Empties the tape: new chunks, so no node recorded before is on it. */
        void reset() {
            taintedFrom = -1;
            chunk = new Value[64];
            chunks = new Value[16][];
            chunks[0] = chunk;
            count = 1;
            fill = 0;
            chunkStart = 0;
            size = 0;
            sentinel = new WeakReference<>(new Object());
            collected = false;
        }

        /** The number of nodes on the tape. */
        int size() {
            return size;
        }

        /** The position of {@code root}, or -1 if the tape cannot be walked from it. */
        private int locate(Value root) {
            if (root.a == null || !holds(root)) {
                return -1;
            }
            int p = root.state >>> POS_SHIFT;
            return taintedFrom >= 0 && taintedFrom <= p ? -1 : p;
        }

        /**
         * Backpropagates from {@code root} over the tape if it can; false, having changed nothing,
         * if it cannot. The caller empties the tape afterwards.
         */
        boolean backward(Value root) {
            int p = locate(root);
            if (p < 0) {
                return false;
            }
            root.state |= REACHED;
            root.grad = 1;                 // NOTE: an inner root's gradient is reset, then seeded
            Value[][] cs = chunks;
            int ci = chunkOf(p);
            for (int k = p - startOf(ci); ci >= 0; ci--) {
                Value[] c = cs[ci];
                for (; k >= 0; k--) {
                    Value v = c[k];
                    int vs = v.state;
                    if ((vs & REACHED) != 0) {
                        int op = vs & OP_MASK;
                        // NOTE: one dispatch on the op, then push with the op a constant, so that
                        // the JIT folds Op's switches into straight-line code for the ops of an MLP
                        switch (op) {
                            case Op.I_ADD: push2(v, Op.I_ADD); break;
                            case Op.I_MUL: push2(v, Op.I_MUL); break;
                            case Op.I_RELU: push1(v, Op.I_RELU); break;
                            case Op.I_TANH: push1(v, Op.I_TANH); break;
                            default: push(v, op); break;
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
        private static void push2(Value v, int op) {
            Value a = v.a;
            Value b = v.b;
            double g = v.grad;
            double out = v.data;
            double ad = a.data;
            double bd = b.data;
            accumulate(a, Op.gradA(op, ad, bd, out, g));
            accumulate(b, Op.gradB(op, ad, bd, out, g));
        }

        /** {@link #push} for a unary op other than {@code pow(double)}. */
        private static void push1(Value v, int op) {
            Value a = v.a;
            accumulate(a, Op.gradA(op, a.data, 0, v.data, v.grad));
        }

        /** The chain rule at a reached node: its contributions into its operands, marking them reached. */
        private static void push(Value v, int op) {
            Value a = v.a;
            double g = v.grad;
            double out = v.data;
            double ad = a.data;
            if (Op.binary(op)) {
                Value b = v.b;
                double bd = b.data;
                accumulate(a, Op.gradA(op, ad, bd, out, g));
                accumulate(b, Op.gradB(op, ad, bd, out, g));
            } else {
                accumulate(a, Op.gradA(op, ad, v.exponent(), out, g));
            }
        }

        /**
         * Adds {@code d} into {@code x}'s gradient. A leaf accumulates across calls; an inner node
         * reached for the first time starts from 0 (0.0 + d, as backward's reset and {@code +=}).
         */
        private static void accumulate(Value x, double d) {
            int xs = x.state;
            if ((xs & OP_MASK) == 0 || (xs & REACHED) != 0) {
                x.grad += d;
            } else {
                x.state = xs | REACHED;
                x.grad = 0.0 + d;
            }
        }

        /**
         * The graph below {@code root} in creation order, its leaves first (in the order they are
         * met from the root down), or null if the tape cannot be walked from it. Marks the inner
         * nodes it returns (the caller empties the tape afterwards) and unmarks the leaves.
         */
        Value[] order(Value root) {
            int p = locate(root);
            if (p < 0) {
                return null;
            }
            root.state |= REACHED;
            Value[] inner = new Value[64];
            Value[] leaves = new Value[16];
            int n = 0;
            int l = 0;
            Value[][] cs = chunks;
            int ci = chunkOf(p);
            for (int k = p - startOf(ci); ci >= 0; ci--) {
                Value[] c = cs[ci];
                for (; k >= 0; k--) {
                    Value v = c[k];
                    if ((v.state & REACHED) == 0) {
                        continue;
                    }
                    if (n == inner.length) {
                        inner = Arrays.copyOf(inner, n * 2);
                    }
                    inner[n++] = v;
                    for (int operand = 0; operand < 2; operand++) {
                        Value x = operand == 0 ? v.a : v.operandB();
                        if (x != null && (x.state & REACHED) == 0) {
                            x.state |= REACHED;
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
            for (int i = 0; i < l; i++) {
                leaves[i].state &= ~REACHED;      // leaves belong to many graphs: leave no mark
            }
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
        return (state & OP_MASK) == Op.I_POW_CONST ? b.data : 0;
    }

    /** The second operand as the graph sees it: {@code b}, except null for {@link Op#POW_CONST}. */
    Value operandB() {
        return (state & OP_MASK) == Op.I_POW_CONST ? null : b;
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
        String label = LABELS.isEmpty() ? null : LABELS.get(this);
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
        Value b = operandB();
        return b == null ? List.of(a) : List.of(a, b);
    }

    /** Replaces the number this node holds, as an optimizer does with a parameter. */
    public void setData(double data) {
        this.data = data;
    }

    /** Sets the label and returns this node, so that {@code a.mul(b).label("e")} reads well. */
    public Value label(String label) {
        if (label == null) {
            LABELS.remove(this);
        } else {
            LABELS.put(this, label);
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
        return apply(Op.I_ADD, this, other);
    }

    /** {@code this * other}. */
    public Value mul(Value other) {
        return apply(Op.I_MUL, this, other);
    }

    /** {@code this ** k} for a constant {@code k}; the gradient flows into {@code this} only. */
    public Value pow(double k) {
        // NOTE: the exponent rides in b as a leaf that is not an operand (operandB() is null)
        return check(new Value(Op.forward(Op.I_POW_CONST, data, k), Op.I_POW_CONST, this, of(k), Tape.current()));
    }

    /**
     * {@code this ** exponent}, differentiable in both: d/d(exponent) = out·ln(this), which is NaN
     * for a negative base (use {@link #pow(double)} when the exponent is a constant).
     */
    public Value pow(Value exponent) {
        return apply(Op.I_POW, this, exponent);
    }

    /** e to the power of this. */
    public Value exp() {
        return apply(Op.I_EXP, this, null);
    }

    /** The natural logarithm; -Infinity at 0 and NaN below. */
    public Value log() {
        return apply(Op.I_LOG, this, null);
    }

    /** The hyperbolic tangent; saturates to ±1 for large inputs instead of overflowing. */
    public Value tanh() {
        return apply(Op.I_TANH, this, null);
    }

    /** max(0, this); its gradient at exactly 0 is 0, as in micrograd. */
    public Value relu() {
        return apply(Op.I_RELU, this, null);
    }

    /** The logistic function 1 / (1 + e^-x), computed without overflow for any input. */
    public Value sigmoid() {
        return apply(Op.I_SIGMOID, this, null);
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

    // NOTE: the op as an int constant, not an enum: the JIT does not fold Op.ADD.ordinal() (an enum's
    // fields are not trusted as constants), so the forward switch would be dispatched at every node
    private static Value apply(int code, Value a, Value b) {
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
        checkLeaf(out.operandB(), out);
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
        Value b = operandB();
        if (b != null) {
            double bd = b.data;
            a.grad += op.gradA(a.data, bd, data, grad);
            b.grad += op.gradB(a.data, bd, data, grad);
        } else {
            a.grad += op.gradA(a.data, exponent(), data, grad);
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
            tape.reset();   // the walk marked the nodes it returned: they may not be walked again
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
     * needed) and returns the number of nodes; the root is last. A node is marked {@code ENTERED}
     * while its operands are being visited and {@code DONE} once it is in the order; a node popped
     * while entered has all its operands done (in a DAG no node is its own operand), so the stack
     * needs no separate "leaving" flag. Every marked node is in the order or on the stack, and the
     * marks are cleared from both before the sort returns or throws, so a sort leaves no trace and
     * marks cannot collide across sorts. With {@code zeroInner}, each inner node's gradient is set
     * to 0 as it is placed: backward's reset without a pass of its own.
     */
    private static int sort(Value root, SortBuffers buffers, boolean zeroInner) {
        Value[] stack = buffers.stack;
        Value[] topo = buffers.topo;
        int sp = 0;
        int deepest = 0;
        int n = 0;
        try {
            stack[sp++] = root;
            while (sp > 0) {
                Value v = stack[--sp];
                int state = v.state;
                if ((state & DONE) != 0) {
                    continue;
                }
                if ((state & ENTERED) != 0) {
                    if (n == topo.length) {
                        topo = buffers.topo = Arrays.copyOf(topo, n * 2);
                    }
                    v.state = state | DONE;
                    if (zeroInner && v.a != null) {
                        v.grad = 0;
                    }
                    topo[n++] = v;
                    continue;
                }
                Value a = v.a;
                Value b = v.operandB();
                boolean aDone = a == null || (a.state & DONE) != 0;
                boolean bDone = b == null || (b.state & DONE) != 0;
                if (aDone && bDone) {
                    // NOTE: a leaf, or a node whose operands are already placed (a weight times an
                    // earlier layer's output): it would be popped again at once, so place it now
                    if (n == topo.length) {
                        topo = buffers.topo = Arrays.copyOf(topo, n * 2);
                    }
                    v.state = state | DONE;
                    if (zeroInner && a != null) {
                        v.grad = 0;
                    }
                    topo[n++] = v;
                    continue;
                }
                if (sp + 3 > stack.length) {
                    stack = buffers.stack = Arrays.copyOf(stack, stack.length * 2);
                }
                v.state = state | ENTERED;
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
        } finally {
            for (int i = 0; i < n; i++) {
                topo[i].state &= ~SORT_MARKS;
            }
            for (int i = 0; i < sp; i++) {
                stack[i].state &= ~SORT_MARKS;
            }
            buffers.stackUsed = Math.max(deepest, 1);
        }
        return n;
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
                checkLeaf(v.operandB(), v);
            } else {
                checkLeaf(v, null);
            }
        }
    }

    private static void checkGradients(Value out) {
        Value b = out.operandB();
        if (out.a != null && !Double.isFinite(out.a.grad)
                || b != null && !Double.isFinite(b.grad)) {
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
