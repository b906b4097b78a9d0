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


    @Property(tries = 150, seed = "20261127")
    void replayIsBitIdenticalToRebuilding(
            @ForAll @IntRange(min = 1, max = 150) int size,
            @ForAll @IntRange(min = 1, max = 6) int inputs,
            @ForAll long seed) {
        Random rng = new Random(seed);
        List<RandomGraphs.Step> recipe = RandomGraphs.recipe(rng, size, inputs, RandomGraphs.ALL_OPS);
        List<Value> rebuildLeaves = new ArrayList<>();
        List<Value> replayLeaves = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            double x = rng.nextDouble() * 4 - 2;
            rebuildLeaves.add(Value.of(x));
            replayLeaves.add(Value.of(x));
        }
        CompiledGraph compiled = CompiledGraph.compile(RandomGraphs.evaluate(recipe, replayLeaves));

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
            Value root = RandomGraphs.evaluate(recipe, rebuildLeaves);
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
        Value root = RandomGraphs.evaluate(RandomGraphs.recipe(rng, size, inputs, RandomGraphs.ALL_OPS), leaves);
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
}
