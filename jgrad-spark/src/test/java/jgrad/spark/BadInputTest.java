package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
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

/** Bad data fails before any training step, naming the column and the row count. */
class BadInputTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestData.session("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType())
            .add("label", DataTypes.DoubleType);

    /** 20 good rows of 3 features, then the given rows. */
    static Dataset<Row> frame(Row... extra) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(RowFactory.create(Vectors.dense(i, i % 3, 1), (double) (i % 2)));
        }
        rows.addAll(List.of(extra));
        return spark.createDataFrame(rows, SCHEMA);
    }

    static JgradClassifier classifier() {
        return new JgradClassifier().setEpochs(1);
    }

    @Test
    void aMissingFeaturesColumnIsNamedWithTheColumnsThereAndTheRowCount() {
        Dataset<Row> df = frame().withColumnRenamed("features", "x");
        assertThatThrownBy(() -> classifier().fit(df)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JgradClassifier: no column \"features\" among [x, label] (20 rows)")
                .hasMessageContaining("VectorAssembler");
    }

    @Test
    void vectorsOfDifferentLengthsAreCounted() {
        Dataset<Row> df = frame(RowFactory.create(Vectors.dense(1, 2), 0.0), RowFactory.create(Vectors.dense(1), 1.0));
        assertThatThrownBy(() -> classifier().fit(df)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column \"features\" holds vectors of different lengths (1 to 3; 2 of 22 rows");
    }

    @Test
    void aNullLabelIsCounted() {
        Dataset<Row> df = frame(RowFactory.create(Vectors.dense(1, 2, 3), null));
        assertThatThrownBy(() -> classifier().fit(df)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column \"label\" is null in 1 of 21 rows");
    }

    @Test
    void nanFeaturesAreCountedForTheRegressorToo() {
        Dataset<Row> df = frame(RowFactory.create(Vectors.dense(1, Double.NaN, 3), 0.0),
                RowFactory.create(Vectors.dense(Double.NaN, Double.NaN, 3), 1.0),
                RowFactory.create(Vectors.dense(1, Double.POSITIVE_INFINITY, 3), 1.0));
        assertThatThrownBy(() -> new JgradRegressor().setEpochs(1).fit(df)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JgradRegressor: column \"features\" has NaN or infinite values in 3 of 23 rows");
    }

    @Test
    void classLabelsMustBeWholeNumbers() {
        Dataset<Row> df = frame(RowFactory.create(Vectors.dense(1, 2, 3), 0.5));
        assertThatThrownBy(() -> classifier().fit(df)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column \"label\" has 1 of 21 rows that are not class indices");
    }

    @Test
    void layersThatDoNotFitTheDataAreRefusedBeforeTraining() {
        assertThatThrownBy(() -> classifier().setLayers(4, 8, 2).fit(frame())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with the 3 features of column \"features\"")
                .hasMessageContaining("(20 rows)");
    }
}
