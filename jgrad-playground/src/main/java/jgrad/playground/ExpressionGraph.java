package jgrad.playground;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.engine.Value;

/**
 * What the expression view draws and steps through: the nodes of a graph in topological order,
 * and one backward step per non-leaf node in reverse order, as the lecture's {@code o._backward()}.
 *
 * <p>Every number comes from jgrad. The graph's data and gradients are those of
 * {@link Value#backward()}. A step's local derivatives come from jgrad's own op: the node's op is
 * applied again to fresh leaves holding its operands' data, and that small graph's
 * {@code backward()} gives d(node)/d(operand). The step's contributions, local derivative times the
 * node's gradient, are added up in the same reverse order; the tests check that the sums equal
 * {@code backward()}'s gradients.
 *
 * <p>Each contribution carries the chain-rule line the page shows, for d = e + c in L = d · f:
 * {@code d.grad += L.grad · f = 1 · (−2)}.
 */
public final class ExpressionGraph {
    private ExpressionGraph() {
    }

    /** The JSON-ready description of {@code program}'s graph after backward (see the class comment). */
    public static Map<String, Object> describe(ExpressionParser.Program program) {
        Value root = program.output();
        root.backward();
        List<Value> topo = root.topologicalOrder();
        Map<Value, Integer> id = new IdentityHashMap<>();
        for (int i = 0; i < topo.size(); i++) {
            id.put(topo.get(i), i);
        }
        List<Object> nodes = new ArrayList<>();
        for (Value v : topo) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", id.get(v));
            n.put("label", v.label());
            n.put("name", name(v, id));
            n.put("op", v.op());
            n.put("data", finite(v.data()));
            n.put("grad", finite(v.grad()));
            n.put("leaf", v.isLeaf());
            n.put("variable", program.variables().containsValue(v) && program.variables().get(v.label()) == v);
            List<Object> children = new ArrayList<>();
            for (Value c : v.children()) {
                children.add(id.get(c));
            }
            n.put("children", children);
            nodes.add(n);
        }
        // the backward walk, replayed one node at a time
        double[] running = new double[topo.size()];
        running[topo.size() - 1] = 1;
        List<Object> steps = new ArrayList<>();
        Map<String, Object> seed = new LinkedHashMap<>();
        seed.put("node", topo.size() - 1);
        seed.put("text", name(root, id) + ".grad = 1 (the output's own derivative, d" + name(root, id) + "/d" + name(root, id) + ")");
        seed.put("updates", List.of(update(topo.size() - 1, 0, 1)));
        steps.add(seed);
        for (int i = topo.size() - 1; i >= 0; i--) {
            Value v = topo.get(i);
            if (v.isLeaf()) {
                continue;
            }
            double[] local = localDerivatives(v, program.exponent(v));
            List<Object> contributions = new ArrayList<>();
            List<Object> updates = new ArrayList<>();
            List<Value> children = v.children();
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < children.size(); k++) {
                Value c = children.get(k);
                int cid = id.get(c);
                double add = local[k] * running[i];
                double before = running[cid];
                running[cid] = before + add;
                Map<String, Object> con = new LinkedHashMap<>();
                con.put("child", cid);
                con.put("local", finite(local[k]));
                con.put("localText", localText(v, k, id, program.exponent(v)));
                con.put("before", finite(before));
                con.put("add", finite(add));
                con.put("after", finite(running[cid]));
                String line = name(c, id) + ".grad += " + name(v, id) + ".grad · " + localText(v, k, id, program.exponent(v))
                        + " = " + fmt(running[i]) + " · " + fmt(local[k])
                        + (before != 0 ? "   (" + fmt(before) + " + " + fmt(add) + " = " + fmt(running[cid]) + ", accumulated)" : "");
                con.put("text", line);
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(line);
                contributions.add(con);
                updates.add(update(cid, before, running[cid]));
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("node", i);
            step.put("op", v.op());
            step.put("text", text.toString());
            step.put("contributions", contributions);
            step.put("updates", updates);
            steps.add(step);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("output", topo.size() - 1);
        out.put("nodes", nodes);
        out.put("steps", steps);
        Map<String, Object> vars = new LinkedHashMap<>();
        program.variables().forEach((k, v) -> vars.put(k, v.data()));
        out.put("variables", vars);
        return out;
    }

