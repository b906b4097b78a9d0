package jgrad.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * What {@link JgradClassifier} and {@link JgradRegressor} share: the Spark ML {@code Params}
 * (columns, network, optimizer, batch, epochs, seed, shards) and the fit, which checks the data
 * ({@link InputCheck}) and trains with {@link SparkTrainer}.
 *
 * @param <M> the model type
 * @param <E> the estimator type, for chained setters
 */
public abstract class JgradEstimator<M extends Model<M>, E extends JgradEstimator<M, E>> extends Estimator<M>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final IntArrayParam layers;
    private final IntArrayParam hiddenLayers;
    private final Param<String> activation;
    private final Param<String> loss;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final IntParam batchSize;
    private final IntParam epochs;
    private final LongParam seed;
    private final Param<String> dtype;
    private final IntParam shards;
    private final Param<String> schedule;

    /** Declares the params with their defaults; {@code defaultLoss} is the subclass's. */
    protected JgradEstimator(String uid, String defaultLoss) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "the features vector column");
        labelCol = new Param<>(this, "labelCol", "the label column (class index or target value)");
        predictionCol = new Param<>(this, "predictionCol", "the prediction column transform adds");
        layers = new IntArrayParam(this, "layers",
                "layer sizes, input first and output last, as MLlib's MultilayerPerceptronClassifier; "
                        + "empty: [features, hiddenLayers..., outputs]");
        hiddenLayers = new IntArrayParam(this, "hiddenLayers", "hidden layer sizes used when layers is empty");
        activation = new Param<>(this, "activation", "hidden activation: relu, tanh or sigmoid");
        loss = new Param<>(this, "loss", "cross_entropy (classifier), mse or mae (regressor)");
        optimizer = new Param<>(this, "optimizer", "adam or sgd");
        learningRate = new DoubleParam(this, "learningRate", "the optimizer's learning rate (> 0)");
        batchSize = new IntParam(this, "batchSize", "rows per global mini-batch (>= 1)");
        epochs = new IntParam(this, "epochs", "passes over the data (>= 0)");
        seed = new LongParam(this, "seed", "seed of the initial weights and the batch order");
        dtype = new Param<>(this, "dtype", "element type of the network: float32 or float64");
        shards = new IntParam(this, "shards",
                "blocks of rows whose gradient sums are added in a fixed order (>= 1); the result depends on it, "
                        + "not on the partition count");
        schedule = new Param<>(this, "schedule", "learning-rate schedule: constant, or cosine (to 0 at the last step)");
        setDefault(schedule, "constant");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(layers, new int[0]);
        setDefault(hiddenLayers, new int[] {32});
        setDefault(activation, "relu");
        setDefault(loss, defaultLoss);
        setDefault(optimizer, "adam");
        setDefault(learningRate, 0.001);
        setDefault(batchSize, 32);
        setDefault(epochs, 10);
        setDefault(seed, 0L);
        setDefault(dtype, "float32");
        setDefault(shards, 16);
    }

    @Override
    public String uid() {
        return uid;
    }

    @SuppressWarnings("unchecked")
    private E self() {
        return (E) this;
    }

    // ---------------------------------------------------------------- params (Spark finds them by these methods)

    /** @return the param */
    public Param<String> featuresCol() { return featuresCol; }
    /** @return the param */
    public Param<String> labelCol() { return labelCol; }
    /** @return the param */
    public Param<String> predictionCol() { return predictionCol; }
    /** @return the param */
    public IntArrayParam layers() { return layers; }
    /** @return the param */
    public IntArrayParam hiddenLayers() { return hiddenLayers; }
    /** @return the param */
    public Param<String> activation() { return activation; }
    /** @return the param */
    public Param<String> loss() { return loss; }
    /** @return the param */
    public Param<String> optimizer() { return optimizer; }
    /** @return the param */
    public DoubleParam learningRate() { return learningRate; }
    /** @return the param */
    public IntParam batchSize() { return batchSize; }
    /** @return the param */
    public IntParam epochs() { return epochs; }
    /** @return the param */
    public LongParam seed() { return seed; }
    /** @return the param */
    public Param<String> dtype() { return dtype; }
    /** @return the param */
    public IntParam shards() { return shards; }

    /** @return this */
    public E setFeaturesCol(String v) { set(featuresCol, v); return self(); }
    /** @return this */
    public E setLabelCol(String v) { set(labelCol, v); return self(); }
    /** @return this */
    public E setPredictionCol(String v) { set(predictionCol, v); return self(); }
    /** Layer sizes, input first, output last. @return this */
    public E setLayers(int... v) { set(layers, v); return self(); }
    /** @return this */
    public E setActivation(String v) { set(activation, v); return self(); }
    /** @return this */
    public E setLoss(String v) { set(loss, v); return self(); }
    /** @return this */
    public E setOptimizer(String v) { set(optimizer, v); return self(); }
    /** @return this */
    public E setLearningRate(double v) { set(learningRate, v); return self(); }
    /** @return this */
    public E setBatchSize(int v) { set(batchSize, v); return self(); }
    /** @return this */
    public E setEpochs(int v) { set(epochs, v); return self(); }
    /** @return this */
    public E setSeed(long v) { set(seed, v); return self(); }
    /** @return this */
    public E setDtype(String v) { set(dtype, v); return self(); }
    /** @return this */
    public E setShards(int v) { set(shards, v); return self(); }
    /** @return the param */
    public Param<String> schedule() { return schedule; }
    /** "constant" or "cosine". @return this */
    public E setSchedule(String v) { set(schedule, v); return self(); }

    /**
     * Only hidden sizes, used when {@code layers} is empty: the input size comes from the data and
     * the output size from the classes (1 for a regressor) when fit runs. @return this
     */
    public E setHiddenLayers(int... v) { set(hiddenLayers, v); return self(); }

    // ---------------------------------------------------------------- fitting

    /** Whether this estimator classifies (labels are class indices). */
    abstract boolean classifier();

    /** The model for a finished run. */
    abstract M newModel(ModelSpec spec, double[] parameters, int classes);

    @Override
    public M fit(Dataset<?> dataset) {
        String who = getClass().getSimpleName();
        String f = getOrDefault(featuresCol), l = getOrDefault(labelCol);
        InputCheck.Summary summary = InputCheck.check(who, dataset, f, l, classifier());
        int outputs = classifier() ? Math.max(2, summary.classes()) : 1;
        int[] sizes = getOrDefault(layers);
        if (sizes.length == 0) {
            int[] hidden = getOrDefault(hiddenLayers);
            sizes = new int[hidden.length + 2];
            sizes[0] = summary.features();
            System.arraycopy(hidden, 0, sizes, 1, hidden.length);
            sizes[sizes.length - 1] = outputs;
        } else if (sizes.length < 2 || sizes[0] != summary.features() || sizes[sizes.length - 1] < outputs
                || (!classifier() && sizes[sizes.length - 1] != 1)) {
            throw new IllegalArgumentException(who + ": layers " + java.util.Arrays.toString(sizes)
                    + " must start with the " + summary.features() + " features of column \"" + f + "\" and end with "
                    + (classifier() ? "at least the " + outputs + " classes of column \"" + l + "\"" : "1 output")
                    + " (" + summary.rows() + " rows)");
        }
        ModelSpec spec = new ModelSpec(sizes, getOrDefault(activation), getOrDefault(loss), getOrDefault(dtype));
        if (classifier() != spec.loss().equals("cross_entropy")) {
            throw new IllegalArgumentException(who + ": loss \"" + spec.loss() + "\" does not fit a "
                    + (classifier() ? "classifier; use cross_entropy" : "regressor; use mse or mae"));
        }
        TrainConfig cfg = new TrainConfig(spec).withOptimizer(getOrDefault(optimizer), (Double) getOrDefault(learningRate))
                .withBatchSize((Integer) getOrDefault(batchSize)).withEpochs((Integer) getOrDefault(epochs))
                .withSeed((Long) getOrDefault(seed)).withShards((Integer) getOrDefault(shards))
                .withSchedule(getOrDefault(schedule));
        SparkSession spark = dataset.sparkSession();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrainResult result = new SparkTrainer(jsc).fit(cfg, InputCheck.rows(dataset, f, l));
        M model = newModel(spec, result.parameters(), outputs);
        copyValues(model, extractParamMap());
        model.setParent(this);
        return model;
    }
}
