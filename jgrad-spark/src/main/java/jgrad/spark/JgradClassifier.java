package jgrad.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML estimator that trains a jgrad MLP classifier by synchronous data-parallel
 * mini-batch training ({@link SparkTrainer}): ReLU (or tanh, sigmoid) hidden layers, softmax
 * cross-entropy, Adam or SGD. Reads a {@code features} vector column and a {@code label} column
 * of class indices 0..k-1, so it drops into a {@code Pipeline} after {@code VectorAssembler} and
 * {@code StandardScaler}.
 *
 * <pre>{@code
 * JgradClassifier clf = new JgradClassifier().setLayers(4, 32, 3).setEpochs(20).setBatchSize(64)
 *         .setLearningRate(0.01).setSeed(1);
 * Pipeline p = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, clf});
 * PipelineModel m = p.fit(train);
 * m.transform(test).select("prediction", "probability");
 * }</pre>
 */
public final class JgradClassifier extends JgradEstimator<JgradClassificationModel, JgradClassifier> {
    private static final long serialVersionUID = 1L;

    /** A classifier with a random uid and the default params. */
    public JgradClassifier() {
        this(Identifiable.randomUID("jgradClassifier"));
    }

    /** A classifier with the given uid (Spark's copy and load use this). */
    public JgradClassifier(String uid) {
        super(uid, "cross_entropy");
    }

    @Override
    boolean classifier() {
        return true;
    }

    @Override
    JgradClassificationModel newModel(ModelSpec spec, double[] parameters, int classes) {
        return new JgradClassificationModel(uid(), spec, parameters, classes);
    }

    @Override
    public JgradClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Adds the model's output columns; the input columns are checked by fit, with the row count. */
    @Override
    public StructType transformSchema(StructType schema) {
        return JgradClassificationModel.outputSchema(schema, getOrDefault(predictionCol()), "probability");
    }

    /** Spark's reader for a saved (unfitted) classifier. */
    public static MLReader<JgradClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads a classifier saved with {@code write().save(path)}. */
    public static JgradClassifier load(String path) {
        return read().load(path);
    }
}