    private static Map<String, Object> update(int node, double before, double after) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("node", node);
        u.put("before", finite(before));
        u.put("after", finite(after));
        return u;
    }

    /**
     * d(node)/d(operand k) for each operand, from jgrad: the node's op again on fresh leaves, then
     * that graph's backward().
     */
    static double[] localDerivatives(Value node, Double exponent) {
        List<Value> children = node.children();
        Value a = Value.of(children.get(0).data());
        Value b = children.size() > 1 ? Value.of(children.get(1).data()) : null;
        String op = node.op();
        Value out;
        if (op.equals("+")) {
            out = a.add(b);
        } else if (op.equals("*")) {
            out = a.mul(b);
        } else if (op.equals("**") && b != null) {
            out = a.pow(b);
        } else if (op.startsWith("**")) {
            out = a.pow(exponent != null ? exponent : Double.parseDouble(op.substring(2)));
        } else {
            switch (op) {
                case "exp": out = a.exp(); break;
                case "log": out = a.log(); break;
                case "tanh": out = a.tanh(); break;
                case "ReLU": out = a.relu(); break;
                case "sigmoid": out = a.sigmoid(); break;
                default: throw new IllegalArgumentException("ExpressionGraph: unknown op '" + op + "' of " + node);
            }
        }
        out.backward();
        return b == null ? new double[] {a.grad()} : new double[] {a.grad(), b.grad()};
    }

    /** The local derivative in symbols, for operand k: "f" for d(d·f)/dd, "(1 − o²)" for tanh. */
    static String localText(Value node, int k, Map<Value, Integer> id, Double exponent) {
        List<Value> ch = node.children();
        String x = name(ch.get(0), id);
        String o = name(node, id);
        String op = node.op();
        if (op.equals("+")) {
            return "1";
        }
        if (op.equals("*")) {
            return name(ch.get(1 - k), id);
        }
        if (op.equals("**") && ch.size() > 1) {
            return k == 0 ? name(ch.get(1), id) + "·" + x + "^(" + name(ch.get(1), id) + "−1)" : o + "·ln(" + x + ")";
        }
        if (op.startsWith("**")) {
            double e = exponent != null ? exponent : Double.parseDouble(op.substring(2));
            return fmt(e) + "·" + x + "^" + fmt(e - 1);
        }
        switch (op) {
            case "exp": return o;
            case "log": return "1/" + x;
            case "tanh": return "(1 − " + o + "²)";
            case "ReLU": return "[" + x + " > 0]";
            case "sigmoid": return o + "·(1 − " + o + ")";
            default: return "?";
        }
    }

    /** The node's label, its number for an unlabelled constant, or "#id". */
    static String name(Value v, Map<Value, Integer> id) {
        if (!v.label().isEmpty()) {
            return v.label();
        }
        if (v.isLeaf()) {
            return fmt(v.data());
        }
        return "#" + id.get(v);
    }

    /** A number as the page shows it: up to 6 significant digits, a true minus sign, in parentheses when negative. */
    static String fmt(double d) {
        String s = plain(d);
        return d < 0 ? "(" + s + ")" : s;
    }

    /** Up to 6 significant digits, no trailing zeros, with a true minus sign. */
    static String plain(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "−∞";
        }
        String s;
        if (d == 0) {
            return "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            s = String.format(Locale.ROOT, "%.0f", d);
        } else {
            s = new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
            if (Math.abs(d) < 1e-4 || Math.abs(d) >= 1e9) {
                s = String.format(Locale.ROOT, "%.5g", d);
            }
        }
        return s.replace('-', '\u2212');
    }

    /** JSON has no NaN or infinity: they travel as the strings "NaN", "Infinity", "-Infinity". */
    static Object finite(double d) {
        if (Double.isFinite(d)) {
            return d;
        }
        return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }
}
