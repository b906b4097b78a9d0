package jgrad.engine;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A built expression graph compiled once into flat arrays, so that a training loop whose graph has
 * the same shape every step can replay it instead of building it again (micrograd issue #92,
 * tinygrad's {@code TinyJit}).
 *
 * <p>{@link #compile(Value)} orders the graph once (the leaves, then the inner nodes in the order
 * {@link Value#backward()} walks them: creation order when the root was just built on this
 * thread, the sorted order otherwise) and stores each node's op code, the indices of its operands
 * and room for its data and gradient, in primitive arrays. {@link #forward()} then reads the current data of every leaf (parameters an optimizer
 * has updated, new inputs) and recomputes every node; {@link #backward()} does what
 * {@code root.backward()} does. Neither allocates nor sorts. Both call the same {@link Op} methods
 * as the rebuild path, in the same order when the graph was compiled right after it was built on
 * this thread (then both use creation order), so the numbers are bit for bit those of building the
 * graph anew and calling {@link Value#backward()}; compiled from an older graph, the order is the
 * sort's and sums of three or more contributions may differ in the last bits:
 *
 * <pre>{@code
 * Value w = Value.of(0.5, "w"), x = Value.of(2.0, "x");
 * Value loss = w.mul(x).sub(1).pow(2);      // (wx - 1)^2, built once
 * CompiledGraph step = CompiledGraph.compile(loss);
 * for (int k = 0; k < 50; k++) {
 *     step.forward();                       // loss.data() is the loss at the current w
 *     w.zeroGrad();
 *     step.backward();                      // w.grad() as after loss.backward()
 *     w.setData(w.data() - 0.1 * w.grad());
 * }
 * w.data();                                 // 0.5 = 1/x
 * }</pre>
 *
 * <p><b>What it writes into the graph's {@code Value}s.</b> {@link #forward()} sets the root's data;
 * {@link #backward()} adds into the gradients of the leaves, with {@code +=} as
 * {@link Value#backward()} does, so leaves accumulate across calls until zeroed. The data and
 * gradients of the inner nodes stay in the arrays; {@link #writeBack()} copies them into the
 * {@code Value}s when they are wanted, for instance to read the scores of a batch.
 *
 * <p><b>When it applies.</b> The replay recomputes the graph that was built: the same operations
 * on the same leaves. It is right whenever the code that built the graph would build the same
 * graph again, which holds for micrograd-style models (relu is an op, not an {@code if}). Code that
 * branches on data, or that creates new leaves each step, must rebuild or compile again.
 *
 * <p>With {@link AnomalyMode} on, the first NaN or infinity throws an {@link AnomalyException},
 * after {@link #writeBack()}, so that the message and the graph show the values of the replay.
 * A compiled graph is not thread-safe.
 */
public final class CompiledGraph {
    private final Value root;
    /** The graph's nodes: the {@link #leafCount} leaves, then the inner nodes in topological order; the root is last. */
    private final Value[] nodes;
    private final int leafCount;
    // NOTE: the replay reads only primitive arrays, indexed by node: the op's ordinal, the operands'
    // indices, data and gradient (25 bytes a node, 1.6 MB for the moons graph, which fits in L2).
    // A unary op's second index is its first; a pow(double) node's second index is a slot after the
    // nodes that holds its exponent, so forward() and backward() read both operands without a branch.
    private final byte[] ops;
    private final int[] first;
    private final int[] second;
    private final double[] data;
    private final double[] grad;

    private CompiledGraph(Value root) {
        this.root = root;
        this.nodes = Value.compileOrder(root);
        int n = nodes.length;
        int leaves = 0;
        int constants = 0;
        Map<Value, Integer> index = new IdentityHashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            Value v = nodes[i];
            index.put(v, i);
            if (v.isLeaf()) {
                leaves++;
            } else if (v.kind() == Op.POW_CONST) {
                constants++;
            }
        }
        leafCount = leaves;
        ops = new byte[n];
        first = new int[n];
        second = new int[n];
        data = new double[n + constants];
        grad = new double[n + constants];
        int slot = n;
        for (int i = 0; i < n; i++) {
            Value v = nodes[i];
            data[i] = v.data;
            grad[i] = v.grad;
            if (v.isLeaf()) {
                continue;
            }
            Op op = v.kind();
            ops[i] = (byte) op.ordinal();
            first[i] = index.get(v.a);
            if (v.operandB() != null) {
                second[i] = index.get(v.b);
            } else if (op == Op.POW_CONST) {
                data[slot] = v.exponent();
                second[i] = slot++;
            } else {
                second[i] = first[i];
            }
        }
    }

    /**
     * Compiles the graph below {@code root}. The graph's current data are the starting point, so
     * {@link #backward()} may be called right away.
     *
     * @throws NullPointerException if root is null
     */
    public static CompiledGraph compile(Value root) {
        return new CompiledGraph(Objects.requireNonNull(root, "root"));
    }

    /** The node this graph was compiled from. */
    public Value root() {
        return root;
    }

    /** The number of nodes, leaves included: {@code root.topologicalOrder().size()}. */
    public int size() {
        return nodes.length;
    }

    /**
     * Reads the data of every leaf and recomputes every node in topological order, as building the
     * graph anew would. Sets the root's data and returns it.
     *
     * @throws AnomalyException in {@link AnomalyMode} when a node's value is NaN or infinite
     */
    public double forward() {
        Value[] nodes = this.nodes;
        double[] data = this.data;
        int n = nodes.length;
        for (int i = 0; i < leafCount; i++) {
            data[i] = nodes[i].data;
        }
        if (AnomalyMode.enabled) {
            forwardChecked();
        } else {
            byte[] ops = this.ops;
            int[] first = this.first;
            int[] second = this.second;
            for (int i = leafCount; i < n; i++) {
                data[i] = Op.forward(ops[i], data[first[i]], data[second[i]]);
            }
        }
        double out = data[n - 1];
        root.data = out;
        return out;
    }

    private void forwardChecked() {
        Value.checkLeaves(nodes, nodes.length);
        for (int i = leafCount; i < nodes.length; i++) {
            data[i] = Op.forward(ops[i], data[first[i]], data[second[i]]);
            if (!Double.isFinite(data[i])) {
                writeBack();
                throw AnomalyException.inForward(nodes[i]);
            }
        }
    }

    /**
     * Backpropagates from the root with the data of the last {@link #forward()} (or of the graph as
     * compiled), exactly as {@link Value#backward()}: the root's gradient is seeded with 1 on top of
     * what it holds if it is a leaf, inner gradients start from 0, and the leaves' gradients are
     * read from their {@code Value}s, accumulated with {@code +=} and written back.
     *
     * @throws AnomalyException in {@link AnomalyMode} when a gradient becomes NaN or infinite
     */
    public void backward() {
        Value[] nodes = this.nodes;
        double[] grad = this.grad;
        int n = nodes.length;
        int leaves = leafCount;
        for (int i = 0; i < leaves; i++) {
            grad[i] = nodes[i].grad;
        }
        Arrays.fill(grad, leaves, n, 0);
        grad[n - 1] += 1;
        if (AnomalyMode.enabled) {
            backwardChecked();
        } else {
            byte[] ops = this.ops;
            int[] first = this.first;
            int[] second = this.second;
            double[] data = this.data;
            for (int i = n - 1; i >= leaves; i--) {
                int op = ops[i];
                int a = first[i];
                int b = second[i];
                double g = grad[i];
                double ad = data[a];
                double bd = data[b];
                double out = data[i];
                // NOTE: one dispatch, then Op's derivatives with the op a constant, which the JIT
                // folds into straight-line code (instead of a switch in gradA and one in gradB)
                switch (op) {
                    case Op.I_ADD:
                        grad[a] += Op.gradA(Op.I_ADD, ad, bd, out, g);
                        grad[b] += Op.gradB(Op.I_ADD, ad, bd, out, g);
                        break;
                    case Op.I_MUL:
                        grad[a] += Op.gradA(Op.I_MUL, ad, bd, out, g);
                        grad[b] += Op.gradB(Op.I_MUL, ad, bd, out, g);
                        break;
                    case Op.I_RELU:
                        grad[a] += Op.gradA(Op.I_RELU, ad, bd, out, g);
                        break;
                    case Op.I_TANH:
                        grad[a] += Op.gradA(Op.I_TANH, ad, bd, out, g);
                        break;
                    default:
                        grad[a] += Op.gradA(op, ad, bd, out, g);
                        if (Op.binary(op)) {
                            grad[b] += Op.gradB(op, ad, bd, out, g);
                        }
                        break;
                }
            }
        }
        writeLeafGradients();
    }

    private void backwardChecked() {
        for (int i = nodes.length - 1; i >= leafCount; i--) {
            int op = ops[i];
            int a = first[i];
            int b = second[i];
            grad[a] += Op.gradA(op, data[a], data[b], data[i], grad[i]);
            boolean binary = Op.binary(op);
            if (binary) {
                grad[b] += Op.gradB(op, data[a], data[b], data[i], grad[i]);
            }
            if (!Double.isFinite(grad[a]) || binary && !Double.isFinite(grad[b])) {
                writeBack();
                writeLeafGradients();
                throw AnomalyException.inBackward(nodes[i]);
            }
        }
    }

    private void writeLeafGradients() {
        for (int i = 0; i < leafCount; i++) {
            nodes[i].grad = grad[i];
        }
    }

    /**
     * Copies the data and the gradient of every inner node from the last replay into its
     * {@code Value}, so that the graph reads as if it had been built and backpropagated anew.
     * Leaves are left alone: their data belongs to the caller, and {@link #backward()} already
     * wrote their gradients.
     */
    public void writeBack() {
        for (int i = leafCount; i < nodes.length; i++) {
            nodes[i].data = data[i];
            nodes[i].grad = grad[i];
        }
    }
}
