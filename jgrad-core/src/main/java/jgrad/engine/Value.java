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

    double data;
    double grad;
    final Op op;
    /** Operands in order; {@code b} is null for unary ops and leaves. */
    final Value a;
    final Value b;
    /** The constant exponent of {@link Op#POW_CONST}; unused otherwise. */
    final double exponent;
    private String label;
    /** Stamp of the last traversal that visited this node: a visited set without a hash set. */
    private long mark;

    private Value(double data, Op op, Value a, Value b, double exponent) {
        this.data = data;
        this.op = op;
        this.a = a;
        this.b = b;
        this.exponent = exponent;
    }

    // ---------------------------------------------------------------- factories and accessors

    /** A leaf holding {@code data}, with gradient 0 and no label. */
    public static Value of(double data) {
        return new Value(data, Op.LEAF, null, null, 0);
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
        return label == null ? "" : label;
    }

    /**
     * The name of the operation that made this node: {@code "+"}, {@code "*"}, {@code "**2"},
     * {@code "exp"}, {@code "log"}, {@code "tanh"}, {@code "ReLU"}, {@code "sigmoid"}; "" for a leaf.
     */
    public String op() {
        return op == Op.POW_CONST ? op.symbol + formatNumber(exponent) : op.symbol;
    }

    /** Whether this node is a leaf (an input or a parameter), not the result of an operation. */
    public boolean isLeaf() {
        return op == Op.LEAF;
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
        this.label = label;
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
        return check(new Value(Op.POW_CONST.forward(data, k), Op.POW_CONST, this, null, k));
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
        return check(new Value(out, op, a, b, 0));
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
        if (v != null && v.op == Op.LEAF && !Double.isFinite(v.data)) {
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
        Value[] topo = topologicalArray(this);
        int n = topo.length;
        for (Value v : topo) {
            if (v.op != Op.LEAF) {
                v.grad = 0;
            }
        }
        grad += 1;
        boolean anomaly = AnomalyMode.enabled;
        if (anomaly) {
            checkLeaves(topo);
        }
        for (int i = n - 1; i >= 0; i--) {
            Value v = topo[i];
            if (v.a != null) {
                v.propagate();
                if (anomaly) {
                    checkGradients(v);
                }
            }
        }
    }

    /** The chain rule at this node: adds its op's local contributions into its operands' grads. */
    private void propagate() {
        double second = b != null ? b.data : exponent;
        a.grad += op.gradA(a.data, second, data, grad);
        if (b != null) {
            b.grad += op.gradB(a.data, second, data, grad);
        }
    }

    /**
     * Every node of the graph below this one, each once, inputs before the nodes that use them; this
     * node is last. This is the order {@link #backward()} walks in reverse.
     */
    public List<Value> topologicalOrder() {
        return Collections.unmodifiableList(Arrays.asList(topologicalArray(this)));
    }

    /**
     * Iterative depth-first post-order: the same order as micrograd's recursive {@code build_topo},
     * with an explicit stack. Each traversal takes two fresh stamps: a node's {@code mark} is
     * {@code entered} while its operands are being visited and {@code done} once it is in the order.
     * A node popped while {@code entered} has all its operands done (in a DAG no node is its own
     * operand), so the stack needs no separate "leaving" flag.
     */
    static Value[] topologicalArray(Value root) {
        long entered = nextStamp();
        long done = entered + 1;
        Value[] stack = new Value[64];
        Value[] topo = new Value[64];
        int sp = 0;
        int n = 0;
        stack[sp++] = root;
        while (sp > 0) {
            Value v = stack[--sp];
            if (v.mark == entered) {
                v.mark = done;
                if (n == topo.length) {
                    topo = Arrays.copyOf(topo, n * 2);
                }
                topo[n++] = v;
            } else if (v.mark != done) {
                v.mark = entered;
                if (sp + 3 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                stack[sp++] = v;
                // push b before a so that a's subtree is finished first, as in the recursive version
                if (v.b != null && v.b.mark != done) {
                    stack[sp++] = v.b;
                }
                if (v.a != null && v.a.mark != done) {
                    stack[sp++] = v.a;
                }
            }
        }
        return n == topo.length ? topo : Arrays.copyOf(topo, n);
    }

    /** A fresh even stamp, never 0 (the mark of a node never visited); stamp + 1 is odd. */
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
    static void checkLeaves(Value[] topo) {
        for (Value v : topo) {
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
        String prefix = label == null || label.isEmpty() ? "" : "label=" + label + ", ";
        return "Value(" + prefix + "data=" + data + ", grad=" + grad + ")";
    }

    /** A short description for error messages: the label if any, the op, and the data. */
    String describe() {
        StringBuilder s = new StringBuilder();
        if (!label().isEmpty()) {
            s.append(label).append(' ');
        }
        s.append(op == Op.LEAF ? "leaf" : "'" + op() + "'").append(" data=").append(data);
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
