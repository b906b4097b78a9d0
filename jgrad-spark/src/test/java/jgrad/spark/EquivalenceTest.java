package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import jgrad.nn.ClassificationLoss;
import jgrad.optim.Adam;
import jgrad.optim.ParameterGroup;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.tensor.nn.Activation;
import jgrad.tensor.nn.Init;
import jgrad.tensor.nn.MLP;
import jgrad.tensor.nn.TensorTrainer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * DDP's promise: N steps on local[2] and local[4] give the parameters of the single-process run
 * with the same data, seed and global batch.
 */
class EquivalenceTest {
    static final int N = 600;

    static TrainConfig config(String dtype, String loss, int outputs) {
        ModelSpec spec = new ModelSpec(new int[] {4, 8, outputs}, "relu", loss, dtype);
        return new TrainConfig(spec).withOptimizer("adam", 0.01).withBatchSize(64).withEpochs(2).withSeed(7)
                .withShards(8);
    }

    static TrainResult onSpark(String master, TrainConfig cfg, double[][] x, double[] y) {
        SparkSession spark = TestData.session(master);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            // more input partitions than cores, in a different layout than the shards
            return new SparkTrainer(jsc).fit(cfg, jsc.parallelize(TestData.rows(x, y), 3));
        } finally {
            spark.stop();
        }
    }

    @Test
    void float64ClassifierIsBitForBitTheSameOnTwoAndFourCoresAndInOneProcess() {
        double[] y = new double[N];
        double[][] x = TestData.blobs(1, N, 4, 3, y);
        TrainConfig cfg = config("float64", "cross_entropy", 3);
        double[] local = LocalTrainer.fit(cfg, x, y).parameters();
        double[] two = onSpark("local[2]", cfg, x, y).parameters();
        double[] four = onSpark("local[4]", cfg, x, y).parameters();
        assertThat(two).containsExactly(local);
        assertThat(four).containsExactly(local);
        // and the steps moved the parameters
        assertThat(local).isNotEqualTo(TensorBridge.initialParameters(cfg.spec(), 7));
        // the same model as jgrad's own TensorTrainer, up to the order of the float64 sums
        double[] reference = tensorTrainer(cfg, x, y, DType.FLOAT64);
        assertThat(maxAbsDiff(local, reference)).isLessThan(1e-12);
        // the comparison is sharp: another sum order (4 shards instead of 8) changes the low bits
        assertThat(LocalTrainer.fit(cfg.withShards(4), x, y).parameters()).isNotEqualTo(local);
    }

    @Test
    void float32ClassifierAgreesWithTheSingleProcessTrainerWithin1e6() {
        double[] y = new double[N];
        double[][] x = TestData.blobs(2, N, 4, 3, y);
        TrainConfig cfg = config("float32", "cross_entropy", 3);
        double[] local = LocalTrainer.fit(cfg, x, y).parameters();
        double[] two = onSpark("local[2]", cfg, x, y).parameters();
        double[] four = onSpark("local[4]", cfg, x, y).parameters();
        assertThat(two).containsExactly(local);
        assertThat(four).containsExactly(local);
        assertThat(maxAbsDiff(local, tensorTrainer(cfg, x, y, DType.FLOAT32))).isLessThan(1e-6);
    }

    @Test
    void float64RegressionIsBitForBitTheSameOnSparkAndInOneProcess() {
        Random rng = new Random(3);
        double[][] x = new double[N][4];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = rng.nextGaussian();
            }
            y[i] = Math.sin(x[i][0]) + 0.5 * x[i][1] * x[i][2] + 0.1 * rng.nextGaussian();
        }
        TrainConfig cfg = config("float64", "mse", 1);
        double[] local = LocalTrainer.fit(cfg, x, y).parameters();
        assertThat(onSpark("local[4]", cfg, x, y).parameters()).containsExactly(local);
    }

    /**
     * jgrad's single-process TensorTrainer on the same batches (BatchPlan's order), from the same
     * initial weights: the independent reference for the math.
     */
    static double[] tensorTrainer(TrainConfig cfg, double[][] x, double[] y, DType dtype) {
        MLP model = new MLP(new Random(cfg.seed), dtype, Activation.RELU, Init.KAIMING_UNIFORM, cfg.spec().sizes());
        Adam adam = new Adam(ParameterGroup.of(model.parameters()), cfg.learningRate, 0.9, 0.999, 1e-8, 0);
        TensorTrainer trainer = new TensorTrainer(model, ClassificationLoss.CROSS_ENTROPY, adam);
        double[] flat = new double[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
        }
        Tensor all = Tensor.of(dtype, flat, x.length, x[0].length);
        BatchPlan plan = new BatchPlan(x.length, cfg.batchSize, cfg.seed);
        for (int e = 0; e < cfg.epochs; e++) {
            for (int[] batch : plan.nextEpoch()) {
                int[] labels = Arrays.stream(batch).map(i -> (int) y[i]).toArray();
                trainer.step(all.indexSelect(0, batch), labels, e);
            }
        }
        double[] v = new double[ParameterGroup.of(model.parameters()).size()];
        ParameterGroup.of(model.parameters()).read(v, new double[v.length]);
        return v;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

}
