package jgrad.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * What the fitted models share: the network ({@link ModelSpec} and flat parameters), the column
 * params, and saving: Spark's params metadata ({@code metadata/}, as every ML stage) plus
 * {@code weights.safetensors}, the weights under PyTorch-style names with the spec in the
 * safetensors metadata.
 *
 * @param <M> the model type
 */
public abstract class JgradModel<M extends Model<M>> extends Model<M> implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The weights file inside a saved model's folder. */
    public static final String WEIGHTS = "weights.safetensors";

    private final String uid;
    final ModelSpec spec;
    final double[] parameters;
    final int classes;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;

    JgradModel(String uid, ModelSpec spec, double[] parameters, int classes) {
        this.uid = uid;
        this.spec = spec;
        this.parameters = parameters.clone();
        this.classes = classes;
        featuresCol = new Param<>(this, "featuresCol", "the features vector column");
        labelCol = new Param<>(this, "labelCol", "the label column (read by evaluators, not by transform)");
        predictionCol = new Param<>(this, "predictionCol", "the prediction column transform adds");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the param */
    public Param<String> featuresCol() { return featuresCol; }
    /** @return the param */
    public Param<String> labelCol() { return labelCol; }
    /** @return the param */
    public Param<String> predictionCol() { return predictionCol; }

    /** The network's shape, activation, loss and dtype. */
    public ModelSpec spec() {
        return spec;
    }

    /** The trained parameters, flat, in {@link TensorBridge} order (a copy). */
    public double[] parameters() {
        return parameters.clone();
    }

    /** The network's outputs for one feature vector (logits, or the predicted value). */
    public double[] predictRaw(double[] features) {
        TensorBridge net = new TensorBridge(spec);
        net.setParameters(parameters);
        return net.forward(features, 1);
    }

    /** Throws unless the features column is there and holds vectors. */
    void checkInput(StructType schema) {
        String f = getOrDefault(featuresCol);
        if (!Arrays.asList(schema.fieldNames()).contains(f)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no column \"" + f + "\" among "
                    + Arrays.toString(schema.fieldNames()) + "; the model reads its features from it");
        }
        if (!schema.apply(f).dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": column \"" + f + "\" is "
                    + schema.apply(f).dataType().simpleString() + ", not a vector; assemble it with VectorAssembler");
        }
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Writes the params metadata the Spark way, then the weights. */
    static final class Writer extends DefaultParamsWriter {
        private final JgradModel<?> model;

        Writer(JgradModel<?> model) {
            super(model);
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            super.saveImpl(path);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("jgrad.sizes", Arrays.toString(model.spec.sizes()));
            meta.put("jgrad.activation", model.spec.activation());
            meta.put("jgrad.loss", model.spec.loss());
            meta.put("jgrad.dtype", model.spec.dtype());
            meta.put("jgrad.classes", Integer.toString(model.classes));
            byte[] bytes = TensorBridge.toSafeTensors(model.spec, model.parameters, meta);
            Path file = new Path(path, WEIGHTS);
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("jgrad-spark: cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Builds a model of the reader's class from a spec, parameters and class count. */
    @FunctionalInterface
    interface Factory<M> {
        M make(String uid, ModelSpec spec, double[] parameters, int classes);
    }

    /** Reads a model saved by {@link Writer}. */
    static final class Reader<M extends JgradModel<?>> extends MLReader<M> {
        private final Class<M> type;
        private final Factory<M> factory;

        Reader(Class<M> type, Factory<M> factory) {
            this.type = type;
            this.factory = factory;
        }

        @Override
        public M load(String path) {
            SparkSession spark = sparkSession();
            DefaultParamsReader.Metadata md = DefaultParamsReader.loadMetadata(path, spark, type.getName());
            Path file = new Path(path, WEIGHTS);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    in.transferTo(buf);
                    bytes = buf.toByteArray();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("jgrad-spark: cannot read " + file + ": " + e.getMessage(), e);
            }
            Map<String, String> meta = TensorBridge.safeTensorsMetadata(bytes, file.toString());
            String sizes = meta.get("jgrad.sizes");
            if (sizes == null) {
                throw new IllegalArgumentException(file + ": no jgrad.sizes in the safetensors metadata; "
                        + "the file was not written by jgrad-spark");
            }
            int[] s = Arrays.stream(sizes.replaceAll("[\\[\\] ]", "").split(",")).mapToInt(Integer::parseInt).toArray();
            ModelSpec spec = new ModelSpec(s, meta.get("jgrad.activation"), meta.get("jgrad.loss"), meta.get("jgrad.dtype"));
            double[] params = TensorBridge.fromSafeTensors(spec, bytes, file.toString());
            M model = factory.make(md.uid(), spec, params, Integer.parseInt(meta.getOrDefault("jgrad.classes", "0")));
            md.getAndSetParams(model, scala.Option.empty());
            return model;
        }
    }
}
