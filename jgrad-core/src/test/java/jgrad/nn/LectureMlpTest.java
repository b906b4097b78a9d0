package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

/**
 * The lecture's network (karpathy/nn-zero-to-hero, micrograd lecture): MLP(3, [4, 4, 1]) with tanh
 * in every layer and uniform(−1, 1) biases, trained on four examples with the summed squared
 * error and 20 steps of {@code p -= 0.1 * grad}. The lecture reports that every one of 50 seeds
 * ends below 0.1 (with Python's generator). Here: {@code java.util.Random} seeds 0 to 49, all of
 * them, no seed skipped.
 */
class LectureMlpTest {
    static final double[][] XS = {{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}};
    static final double[] YS = {1, -1, -1, 1};

    static MLP lectureModel(long seed) {
        return MLP.builder(3, 4, 4, 1)
                .activation(Activation.TANH)
                .biasInit(Init.uniform(-1, 1))
                .build(new Random(seed));
    }

    /** The lecture's loop; returns the loss of every step (before that step's update). */
    static double[] train(MLP model, int steps) {
        double[] losses = new double[steps];
        for (int k = 0; k < steps; k++) {
            List<Value> ypred = new ArrayList<>();
            for (double[] x : XS) {
                ypred.add(model.forwardScalar(x));
            }
            Value loss = Losses.mse(ypred, YS, Losses.Reduction.SUM);
            model.zeroGrad();
            loss.backward();
            for (Value p : model.parameters()) {
                p.setData(p.data() + -0.1 * p.grad());
            }
            losses[k] = loss.data();
        }
        return losses;
    }

    @Test
    void lectureNetworkShape() {
        MLP model = lectureModel(0);
        assertThat(model.parameters()).hasSize(41); // REFERENCE.md
        assertThat(model).hasToString("MLP of [Layer of [TanhNeuron(3), TanhNeuron(3), TanhNeuron(3), TanhNeuron(3)], "
                + "Layer of [TanhNeuron(4), TanhNeuron(4), TanhNeuron(4), TanhNeuron(4)], Layer of [TanhNeuron(4)]]");
        // biases are drawn too (micrograd's default would leave them 0)
        assertThat(model.layers().get(0).neurons().get(0).bias().data()).isNotZero();
    }

    @Test
    void fiftySeedsAllReachLossBelowOneTenthWithinTwentySteps() {
        List<String> failures = new ArrayList<>();
        double[] finals = new double[50];
        for (int seed = 0; seed < 50; seed++) {
            MLP model = lectureModel(seed);
            double[] losses = train(model, 20);
            finals[seed] = losses[19];
            assertThat(losses[19]).as("seed %d", seed).isLessThan(losses[0]);
            if (!(losses[19] < 0.1)) {
                failures.add("seed " + seed + ": " + losses[19]);
            }
        }
        assertThat(failures).as("seeds whose loss at step 19 is not below 0.1").isEmpty();
    }
}
