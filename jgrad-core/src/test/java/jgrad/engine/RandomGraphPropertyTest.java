package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random expression graphs with shared subexpressions, their backpropagated gradients checked
 * against finite differences ({@link RandomGraphs}, smooth ops only, so that the differences stay
 * accurate at any depth).
 */
class RandomGraphPropertyTest {

    @Property(tries = 120, seed = "20261126")
    void randomGraphsAgreeWithFiniteDifferences(
            @ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll @IntRange(min = 1, max = 5) int inputs,
            @ForAll long seed) {
        Random rng = new Random(seed);
        List<RandomGraphs.Step> recipe = RandomGraphs.recipe(rng, size, inputs, RandomGraphs.SMOOTH_OPS);
        double[] x = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            x[i] = rng.nextDouble() * 4 - 2;
        }

        GradCheck.Result result = GradCheck.check(leaves -> RandomGraphs.evaluate(recipe, leaves), x);
        assertThat(result.maxError()).as("%s", result).isLessThan(1e-6);
    }
}
