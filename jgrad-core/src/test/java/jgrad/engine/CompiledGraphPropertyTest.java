package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random graphs with shared subexpressions, every primitive op and constants: replaying a compiled
 * graph with new leaf data gives, bit for bit, what building the graph anew gives. The sort the
 * replay relies on is checked against micrograd's recursive {@code build_topo}.
 */
class CompiledGraphPropertyTest {

    /** One node of a recipe: an op code and the indices of two earlier nodes. */
    private record Step(int op, int i, int j) {
    }

    @Property(tries = 150, seed = "20261127")
    void replayIsBitIdenticalToRebuilding(
            @ForAll @IntRange(min = 1, max = 150) int size,
            @ForAll @IntRange(min = 1, max = 6) int inputs,
            @ForAll long seed) {
        Random rng = new Random(seed);
        List<Step> recipe = recipe(rng, size, inputs);
        List<Value> rebuildLeaves = new ArrayList<>();
        List<Value> replayLeaves = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            double x = rng.nextDouble() * 4 - 2;
            rebuildLeaves.add(Value.of(x));
            replayLeaves.add(Value.of(x));
        }
        CompiledGraph compiled = CompiledGraph.compile(evaluate(recipe, replayLeaves));

        for (int round = 0; round < 4; round++) {
            if (round > 0) {
                for (int i = 0; i < inputs; i++) {
                    double x = rng.nextDouble() * 4 - 2;
                    rebuildLeaves.get(i).setData(x);
                    replayLeaves.get(i).setData(x);
                }
            }
            // round 3 keeps the previous gradients: both paths must accumulate alike
            if (round != 3) {
                rebuildLeaves.forEach(Value::zeroGrad);
                replayLeaves.forEach(Value::zeroGrad);
            }
            Value root = evaluate(recipe, rebuildLeaves);
            root.backward();
            double replayed = compiled.forward();
            compiled.backward();

            assertThat(bits(replayed)).as("data in round %d", round)
                    .isEqualTo(bits(root.data()));
            for (int i = 0; i < inputs; i++) {
                assertThat(bits(replayLeaves.get(i).grad()))
                        .as("grad of leaf %d in round %d", i, round)
                        .isEqualTo(bits(rebuildLeaves.get(i).grad()));
            }
            // and every inner node, once written back (constant leaves such as the 0.5 of
            // mul(0.5) are new in every rebuilt graph but accumulate in the compiled one)
            compiled.writeBack();
            List<Value> a = root.topologicalOrder();
            List<Value> b = compiled.root().topologicalOrder();
            assertThat(b).hasSameSizeAs(a);
            for (int n = 0; n < a.size(); n++) {
                assertThat(bits(b.get(n).data())).as("data of node %d", n).isEqualTo(bits(a.get(n).data()));
                if (!a.get(n).isLeaf()) {
                    assertThat(bits(b.get(n).grad())).as("grad of node %d", n).isEqualTo(bits(a.get(n).grad()));
                }
            }
        }
    }

    @Property(tries = 150, seed = "20261128")
    void topologicalOrderIsMicrogradsRecursiveOrder(
            @ForAll @IntRange(min = 1, max = 150) int size,
            @ForAll @IntRange(min = 1, max = 6) int inputs,
            @ForAll long seed) {
        Random rng = new Random(seed);
        List<Value> leaves = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            leaves.add(Value.of(rng.nextDouble()));
        }
        Value root = evaluate(recipe(rng, size, inputs), leaves);
        List<Value> expected = new ArrayList<>();
        buildTopo(root, new IdentityHashMap<>(), expected);

        // sort twice: stamps left by the first traversal must not disturb the second
        assertThat(root.topologicalOrder()).containsExactlyElementsOf(expected);
        assertThat(root.topologicalOrder()).containsExactlyElementsOf(expected);
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    /** micrograd's build_topo, transcribed; recursive, so only for these small graphs. */
    private static void buildTopo(Value v, Map<Value, Boolean> visited, List<Value> topo) {
        if (visited.put(v, Boolean.TRUE) == null) {
            for (Value child : v.children()) {
                buildTopo(child, visited, topo);
            }
            topo.add(v);
        }
    }

    private static List<Step> recipe(Random rng, int size, int inputs) {
        List<Step> recipe = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            int available = inputs + k;
            recipe.add(new Step(rng.nextInt(12), pick(rng, available), pick(rng, available)));
        }
        return recipe;
    }

    private static int pick(Random rng, int available) {
        return rng.nextBoolean() ? available - 1 - rng.nextInt(Math.min(available, 3)) : rng.nextInt(available);
    }

    /** Every op of the engine, kept bounded so that no round overflows; the sum of all nodes. */
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
                case 8: out = a.relu().sub(b.relu()).tanh(); break;
                case 9: out = a.mul(a).mul(0.25).neg(); break;
                case 10: out = a.tanh().mul(b.tanh()); break;
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
