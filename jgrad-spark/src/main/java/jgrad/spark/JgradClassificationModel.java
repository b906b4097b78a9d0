package jgrad.spark;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
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
 * A fitted {@link JgradClassifier}: {@code transform} adds {@code probability} (the softmax of
 * the network's outputs, a vector) and {@code prediction} (the most probable class, a double).
 * Saves with {@code write().save(path)} and loads with {@link #load}; the weights are
 * {@code weights.safetensors} in the model's folder.
 *
 * <pre>{@code
 * JgradClassificationModel m = new JgradClassifier().setEpochs(5).fit(train);
 * m.write().overwrite().save("/models/clf");
 * JgradClassificationModel again = JgradClassificationModel.load("/models/clf");
 * }</pre>
 */
public final class JgradClassificationModel extends JgradModel<JgradClassificationModel> {
    private static final long serialVersionUID = 1L;
    private final Param<String> probabilityCol;

    JgradClassificationModel(String uid, ModelSpec spec, double[] parameters, int classes) {
        super(uid, spec, parameters, classes);
        probabilityCol = new Param<>(this, "probabilityCol", "the class probabilities column transform adds");
        setDefault(probabilityCol, "probability");
    }

    /** @return the param */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** @return this */
    public JgradClassificationModel setProbabilityCol(String v) {
        set(probabilityCol, v);
        return this;
    }

    /** @return this */
    public JgradClassificationModel setPredictionCol(String v) {
        set(predictionCol(), v);
        return this;
    }

    /** @return this */
    public JgradClassificationModel setFeaturesCol(String v) {
        set(featuresCol(), v);
        return this;
    }

    /** The number of classes (network outputs). */
    public int numClasses() {
        return spec.outputs();
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        RowPredictor net = new RowPredictor(spec, parameters);
        UserDefinedFunction prob = functions.udf(
                (UDF1<Vector, Vector>) v -> Vectors.dense(net.probabilities(v.toArray())), SQLDataTypes.VectorType());
        UserDefinedFunction argmax = functions.udf((UDF1<Vector, Double>) v -> (double) v.argmax(), DataTypes.DoubleType);
        String p = getOrDefault(probabilityCol);
        return dataset.withColumn(p, prob.apply(col(getOrDefault(featuresCol()))))
                .withColumn(getOrDefault(predictionCol()), argmax.apply(col(p)));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        checkInput(schema);
        return outputSchema(schema, getOrDefault(predictionCol()), getOrDefault(probabilityCol));
    }

    static StructType outputSchema(StructType schema, String prediction, String probability) {
        for (String c : new String[] {prediction, probability}) {
            if (Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException("JgradClassifier: the output column \"" + c
                        + "\" exists already; set another name (setPredictionCol / setProbabilityCol)");
            }
        }
        return schema.add(probability, SQLDataTypes.VectorType(), false).add(prediction, DataTypes.DoubleType, false);
    }

    @Override
    public JgradClassificationModel copy(ParamMap extra) {
        JgradClassificationModel m = copyValues(new JgradClassificationModel(uid(), spec, parameters, classes), extra);
        return m.setParent(parent());
    }

    /** Spark's reader: params from {@code metadata/}, weights from {@code weights.safetensors}. */
    public static MLReader<JgradClassificationModel> read() {
        return new Reader<>(JgradClassificationModel.class, JgradClassificationModel::new);
    }

    /** Loads a model saved with {@code write().save(path)}. */
    public static JgradClassificationModel load(String path) {
        return read().load(path);
    }
}
