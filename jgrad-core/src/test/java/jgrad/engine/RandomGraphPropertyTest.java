package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random expression graphs with shared subexpressions, their backpropagated gradients checked
 * against finite differences. Every op keeps its output bounded so that the differences stay
 * accurate at any depth.
 */
class RandomGraphPropertyTest {

    /** One node of a recipe: an op code and the indices of two earlier nodes. */
    private record Step(int op, int i, int j) {
    }

    @Property(tries = 120, seed = "20261126")
    void randomGraphsAgreeWithFiniteDifferences(
            @ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll @IntRange(min = 1, max = 5) int inputs,
            @ForAll long seed) {
        Random rng = new Random(seed);
        List<Step> recipe = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            int available = inputs + k;
            // prefer recent nodes so that graphs get deep, and reuse them so that they share
            recipe.add(new Step(rng.nextInt(9), pick(rng, available), pick(rng, available)));
        }
        double[] x = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            x[i] = rng.nextDouble() * 4 - 2;
        }

        GradCheck.Result result = GradCheck.check(leaves -> evaluate(recipe, leaves), x);
        assertThat(result.maxError()).as("%s", result).isLessThan(1e-6);
    }

    private static int pick(Random rng, int available) {
        return rng.nextBoolean() ? available - 1 - rng.nextInt(Math.min(available, 3)) : rng.nextInt(available);
    }

    /** The sum of all nodes, so that every node, and every shared use of it, reaches the root. */
    private static Value evaluate(List<Step> recipe, List<Value> leaves) {
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
                default: out = a.mul(a).mul(0.25).neg(); break;
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
