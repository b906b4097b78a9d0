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
 * <p>{@link #compile(Value)} sorts the graph once and stores, in topological order, each node's
 * {@link Op}, the indices of its operands, its constant exponent, and room for its data and
 * gradient. {@link #forward()} then reads the current data of every leaf (parameters an optimizer
 * has updated, new inputs) and recomputes every node; {@link #backward()} does what
 * {@code root.backward()} does. Neither allocates nor sorts. Both call the same {@link Op} methods
 * as the rebuild path, in the same order, so the numbers are bit for bit those of building the
 * graph anew and calling {@link Value#backward()}:
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
    private static final int NONE = -1;

    private final Value root;
    /** The graph's nodes in topological order; the root is last. */
    private final Value[] nodes;
    private final Op[] ops;
    /** Index of each node's first and second operand, {@link #NONE} where it has none. */
    private final int[] first;
    private final int[] second;
    /** The constant exponent of {@link Op#POW_CONST} nodes, 0 for the others. */
    private final double[] exponent;
    private final double[] data;
    private final double[] grad;
    /** Indices of the leaves. */
    private final int[] leaves;

    private CompiledGraph(Value root) {
        this.root = root;
        this.nodes = Value.topologicalArray(root);
        int n = nodes.length;
        ops = new Op[n];
        first = new int[n];
        second = new int[n];
        exponent = new double[n];
        data = new double[n];
        grad = new double[n];
        Map<Value, Integer> index = new IdentityHashMap<>(2 * n);
        int leafCount = 0;
        for (int i = 0; i < n; i++) {
            Value v = nodes[i];
            index.put(v, i);
            ops[i] = v.kind();
            first[i] = v.a == null ? NONE : index.get(v.a);
            second[i] = v.b == null ? NONE : index.get(v.b);
            exponent[i] = v.exponent();
            data[i] = v.data;
            grad[i] = v.grad;
            if (v.isLeaf()) {
                leafCount++;
            }
        }
        leaves = new int[leafCount];
        for (int i = 0, j = 0; i < n; i++) {
            if (ops[i] == Op.LEAF) {
                leaves[j++] = i;
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
        for (int leaf : leaves) {
            data[leaf] = nodes[leaf].data;
        }
        boolean anomaly = AnomalyMode.enabled;
        if (anomaly) {
            Value.checkLeaves(nodes, nodes.length);
        }
        for (int i = 0; i < nodes.length; i++) {
            int a = first[i];
            if (a == NONE) {
                continue;
            }
            int b = second[i];
            data[i] = ops[i].forward(data[a], b == NONE ? exponent[i] : data[b]);
            if (anomaly && !Double.isFinite(data[i])) {
                writeBack();
                throw AnomalyException.inForward(nodes[i]);
            }
        }
        double out = data[nodes.length - 1];
        root.data = out;
        return out;
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
        Arrays.fill(grad, 0);
        for (int leaf : leaves) {
            grad[leaf] = nodes[leaf].grad;
        }
        grad[nodes.length - 1] += 1;
        boolean anomaly = AnomalyMode.enabled;
        for (int i = nodes.length - 1; i >= 0; i--) {
            int a = first[i];
            if (a == NONE) {
                continue;
            }
            int b = second[i];
            Op op = ops[i];
            double operand = b == NONE ? exponent[i] : data[b];
            grad[a] += op.gradA(data[a], operand, data[i], grad[i]);
            if (b != NONE) {
                grad[b] += op.gradB(data[a], operand, data[i], grad[i]);
            }
            if (anomaly && (!Double.isFinite(grad[a]) || b != NONE && !Double.isFinite(grad[b]))) {
                writeBack();
                writeLeafGradients();
                throw AnomalyException.inBackward(nodes[i]);
            }
        }
        writeLeafGradients();
    }

    private void writeLeafGradients() {
        for (int leaf : leaves) {
            nodes[leaf].grad = grad[leaf];
        }
    }

    /**
     * Copies the data and the gradient of every inner node from the last replay into its
     * {@code Value}, so that the graph reads as if it had been built and backpropagated anew.
     * Leaves are left alone: their data belongs to the caller, and {@link #backward()} already
     * wrote their gradients.
     */
    public void writeBack() {
        for (int i = 0; i < nodes.length; i++) {
            if (first[i] != NONE) {
                nodes[i].data = data[i];
                nodes[i].grad = grad[i];
            }
        }
    }
}
