package jgrad.viz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jgrad.engine.Value;

/**
 * The nodes and edges of an expression graph, found by one iterative walk from its output, with
 * the role of every node: what micrograd's {@code trace(root)} returns, plus what a drawing needs.
 *
 * <p>Nodes come in topological order ({@link Value#topologicalOrder()}: inputs before the nodes
 * that use them, the output last), so a drawing made from a trace is deterministic. There is one
 * edge per operand, from the operand to the node it helps make, in operand order: {@code x.mul(x)}
 * has two edges from {@code x}.
 *
 * <p><b>Roles.</b> The output is the root; a leaf is a {@link Role#PARAMETER} when it is one of the
 * parameters given to {@link #of(Value, Collection)} and an {@link Role#INPUT} otherwise (data and
 * constants); every other node is {@link Role#INTERMEDIATE}.
 *
 * <p><b>Large graphs.</b> The loss of micrograd's moons demo has 65,818 nodes: nobody can read
 * that drawing. {@link #pathFrom(Collection)} keeps what depends on some inputs (one training
 * example's path through the network, with the parameters it meets), and
 * {@link #nearestToOutput(int)} keeps at most a number of nodes, those closest to the output.
 * A node whose operands were not all kept is {@linkplain #isCut cut}, and {@link #summary()} says,
 * in one line, what was left out.
 *
 * <pre>{@code
 * Value x = Value.of(2.0, "x"), w = Value.of(-3.0, "w");
 * Value y = x.mul(w).tanh().label("y");
 * y.backward();
 * GraphTrace trace = GraphTrace.of(y, List.of(w));
 * trace.nodes();          // [x, w, x*w, y]
 * trace.role(w);          // PARAMETER
 * DotWriter.write(trace); // DOT text
 * }</pre>
 *
 * <p>A trace is a snapshot of the graph's structure; the data and gradients it shows are read from
 * the nodes when drawn.
 */
public final class GraphTrace {

    /** What a node is in the graph, shown by its colour in a drawing. */
    public enum Role {
        /** A leaf that is not a parameter: data or a constant. */
        INPUT,
        /** A leaf that is one of the given parameters (weights and biases). */
        PARAMETER,
        /** The result of an operation that is not the output. */
        INTERMEDIATE,
        /** The root of the trace. */
        OUTPUT
    }

    /** One operand relation: {@code from} is an operand of the operation that made {@code to}. */
    public record Edge(Value from, Value to) { }

    private final Value root;
    /** Every node of the whole graph in topological order; the trace keeps some of them. */
    private final Value[] all;
    private final Map<Value, Integer> index;
    private final Set<Value> parameters;
    private final boolean[] kept;
    private final List<Value> nodes;
    private final List<Edge> edges;
    private final Set<Value> cut;

