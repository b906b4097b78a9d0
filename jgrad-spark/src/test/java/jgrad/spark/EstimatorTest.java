package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML face: estimators, Pipeline with VectorAssembler and StandardScaler, save and load. */
class EstimatorTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestData.session("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Rows [from, to) of blobs as a table of four double columns a, b, c, d and a label. */
    static Dataset<Row> table(long seed, int from, int to, double scale) {
        double[] y = new double[to];
        double[][] x = TestData.blobs(seed, to, 4, 3, y);
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            // columns on very different scales, so StandardScaler has work to do
            rows.add(RowFactory.create(x[i][0] * scale, x[i][1], x[i][2] / scale, x[i][3] + 100, y[i]));
        }
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("d", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }

    static Dataset<Row> vectors(double[][] x, double[] y) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(RowFactory.create(Vectors.dense(x[i]), y[i]));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }

    @Test
    void theClassifierTrainsTheModelOfTheDataParallelTrainer() {
        double[] y = new double[300];
        double[][] x = TestData.blobs(11, 300, 4, 3, y);
        JgradClassificationModel m = new JgradClassifier().setLayers(4, 8, 3).setDtype("float64").setEpochs(2)
                .setBatchSize(64).setLearningRate(0.01).setSeed(7).setShards(8).fit(vectors(x, y));
        double[] reference = LocalTrainer.fit(EquivalenceTest.config("float64", "cross_entropy", 3), x, y).parameters();
        assertThat(m.parameters()).containsExactly(reference);
        // transform's probabilities are the softmax of the network's outputs for that row
        Row first = m.transform(vectors(x, y)).select("probability", "prediction").first();
        double[] raw = m.predictRaw(x[0]);
        double z = Math.exp(raw[0]) + Math.exp(raw[1]) + Math.exp(raw[2]);
        Vector p = first.getAs(0);
        for (int k = 0; k < 3; k++) {
            assertThat(p.apply(k)).isCloseTo(Math.exp(raw[k]) / z, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(first.getDouble(1)).isEqualTo((double) p.argmax());
    }

    @Test
    void aPipelineWithVectorAssemblerAndStandardScalerFitsSavesAndLoads(@TempDir Path dir) throws Exception {
        Dataset<Row> train = table(21, 0, 1000, 1000), test = table(21, 1000, 2000, 1000);
        VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"a", "b", "c", "d"})
                .setOutputCol("raw");
        StandardScaler scaler = new StandardScaler().setInputCol("raw").setOutputCol("features")
                .setWithMean(true).setWithStd(true);
        JgradClassifier clf = new JgradClassifier().setLayers(4, 16, 3).setEpochs(5).setBatchSize(100)
                .setLearningRate(0.01).setSeed(3);
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, clf}).fit(train);
        Dataset<Row> predicted = model.transform(test);
        assertThat(predicted.columns()).contains("prediction", "probability");
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predicted);
        // the blobs overlap a little; a logistic regression on them gets about the same
        assertThat(accuracy).isGreaterThan(0.85);
        String path = dir.resolve("pipeline").toString();
        model.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        JgradClassificationModel a = (JgradClassificationModel) model.stages()[2];
        JgradClassificationModel b = (JgradClassificationModel) loaded.stages()[2];
        assertThat(b.parameters()).containsExactly(a.parameters());
        assertThat(b.spec()).isEqualTo(a.spec());
        assertThat(b.uid()).isEqualTo(a.uid());
        List<Row> before = predicted.select("prediction", "probability").collectAsList();
        List<Row> after = loaded.transform(test).select("prediction", "probability").collectAsList();
        assertThat(after).isEqualTo(before);
        assertThat(Files.exists(dir.resolve("pipeline/stages/2_" + a.uid() + "/" + JgradModel.WEIGHTS))).isTrue();
    }

    @Test
    void aRegressorFitsAndRoundTripsOnItsOwn(@TempDir Path dir) throws Exception {
        Random rng = new Random(4);
        int n = 800;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextGaussian();
            }
            y[i] = 2 * x[i][0] - x[i][1] + 0.5 * x[i][2] + 0.05 * rng.nextGaussian();
        }
        JgradRegressionModel m = new JgradRegressor().setLayers(3, 16, 1).setEpochs(12).setBatchSize(50)
                .setLearningRate(0.01).setSeed(1).fit(vectors(x, y));
        double rmse = new RegressionEvaluator().setMetricName("rmse").evaluate(m.transform(vectors(x, y)));
        // the target's standard deviation is about 2.3; a linear fit leaves 0.05
        assertThat(rmse).isLessThan(0.3);
        String path = dir.resolve("reg").toString();
        m.write().save(path);
        JgradRegressionModel loaded = JgradRegressionModel.load(path);
        assertThat(loaded.parameters()).containsExactly(m.parameters());
        assertThat(loaded.transform(vectors(x, y)).select("prediction").collectAsList())
                .isEqualTo(m.transform(vectors(x, y)).select("prediction").collectAsList());
    }
}
