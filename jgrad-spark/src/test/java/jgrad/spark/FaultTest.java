package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A task that fails once is retried by Spark, and the model is the one of a run without the fault. */
class FaultTest {
    /** Local mode runs the tasks in this JVM, so a static counter sees every injected failure. */
    static final AtomicInteger INJECTED = new AtomicInteger();

    /** Fails partition 1's task on its first attempt, at every step. */
    static final TaskHook FAIL_FIRST_ATTEMPT_OF_PARTITION_1 = (partition, attempt, step) -> {
        if (partition == 1 && attempt == 0) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected fault: partition 1, step " + step + ", attempt 0");
        }
    };

    @Test
    void retriedTasksGiveTheParametersOfARunWithoutFaults() {
        double[] y = new double[400];
        double[][] x = TestData.blobs(5, 400, 4, 3, y);
        TrainConfig cfg = EquivalenceTest.config("float64", "cross_entropy", 3).withEpochs(1);
        double[] clean = LocalTrainer.fit(cfg, x, y).parameters();
        int steps = (400 + 63) / 64;

        INJECTED.set(0);
        // local[2,3]: two cores, and a task may fail up to 3 times before the job does
        SparkSession spark = TestData.session("local[2,3]");
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            double[] faulty = new SparkTrainer(jsc).fit(cfg.withHook(FAIL_FIRST_ATTEMPT_OF_PARTITION_1),
                    jsc.parallelize(TestData.rows(x, y), 2)).parameters();
            assertThat(INJECTED.get()).isEqualTo(steps);
            assertThat(faulty).containsExactly(clean);
        } finally {
            spark.stop();
        }
    }

    @Test
    void withoutRetriesTheInjectedFaultFailsTheRun() {
        double[] y = new double[100];
        double[][] x = TestData.blobs(6, 100, 4, 3, y);
        TrainConfig cfg = EquivalenceTest.config("float64", "cross_entropy", 3).withEpochs(1);
        SparkSession spark = TestData.session("local[2]");   // spark.task.maxFailures = 1
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            assertThatThrownBy(() -> new SparkTrainer(jsc).fit(cfg.withHook(FAIL_FIRST_ATTEMPT_OF_PARTITION_1),
                    jsc.parallelize(TestData.rows(x, y), 2)))
                    .isInstanceOf(SparkException.class)
                    .hasMessageContaining("injected fault: partition 1");
        } finally {
            spark.stop();
        }
    }
}
