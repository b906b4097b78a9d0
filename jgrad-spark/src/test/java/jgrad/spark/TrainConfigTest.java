package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Settings that need no Spark: schedules, batches, shard bounds, and what is refused. */
class TrainConfigTest {
    static final ModelSpec SPEC = new ModelSpec(new int[] {2, 4, 3}, "relu", "cross_entropy", "float64");

    @Test
    void theCosineScheduleRunsFromTheLearningRateToZero() {
        TrainConfig cfg = new TrainConfig(SPEC).withOptimizer("adam", 0.1).withSchedule("cosine");
        assertThat(cfg.learningRate(0, 100)).isEqualTo(0.1);
        assertThat(cfg.learningRate(50, 100)).isCloseTo(0.05, within(1e-15));   // (1 + cos(pi/2)) / 2
        assertThat(cfg.learningRate(100, 100)).isEqualTo(0.0);
        assertThat(new TrainConfig(SPEC).withOptimizer("sgd", 0.1).learningRate(50, 100)).isEqualTo(0.1);
    }

    @Test
    void batchesCoverEveryRowOncePerEpochAndFullBatchesKeepRowOrder() {
        BatchPlan plan = new BatchPlan(10, 4, 3);
        int[] seen = new int[10];
        for (int[] b : plan.nextEpoch()) {
            for (int r : b) {
                seen[r]++;
            }
        }
        assertThat(seen).containsOnly(1);
        assertThat(new BatchPlan(5, 99, 3).nextEpoch().get(0)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void shardsAreContiguousAndFindTheirRows() {
        long[] b = Shard.bounds(10, 3);
        assertThat(b).containsExactly(0, 3, 6, 10);
        assertThat(Shard.shardOf(b, 0)).isZero();
        assertThat(Shard.shardOf(b, 5)).isEqualTo(1);
        assertThat(Shard.shardOf(b, 9)).isEqualTo(2);
    }

    @Test
    void unknownNamesAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> new TrainConfig(SPEC).withSchedule("step"))
                .hasMessageContaining("unknown schedule \"step\"; use one of [constant, cosine]");
        assertThatThrownBy(() -> new ModelSpec(new int[] {2, 3}, "gelu", "mse", "float32"))
                .hasMessageContaining("unknown activation \"gelu\"");
        assertThatThrownBy(() -> new TrainConfig(SPEC).withOptimizer("rmsprop", 0.1))
                .hasMessageContaining("use one of [adam, sgd]");
    }
}
