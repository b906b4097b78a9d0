package jgrad.spark.bench;

import java.util.List;
import java.util.Locale;
import jgrad.spark.ModelSpec;
import jgrad.spark.SparkTrainer;
import jgrad.spark.TensorBridge;
import jgrad.spark.TrainConfig;
import jgrad.spark.TrainResult;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.SparkSession;
import scala.reflect.ClassTag$;

/**
 * The figures of docs/scaling.md: step time against cores/partitions (local[1], local[2],
 * local[4]) and global batch size, step time and bytes per step against model size, and the
 * driver's share (the ordered sum). Each timing is the second of two epochs (the first warms
 * up), divided by its step count.
 *
 * <p>{@code mvn -B -ntp -q -Pspark -pl jgrad-spark -am package -DskipTests -Djgrad.spark.scaling}
 */
public final class SparkScaling {
    private SparkScaling() {
    }

    /** Prints the tables. */
    public static void main(String[] args) {
        int n = 40_960;
        RaceData data = new RaceData(7, n, 10, 4);
        int[] small = {10, 32, 32, 4};
        System.out.println("## step time (ms) against cores and batch size; model " + java.util.Arrays.toString(small)
                + ", " + TensorBridge.parameterCount(spec(small)) + " parameters, " + n + " rows, shards = 8");
        System.out.println("| master | batch 256 | batch 1024 | batch 4096 |");
        System.out.println("|---|---:|---:|---:|");
        for (String master : new String[] {"local[1]", "local[2]", "local[4]"}) {
            SparkSession spark = session(master);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            StringBuilder row = new StringBuilder("| " + master + " |");
            for (int batch : new int[] {256, 1024, 4096}) {
                row.append(String.format(Locale.ROOT, " %.1f |", stepMillis(jsc, data.rows, small, batch, 8)));
            }
            System.out.println(row);
            spark.stop();
        }

        System.out.println();
        System.out.println("## model size on local[2], batch 1024, shards 2: step time and bytes per step");
        System.out.println("| layers | parameters | sent per step | returned per step | step ms | driver sum ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        SparkSession spark = session("local[2]");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializerInstance ser = new JavaSerializer(new SparkConf()).newInstance();
        for (int[] layers : new int[][] {small, {10, 256, 256, 4}, {10, 1024, 1024, 4}}) {
            int p = TensorBridge.parameterCount(spec(layers));
            long paramBytes = ser.serialize(new double[p], ClassTag$.MODULE$.apply(double[].class)).remaining();
            int tasks = 2;
            String sent = p > SparkTrainer.BROADCAST_ABOVE
                    ? bytes(paramBytes) + " broadcast (+ " + tasks + " small closures)"
                    : tasks + " x " + bytes(paramBytes) + " in closures";
            String back = tasks + " x " + bytes(paramBytes + 100);
            double step = stepMillis(jsc, data.rows.subList(0, 8192), layers, 1024, 2);
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.3f |%n", java.util.Arrays.toString(layers), p,
                    sent, back, step, sumMillis(p, 2));
        }
        spark.stop();
    }

    static ModelSpec spec(int[] layers) {
        return new ModelSpec(layers, "relu", "cross_entropy", "float32");
    }

    static SparkSession session(String master) {
        SparkSession s = SparkSession.builder().master(master).appName("jgrad-spark scaling")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        s.sparkContext().setLogLevel("ERROR");
        return s;
    }

    /** Milliseconds per step in the second of two epochs. */
    static double stepMillis(JavaSparkContext jsc, List<double[]> rows, int[] layers, int batch, int shards) {
        TrainConfig cfg = new TrainConfig(spec(layers)).withOptimizer("adam", 0.001).withBatchSize(batch).withEpochs(2)
                .withSeed(1).withShards(shards);
        TrainResult r = new SparkTrainer(jsc).fit(cfg, jsc.parallelize(rows, jsc.defaultParallelism()));
        TrainResult.Epoch second = r.history().get(1);
        return second.seconds() * 1000 / (second.steps() - r.history().get(0).steps());
    }

    /** The driver's ordered sum of {@code shards} gradients of {@code p} scalars, in ms (best of 20). */
    static double sumMillis(int p, int shards) {
        double[][] g = new double[shards][p];
        double best = Double.MAX_VALUE;
        double sink = 0;
        for (int rep = 0; rep < 20; rep++) {
            long t0 = System.nanoTime();
            double[] s = new double[p];
            for (double[] gi : g) {
                for (int i = 0; i < p; i++) {
                    s[i] += gi[i];
                }
            }
            sink += s[0];
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best + sink * 0;
    }

    static String bytes(long b) {
        return b < 10_000 ? b + " B" : b < 10_000_000 ? (b / 1000) + " kB" : (b / 1_000_000) + " MB";
    }
}
