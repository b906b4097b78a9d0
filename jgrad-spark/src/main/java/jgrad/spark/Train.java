package jgrad.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * {@code jgrad train --spark MASTER FILE}: trains a {@link JgradClassifier} (or, with
 * {@code --regression}, a {@link JgradRegressor}) on a CSV (with a header) or Parquet file in a
 * Pipeline of {@code VectorAssembler} (every numeric column but the label), {@code StandardScaler}
 * and, for a string label, {@code StringIndexer}; prints the training metric and saves the
 * {@code PipelineModel}. {@code jgrad.cli.Main} hands {@code train --spark} here by reflection
 * when this module is on the class path; {@code spark-submit --class jgrad.spark.Train} runs it
 * directly.
 *
 * <pre>
 * spark-submit --class jgrad.spark.Train jgrad-spark-0.1.0-SNAPSHOT-all.jar --spark yarn data.parquet \
 *     --label y --layers 64,64 --epochs 20 --batch-size 256 --lr 0.003 --out model/
 * </pre>
 */
public final class Train {
    private Train() {
    }

    /** The usage text. */
    public static final String USAGE = String.join("\n",
            "usage: jgrad train --spark MASTER FILE [options]",
            "  MASTER             local[2], local[*], spark://host:7077, yarn, ... (\"submit\": the master spark-submit set)",
            "  FILE               a .csv (header row) or .parquet file or folder; any Hadoop path (hdfs://, s3a://)",
            "  --label COL        the label column (default: label, else the last column)",
            "  --layers H1,H2     hidden layer sizes (default 32)",
            "  --activation A     relu, tanh or sigmoid (default relu)",
            "  --optimizer O      adam or sgd (default adam)",
            "  --lr X             learning rate (default 0.001)",
            "  --schedule S       constant or cosine (default constant)",
            "  --batch-size N     global mini-batch (default 32)",
            "  --epochs N         epochs (default 10)",
            "  --seed N           seed of weights and batch order (default 0)",
            "  --regression       a regressor (mse) instead of a classifier",
            "  --out DIR          save the fitted PipelineModel there (default: not saved)");

    /** Runs with {@code args}; exits with its code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true), err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /**
     * Runs {@code train --spark} with {@code args} (with or without the leading "train"); returns
     * 0, 1 on bad data or failure, 2 on bad usage. jgrad-cli calls this by reflection.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        if (!a.isEmpty() && a.get(0).equals("train")) {
            a.remove(0);
        }
        String master = null, file = null, label = null, layers = "32", activation = "relu", optimizer = "adam",
                schedule = "constant",
                outDir = null;
        double lr = 0.001;
        int batch = 32, epochs = 10;
        long seed = 0;
        boolean regression = false;
        try {
            for (int i = 0; i < a.size(); i++) {
                String k = a.get(i);
                switch (k) {
                    case "--spark" -> master = value(a, ++i, k);
                    case "--label" -> label = value(a, ++i, k);
                    case "--layers" -> layers = value(a, ++i, k);
                    case "--activation" -> activation = value(a, ++i, k);
                    case "--optimizer" -> optimizer = value(a, ++i, k);
                    case "--schedule" -> schedule = value(a, ++i, k);
                    case "--lr" -> lr = Double.parseDouble(value(a, ++i, k));
                    case "--batch-size" -> batch = Integer.parseInt(value(a, ++i, k));
                    case "--epochs" -> epochs = Integer.parseInt(value(a, ++i, k));
                    case "--seed" -> seed = Long.parseLong(value(a, ++i, k));
                    case "--out" -> outDir = value(a, ++i, k);
                    case "--regression" -> regression = true;
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (k.startsWith("-") || file != null) {
                            throw new IllegalArgumentException("unknown or extra argument \"" + k + "\"");
                        }
                        file = k;
                    }
                }
            }
            if (master == null || file == null) {
                throw new IllegalArgumentException("give --spark MASTER and a FILE");
            }
        } catch (IllegalArgumentException e) {
            err.println("jgrad train --spark: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        SparkSession.Builder b = SparkSession.builder().appName("jgrad train");
        if (!master.equals("submit")) {
            b.master(master);
        }
        SparkSession spark = b.getOrCreate();
        try {
            String lower = file.toLowerCase(Locale.ROOT);
            Dataset<Row> df = lower.endsWith(".parquet") || lower.endsWith(".parquet/")
                    ? spark.read().parquet(file)
                    : spark.read().option("header", "true").option("inferSchema", "true").csv(file);
            String[] cols = df.columns();
            if (label == null) {
                label = Arrays.asList(cols).contains("label") ? "label" : cols[cols.length - 1];
            }
            if (!Arrays.asList(cols).contains(label)) {
                throw new IllegalArgumentException(file + ": no label column \"" + label + "\" among "
                        + Arrays.toString(cols) + "; name it with --label");
            }
            List<String> inputs = new ArrayList<>();
            for (StructField f : df.schema().fields()) {
                if (!f.name().equals(label) && f.dataType() instanceof NumericType) {
                    inputs.add(f.name());
                }
            }
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException(file + ": no numeric feature columns besides \"" + label + "\" in "
                        + Arrays.toString(cols));
            }
            List<PipelineStage> stages = new ArrayList<>();
            String labelCol = label;
            if (!regression && !(df.schema().apply(label).dataType() instanceof NumericType)) {
                stages.add(new StringIndexer().setInputCol(label).setOutputCol("label_index"));
                labelCol = "label_index";
            }
            stages.add(new VectorAssembler().setInputCols(inputs.toArray(new String[0])).setOutputCol("raw_features")
                    .setHandleInvalid("keep"));
            stages.add(new StandardScaler().setInputCol("raw_features").setOutputCol("features").setWithMean(true)
                    .setWithStd(true));
            int[] hidden = Arrays.stream(layers.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            JgradEstimator<?, ?> est = regression ? new JgradRegressor() : new JgradClassifier();
            est.setLabelCol(labelCol).setActivation(activation).setOptimizer(optimizer).setLearningRate(lr)
                    .setSchedule(schedule).setBatchSize(batch).setEpochs(epochs).setSeed(seed);
            stages.add(est);
            out.printf(Locale.ROOT, "jgrad train --spark %s: %s, %d feature columns %s, label \"%s\", hidden %s, %s%n",
                    master, file, inputs.size(), inputs, label, Arrays.toString(hidden),
                    regression ? "regression" : "classification");
            est.setHiddenLayers(hidden);
            long t0 = System.nanoTime();
            PipelineModel model = new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(df);
            double secs = (System.nanoTime() - t0) / 1e9;
            Dataset<Row> fitted = model.transform(df);
            String metric = regression
                    ? String.format(Locale.ROOT, "training RMSE %.5f",
                            new RegressionEvaluator().setLabelCol(labelCol).setMetricName("rmse").evaluate(fitted))
                    : String.format(Locale.ROOT, "training accuracy %.4f", new MulticlassClassificationEvaluator()
                            .setLabelCol(labelCol).setMetricName("accuracy").evaluate(fitted));
            out.printf(Locale.ROOT, "trained in %.1f s: %s%n", secs, metric);
            if (outDir != null) {
                model.write().overwrite().save(outDir);
                out.println("saved the PipelineModel to " + outDir + " (PipelineModel.load reads it)");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("jgrad train --spark: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("jgrad train --spark: cannot save to " + outDir + ": " + e.getMessage());
            return 1;
        } finally {
            spark.stop();
        }
    }

    private static String value(List<String> a, int i, String key) {
        if (i >= a.size()) {
            throw new IllegalArgumentException(key + " needs a value");
        }
        return a.get(i);
    }
}
