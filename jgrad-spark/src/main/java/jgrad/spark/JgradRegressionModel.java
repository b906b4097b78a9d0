package jgrad.spark;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link JgradRegressor}: {@code transform} adds {@code prediction}, the network's
 * output. Saves and loads as {@link JgradClassificationModel} does.
 *
 * <pre>{@code
 * JgradRegressionModel m = new JgradRegressor().fit(train);
 * m.transform(test).select("label", "prediction");
 * }</pre>
 */
public final class JgradRegressionModel extends JgradModel<JgradRegressionModel> {
    private static final long serialVersionUID = 1L;

    JgradRegressionModel(String uid, ModelSpec spec, double[] parameters) {
        super(uid, spec, parameters, 0);
    }

    private JgradRegressionModel(String uid, ModelSpec spec, double[] parameters, int classes) {
        this(uid, spec, parameters);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        RowPredictor net = new RowPredictor(spec, parameters);
        UserDefinedFunction predict = functions.udf((UDF1<Vector, Double>) v -> net.raw(v.toArray())[0],
                DataTypes.DoubleType);
        return dataset.withColumn(getOrDefault(predictionCol()), predict.apply(col(getOrDefault(featuresCol()))));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        checkInput(schema);
        return outputSchema(schema, getOrDefault(predictionCol()));
    }

    static StructType outputSchema(StructType schema, String prediction) {
        if (Arrays.asList(schema.fieldNames()).contains(prediction)) {
            throw new IllegalArgumentException("JgradRegressor: the output column \"" + prediction
                    + "\" exists already; set another name (setPredictionCol)");
        }
        return schema.add(prediction, DataTypes.DoubleType, false);
    }

    @Override
    public JgradRegressionModel copy(ParamMap extra) {
        JgradRegressionModel m = copyValues(new JgradRegressionModel(uid(), spec, parameters), extra);
        return m.setParent(parent());
    }

    /** Spark's reader: params from {@code metadata/}, weights from {@code weights.safetensors}. */
    public static MLReader<JgradRegressionModel> read() {
        return new Reader<>(JgradRegressionModel.class, JgradRegressionModel::new);
    }

    /** Loads a model saved with {@code write().save(path)}. */
    public static JgradRegressionModel load(String path) {
        return read().load(path);
    }
}
