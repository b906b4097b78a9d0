package jgrad.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.spark.ModelSpec;
import jgrad.spark.SparkTrainer;
import jgrad.spark.TensorBridge;
import jgrad.spark.TrainConfig;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The race of issue 16: jgrad-spark (ReLU, Adam, mini-batches, synchronous data-parallel) against
 * MLlib's {@code MultilayerPerceptronClassifier} (sigmoid, L-BFGS, full batch) on local[2], same
 * generated data ({@link RaceData}: 120,000 training and 20,000 held-out rows, 10 features,
 * 4 classes) and the same layer sizes [10, 32, 32, 4]. MLlib is fitted with maxIter 10, 25, 50,
 * 100 (its default) and 200, each from scratch; jgrad-spark is measured after every epoch (the
 * held-out evaluation is not counted in its time). Prints a table.
 *
 * <p>{@code mvn -B -ntp -q -Pspark -pl jgrad-spark -am package -DskipTests -Djgrad.spark.race}
 * (arguments: master, training rows, jgrad epochs, batch size, learning rate; a sixth argument
 * {@code jgrad-only} skips MLlib and takes a comma-separated list of learning rates).
 */
public final class SparkRace {
    /** jgrad-spark's learning-rate schedule in the race. */
    static final String SCHEDULE = "cosine";

    private SparkRace() {
    }

    /** Runs the race and prints the table. */
    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 120_000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 512;
        double lr = args.length > 4 ? Double.parseDouble(args[4].split(",")[0]) : 0.01;
        int[] layers = {10, 32, 32, 4};
        int heldOut = 20_000;
        RaceData data = new RaceData(42, n + heldOut, layers[0], layers[3]);
        List<double[]> train = data.rows.subList(0, n), test = data.rows.subList(n, n + heldOut);

        SparkSession spark = SparkSession.builder().master(master).appName("jgrad-spark race")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int cores = jsc.defaultParallelism();
        try {
            Dataset<Row> trainDf = frame(spark, train, cores).persist(StorageLevel.MEMORY_ONLY());
            Dataset<Row> testDf = frame(spark, test, cores).persist(StorageLevel.MEMORY_ONLY());
            trainDf.count();
            testDf.count();
            System.out.printf(Locale.ROOT, "# race on %s: %d training rows, %d held out, layers %s%n", master, n,
                    heldOut, java.util.Arrays.toString(layers));

            // warm-up of both code paths (JIT, Spark's first jobs), not measured
            new MultilayerPerceptronClassifier().setLayers(layers).setMaxIter(2).setSeed(1).fit(trainDf);
            jgrad(jsc, train.subList(0, 5000), test, layers, 1, batch, lr, cores, false, "relu", SCHEDULE);

            if (args.length > 5 && args[5].equals("jgrad-only")) {
                for (String rate : args[4].split(",")) {
                    jgrad(jsc, train, test, layers, epochs, batch, Double.parseDouble(rate), cores, true,
                            args.length > 6 ? args[6] : "relu", args.length > 7 ? args[7] : SCHEDULE);
                }
                return;
            }
            List<double[]> mllib = new ArrayList<>();
            System.out.println("| learner | setting | train seconds | held-out accuracy |");
            System.out.println("|---|---|---:|---:|");
            MulticlassClassificationEvaluator acc = new MulticlassClassificationEvaluator().setMetricName("accuracy");
            for (int iters : new int[] {10, 25, 50, 100, 200}) {
                long t0 = System.nanoTime();
                MultilayerPerceptronClassificationModel m = new MultilayerPerceptronClassifier().setLayers(layers)
                        .setMaxIter(iters).setSeed(1).fit(trainDf);
                double secs = (System.nanoTime() - t0) / 1e9;
                double a = acc.evaluate(m.transform(testDf));
                mllib.add(new double[] {iters, secs, a});
                System.out.printf(Locale.ROOT, "| MLlib MLP (sigmoid, L-BFGS) | maxIter %d | %.1f | %.4f |%n", iters, secs, a);
            }
            List<double[]> ours = jgrad(jsc, train, test, layers, epochs, batch, lr, cores, true, "relu", SCHEDULE);

            double[] def = mllib.get(3);   // maxIter 100, MLlib's default
            double target = def[2];
            double reach = Double.NaN;
            for (double[] e : ours) {
                if (e[2] >= target) {
                    reach = e[1];
                    break;
                }
            }
            double atSameTime = Double.NaN;
            for (double[] e : ours) {
                if (e[1] <= def[1]) {
                    atSameTime = e[2];
                }
            }
            System.out.printf(Locale.ROOT, "%nMLlib's default run (maxIter 100): accuracy %.4f in %.1f s%n", target, def[1]);
            System.out.printf(Locale.ROOT, "jgrad-spark reaches %.4f in %s s (%s of MLlib's time)%n", target,
                    Double.isNaN(reach) ? "n/a" : String.format(Locale.ROOT, "%.1f", reach),
                    Double.isNaN(reach) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * reach / def[1]));
            System.out.printf(Locale.ROOT, "within MLlib's %.1f s: MLlib %.4f, jgrad-spark %.4f%n", def[1], target,
                    atSameTime);
        } finally {
            spark.stop();
        }
    }

    /** jgrad-spark's run: rows (epoch, seconds so far, held-out accuracy), one per epoch. */
    static List<double[]> jgrad(JavaSparkContext jsc, List<double[]> train, List<double[]> test, int[] layers,
            int epochs, int batch, double lr, int cores, boolean print, String activation, String schedule) {
        ModelSpec spec = new ModelSpec(layers, activation, "cross_entropy", "float32");
        TrainConfig cfg = new TrainConfig(spec).withOptimizer("adam", lr).withBatchSize(batch).withEpochs(epochs)
                .withSeed(1).withShards(cores).withSchedule(schedule);
        List<double[]> out = new ArrayList<>();
        long[] evalNanos = {0};
        long t0 = System.nanoTime();
        new SparkTrainer(jsc).listener((e, params) -> {
            long s = System.nanoTime();
            double secs = (s - t0 - evalNanos[0]) / 1e9;
            double a = accuracy(spec, params, test);
            out.add(new double[] {e.epoch() + 1, secs, a});
            if (print) {
                System.out.printf(Locale.ROOT, "| jgrad-spark (%s, Adam, batch %d, lr %s %s) | epoch %d (%d steps) | %.1f | %.4f |%n",
                        activation, batch, lr, schedule, e.epoch() + 1, e.steps(), secs, a);
            }
            evalNanos[0] += System.nanoTime() - s;
        }).fit(cfg, jsc.parallelize(train, cores));
        return out;
    }

    static double accuracy(ModelSpec spec, double[] params, List<double[]> rows) {
        int d = spec.inputs(), k = spec.outputs();
        TensorBridge net = new TensorBridge(spec);
        net.setParameters(params);
        double[] x = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * d, d);
        }
        double[] out = net.forward(x, rows.size());
        int correct = 0;
        for (int i = 0; i < rows.size(); i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (out[i * k + c] > out[i * k + best]) {
                    best = c;
                }
            }
            correct += best == (int) rows.get(i)[d] ? 1 : 0;
        }
        return (double) correct / rows.size();
    }

    static Dataset<Row> frame(SparkSession spark, List<double[]> rows, int partitions) {
        List<Row> out = new ArrayList<>(rows.size());
        for (double[] r : rows) {
            out.add(RowFactory.create(Vectors.dense(java.util.Arrays.copyOf(r, r.length - 1)), r[r.length - 1]));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(out, schema).repartition(partitions);
    }
}