    private GraphTrace(Value root, Value[] all, Map<Value, Integer> index, Set<Value> parameters,
                       boolean[] kept) {
        this.root = root;
        this.all = all;
        this.index = index;
        this.parameters = parameters;
        this.kept = kept;
        List<Value> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Set<Value> cut = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < all.length; i++) {
            if (!kept[i]) {
                continue;
            }
            Value v = all[i];
            nodes.add(v);
            for (Value child : v.children()) {
                if (kept[index.get(child)]) {
                    edges.add(new Edge(child, v));
                } else {
                    cut.add(v);
                }
            }
        }
        this.nodes = Collections.unmodifiableList(nodes);
        this.edges = Collections.unmodifiableList(edges);
        this.cut = cut;
    }

    /** The whole graph below {@code root}; every leaf is an {@link Role#INPUT}. */
    public static GraphTrace of(Value root) {
        return of(root, List.of());
    }

    /**
     * The whole graph below {@code root}; the leaves among {@code parameters} (compared by
     * reference, as {@code Module.parameters()} returns them) are {@link Role#PARAMETER}s.
     *
     * @throws NullPointerException if root or parameters is null
     */
    public static GraphTrace of(Value root, Collection<Value> parameters) {
        if (root == null || parameters == null) {
            throw new NullPointerException("GraphTrace.of: root and parameters must not be null");
        }
        Value[] all = root.topologicalOrder().toArray(new Value[0]);
        Map<Value, Integer> index = new IdentityHashMap<>(all.length * 2);
        for (int i = 0; i < all.length; i++) {
            index.put(all[i], i);
        }
        Set<Value> params = Collections.newSetFromMap(new IdentityHashMap<>());
        params.addAll(parameters);
        boolean[] kept = new boolean[all.length];
        Arrays.fill(kept, true);
        return new GraphTrace(root, all, index, params, kept);
    }

    /** The output node. */
    public Value root() {
        return root;
    }

    /** The nodes of this trace in topological order, the output last. */
    public List<Value> nodes() {
        return nodes;
    }

    /** One edge per operand between nodes of this trace, grouped by the node they make. */
    public List<Edge> edges() {
        return edges;
    }

    /**
     * What {@code node} is in this graph.
     *
     * @throws IllegalArgumentException if node is not in the graph
     */
    public Role role(Value node) {
        if (!index.containsKey(node)) {
            throw new IllegalArgumentException("GraphTrace.role: " + node + " is not in the graph of " + root);
        }
        if (node == root) {
            return Role.OUTPUT;
        }
        if (node.isLeaf()) {
            return parameters.contains(node) ? Role.PARAMETER : Role.INPUT;
        }
        return Role.INTERMEDIATE;
    }

    /** Whether {@code node} is kept and some of its operands are not: a drawing shows it as cut. */
    public boolean isCut(Value node) {
        return cut.contains(node);
    }

    /** The number of nodes in the whole graph, kept or not. */
    public int totalNodes() {
        return all.length;
    }

    /** The number of nodes of the whole graph that this trace leaves out. */
    public int omittedNodes() {
        return all.length - nodes.size();
    }

    /**
     * The part of this trace that depends on any of {@code sources} (for example the inputs of one
     * training example), together with the operands those nodes use (the parameters they meet, and
     * partial results of other examples, which are then {@linkplain #isCut cut}).
     *
     * @throws IllegalArgumentException if the output does not depend on any of the sources
     */
    public GraphTrace pathFrom(Collection<Value> sources) {
        Set<Value> from = Collections.newSetFromMap(new IdentityHashMap<>());
        from.addAll(sources);
        boolean[] depends = new boolean[all.length];
        for (int i = 0; i < all.length; i++) {
            if (!kept[i]) {
                continue;
            }
            depends[i] = from.contains(all[i]);
            for (Value child : all[i].children()) {
                depends[i] |= depends[index.get(child)];
            }
        }
        if (!depends[all.length - 1]) {
            throw new IllegalArgumentException("GraphTrace.pathFrom: the output " + root
                    + " does not depend on any of the " + sources.size()
                    + " given nodes; pass leaves of this graph, such as one example's inputs");
        }
        boolean[] keep = new boolean[all.length];
        for (int i = 0; i < all.length; i++) {
            if (depends[i]) {
                keep[i] = true;
                for (Value child : all[i].children()) {
                    keep[index.get(child)] |= kept[index.get(child)];
                }
            }
        }
        return new GraphTrace(root, all, index, parameters, keep);
    }

    /**
     * At most {@code maxNodes} nodes of this trace, those closest to the output (breadth first,
     * operands in order). Returns this trace when it is small enough.
     *
     * @throws IllegalArgumentException if maxNodes is less than 1
     */
    public GraphTrace nearestToOutput(int maxNodes) {
        if (maxNodes < 1) {
            throw new IllegalArgumentException("GraphTrace.nearestToOutput: maxNodes must be at least 1, got " + maxNodes);
        }
        if (nodes.size() <= maxNodes) {
            return this;
        }
        boolean[] keep = new boolean[all.length];
        ArrayDeque<Value> queue = new ArrayDeque<>();
        keep[all.length - 1] = true;
        queue.add(root);
        int count = 1;
        while (!queue.isEmpty() && count < maxNodes) {
            for (Value child : queue.poll().children()) {
                int i = index.get(child);
                if (kept[i] && !keep[i] && count < maxNodes) {
                    keep[i] = true;
                    count++;
                    queue.add(child);
                }
            }
        }
        return new GraphTrace(root, all, index, parameters, keep);
    }

    /**
     * One line saying what this trace shows and what it leaves out, for example
     * {@code "200 of 65,818 nodes; left out: 32,400 '*', 32,000 '+', 1,200 inputs, 18 parameters"};
     * {@code "all 11 nodes"} when nothing is left out.
     */
    public String summary() {
        if (omittedNodes() == 0) {
            return String.format(Locale.ROOT, "all %,d nodes", all.length);
        }
        Map<String, Integer> counts = new TreeMap<>();
        int inputs = 0;
        int params = 0;
        for (int i = 0; i < all.length; i++) {
            if (kept[i]) {
                continue;
            }
            Value v = all[i];
            if (v.isLeaf()) {
                if (parameters.contains(v)) {
                    params++;
                } else {
                    inputs++;
                }
            } else {
                counts.merge("'" + v.op() + "'", 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> ops = new ArrayList<>(counts.entrySet());
        ops.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d of %,d nodes; left out:", nodes.size(), all.length));
        String sep = " ";
        for (Map.Entry<String, Integer> op : ops) {
            s.append(sep).append(String.format(Locale.ROOT, "%,d %s", op.getValue(), op.getKey()));
            sep = ", ";
        }
        if (inputs > 0) {
            s.append(sep).append(String.format(Locale.ROOT, "%,d inputs", inputs));
            sep = ", ";
        }
        if (params > 0) {
            s.append(sep).append(String.format(Locale.ROOT, "%,d parameters", params));
        }
        return s.toString();
    }
}
