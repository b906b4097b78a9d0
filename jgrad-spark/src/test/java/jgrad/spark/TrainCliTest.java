package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad train --spark local[2] FILE} on CSV and Parquet, as jgrad-cli hands it over. */
class TrainCliTest {
    @Test
    void trainsOnACsvWithStringLabelsAndOnParquetAndSavesThePipeline(@TempDir Path dir) throws Exception {
        double[] y = new double[400];
        double[][] x = TestData.blobs(8, 400, 3, 2, y);
        StringBuilder csv = new StringBuilder("a,b,c,kind\n");
        for (int i = 0; i < x.length; i++) {
            csv.append(x[i][0]).append(',').append(x[i][1]).append(',').append(x[i][2]).append(',')
                    .append(y[i] == 0 ? "cat" : "dog").append('\n');
        }
        Path file = dir.resolve("blobs.csv");
        Files.writeString(file, csv);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Train.run(new String[] {"train", "--spark", "local[2]", file.toString(), "--label", "kind",
                "--epochs", "3", "--batch-size", "50", "--lr", "0.01", "--layers", "8", "--out",
                dir.resolve("model").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("3 feature columns [a, b, c], label \"kind\"").contains("training accuracy");
        double acc = Double.parseDouble(out.toString().replaceAll("(?s).*training accuracy ([0-9.]+).*", "$1"));
        assertThat(acc).isGreaterThan(0.8);

        SparkSession spark = TestData.session("local[2]");
        try {
            assertThat(PipelineModel.load(dir.resolve("model").toString()).stages()).hasSize(4);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                rows.add(RowFactory.create(x[i][0], x[i][1], x[i][2], y[i] * 2 - 1));
            }
            StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                    .add("c", DataTypes.DoubleType).add("target", DataTypes.DoubleType);
            spark.createDataFrame(rows, schema).write().parquet(dir.resolve("t.parquet").toString());
        } finally {
            spark.stop();
        }
        StringWriter out2 = new StringWriter();
        int code2 = Train.run(new String[] {"--spark", "local[2]", dir.resolve("t.parquet").toString(), "--regression",
                "--epochs", "2", "--batch-size", "100"}, new PrintWriter(out2, true), new PrintWriter(err, true));
        assertThat(code2).as(err.toString()).isZero();
        assertThat(out2.toString()).contains("label \"target\"").contains("regression").contains("training RMSE");
    }

    @Test
    void usageErrorsExitWith2() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertThat(Train.run(new String[] {"train", "data.csv"}, new PrintWriter(out), new PrintWriter(err, true)))
                .isEqualTo(2);
        assertThat(err.toString()).contains("give --spark MASTER and a FILE").contains("usage: jgrad train --spark");
    }
}
