package jgrad.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML estimator that trains a jgrad MLP regressor (one output, mean squared or absolute
 * error) by synchronous data-parallel mini-batch training ({@link SparkTrainer}).
 *
 * <pre>{@code
 * JgradRegressor reg = new JgradRegressor().setLayers(3, 16, 1).setEpochs(30).setLearningRate(0.01);
 * JgradRegressionModel m = reg.fit(train);
 * m.transform(test).select("label", "prediction");
 * }</pre>
 */
public final class JgradRegressor extends JgradEstimator<JgradRegressionModel, JgradRegressor> {
    private static final long serialVersionUID = 1L;

    /** A regressor with a random uid and the default params (mse loss). */
    public JgradRegressor() {
        this(Identifiable.randomUID("jgradRegressor"));
    }

    /** A regressor with the given uid (Spark's copy and load use this). */
    public JgradRegressor(String uid) {
        super(uid, "mse");
    }

    @Override
    boolean classifier() {
        return false;
    }

    @Override
    JgradRegressionModel newModel(ModelSpec spec, double[] parameters, int classes) {
        return new JgradRegressionModel(uid(), spec, parameters);
    }

    @Override
    public JgradRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Adds the prediction column; the input columns are checked by fit, with the row count. */
    @Override
    public StructType transformSchema(StructType schema) {
        return JgradRegressionModel.outputSchema(schema, getOrDefault(predictionCol()));
    }

    /** Spark's reader for a saved (unfitted) regressor. */
    public static MLReader<JgradRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads a regressor saved with {@code write().save(path)}. */
    public static JgradRegressor load(String path) {
        return read().load(path);
    }
}
