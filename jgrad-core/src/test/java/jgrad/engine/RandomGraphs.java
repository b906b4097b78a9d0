package jgrad.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random expression graphs for the property tests: a recipe of ops over earlier nodes (recent ones
 * preferred, so graphs get deep, and reused, so they share subexpressions), evaluated on any
 * leaves. Every op keeps its output bounded so that no graph overflows at any depth.
 */
final class RandomGraphs {
    /** Ops {@code [0, SMOOTH_OPS)} are smooth everywhere, for finite differences. */
    static final int SMOOTH_OPS = 10;
    /** All ops, relu's kinks included. */
    static final int ALL_OPS = 12;

    /** One node of a recipe: an op code and the indices of two earlier nodes. */
    record Step(int op, int i, int j) {
    }

    private RandomGraphs() {
    }

    static List<Step> recipe(Random rng, int size, int inputs, int ops) {
        List<Step> recipe = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            int available = inputs + k;
            recipe.add(new Step(rng.nextInt(ops), pick(rng, available), pick(rng, available)));
        }
        return recipe;
    }

    private static int pick(Random rng, int available) {
        return rng.nextBoolean() ? available - 1 - rng.nextInt(Math.min(available, 3)) : rng.nextInt(available);
    }

    /** The sum of all nodes, so that every node, and every shared use of it, reaches the root. */
    static Value evaluate(List<Step> recipe, List<Value> leaves) {
        List<Value> nodes = new ArrayList<>(leaves);
        for (Step s : recipe) {
            Value a = nodes.get(s.i());
            Value b = nodes.get(s.j());
            Value out;
            switch (s.op()) {
                case 0: out = a.add(b).mul(0.5); break;
                case 1: out = a.sub(b).mul(0.5); break;
                case 2: out = a.mul(b).tanh(); break;
                case 3: out = a.sigmoid(); break;
                case 4: out = a.div(b.pow(2).add(1)); break;
                case 5: out = a.tanh().exp(); break;
                case 6: out = a.pow(2).add(1).log(); break;
                case 7: out = a.sigmoid().pow(b.tanh()); break;
                case 8: out = a.mul(a).mul(0.25).neg(); break;
                case 9: out = a.tanh().mul(b.tanh()); break;
                case 10: out = a.relu().sub(b.relu()).tanh(); break;
                default: out = a.sub(b).relu().add(a.neg().relu()).tanh(); break;
            }
            nodes.add(out);
        }
        Value sum = nodes.get(0);
        for (int k = 1; k < nodes.size(); k++) {
            sum = sum.add(nodes.get(k));
        }
        return sum;
    }
}
