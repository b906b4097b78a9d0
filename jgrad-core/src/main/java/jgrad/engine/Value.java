package jgrad.engine;

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
        Value out = new Value(Op.POW_CONST.forward(data, k), Op.POW_CONST, this, null);
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
        double out = op.forward(a.data, b == null ? 0 : b.data);
        return check(new Value(out, op, a, b));
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
     * reverse topological order; the order is computed iteratively (any depth works on the default
     * thread stack) and is deterministic: operands are visited in operand order.
     *
     * <p><b>Calling it twice.</b> The gradients of leaves (inputs and parameters) accumulate across
     * calls, as in PyTorch: two calls leave twice the gradient. Call {@link #zeroGrad()} on the
     * parameters between training steps. The gradients of intermediate nodes are reset at the start
     * of each call, so they always show the latest pass.
     *
     * @throws AnomalyException in {@link AnomalyMode} when a gradient becomes NaN or infinite
     */
    public void backward() {
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
     * node is last. This is the order {@link #backward()} walks in reverse.
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
