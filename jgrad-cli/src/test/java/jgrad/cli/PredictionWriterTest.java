package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import jgrad.data.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PredictionWriter}'s cells against the rule it short-cuts: every input cell is
 * {@code Csv.field(table.texts(column).get(row), excelSafe)}, every probability is
 * {@link Double#toString}, on a table with numbers of every shape, empty fields, infinities and
 * text that needs quoting or an Excel guard, long enough to be written in several chunks.
 */
class PredictionWriterTest {
    @TempDir
    Path dir;

    @Test
    void cellsAreWhatCsvFieldMakesOfTheTableTexts() throws IOException {
        Path model = Files.writeString(dir.resolve("linear.json"), """
                {"format": "jgrad-mlp", "version": 1, "inputs": 2, "features": ["x1", "x2"],
                 "classes": ["-1", "+1"], "standardization": null,
                 "layers": [{"activation": "linear", "weights": [[1.0, -1.0]], "biases": [0.5]}], "metadata": {}}
                """);
        Random rng = new Random(11);
        String[] words = {"plain", "-minus", "=sum(A1)", "with, comma", " spaced ", "say \"hi\"", "@at", "+1x"};
        String[] odd = {"", "1e400", "-1e400", "+2.50", "007", "-0", "1e-7", "123456789012345678", ".5"};
        StringBuilder csv = new StringBuilder("x1,note,x2,extra\n");
        int rows = 3000;
        for (int i = 0; i < rows; i++) {
            csv.append(String.format(Locale.ROOT, "%.17g", rng.nextGaussian())).append(',')
                    .append(Csv.field(words[rng.nextInt(words.length)], false)).append(',')
                    .append(rng.nextInt(4) == 0 ? Integer.toString(rng.nextInt(100) - 50) : Double.toString(rng.nextDouble()))
                    .append(',').append(odd[rng.nextInt(odd.length)]).append('\n');
        }
        Path file = Files.writeString(dir.resolve("in.csv"), csv);
        Csv.Table table = Csv.readTable(file);
        assertThat(table.isNumeric("extra")).isTrue();
        List<List<String>> texts = new ArrayList<>();
        for (String c : table.columnNames()) {
            texts.add(table.texts(c));
        }
        double[][] features = table.numbers(List.of("x1", "x2"));

        for (boolean excelSafe : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(), file.toString()));
            if (excelSafe) {
                args.add("--excel-safe");
            }
            Cli r = Cli.run(args.toArray(new String[0]));
            assertThat(r.exitCode).as(r.toString()).isZero();
            List<String> lines = r.out.lines().toList();
            assertThat(lines).hasSize(rows + 1);
            assertThat(lines.get(0)).isEqualTo("x1,note,x2,extra,prediction,p_-1,p_+1,status");
            for (int i = 0; i < rows; i++) {
                StringBuilder expected = new StringBuilder();
                for (List<String> column : texts) {
                    expected.append(Csv.field(column.get(i), excelSafe)).append(',');
                }
                double[] x = features[i];
                double score = x[0] - x[1] + 0.5;
                double p = 1 / (1 + Math.exp(-score));
                expected.append(score > 0 ? "+1" : "-1").append(',').append(Double.toString(1 - p)).append(',')
                        .append(Double.toString(p)).append(",ok");
                assertThat(lines.get(i + 1)).as("row %d, excel-safe %s", i, excelSafe).isEqualTo(expected.toString());
            }
        }
    }
}
