package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CsvReader} hands numeric fields to {@link CsvColumn} as spans of its 64K buffer: fields that
 * straddle a refill, or are longer than the buffer, must read as the text that was written, parsed as
 * {@link Double#parseDouble} parses it (the reference), through a file as through a string.
 */
class CsvBufferTest {
    @TempDir
    Path dir;

    @Test
    void numbersAcrossManyBufferRefillsReadAsDoubleParseDoubleReadsThem() throws IOException {
        Random rng = new Random(20251203);
        int rows = 6000;
        StringBuilder csv = new StringBuilder("a, b ,\"c\",label\n");
        List<String[]> written = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String[] row = {Double.toString(rng.nextGaussian()),
                String.format(Locale.ROOT, "%.16e", rng.nextGaussian() * 1e-5),
                Long.toString(rng.nextLong() >> rng.nextInt(64)), "class" + rng.nextInt(3)};
            written.add(row);
            // spaces and tabs around fields, a quoted number now and then, CRLF or LF, blank lines
            csv.append(row[0]).append(rng.nextBoolean() ? " ," : ",").append(rng.nextBoolean() ? "\t" : "")
                    .append(rng.nextInt(5) == 0 ? "\"" + row[1] + "\"" : row[1]).append(',').append(row[2])
                    .append(',').append(row[3]).append(rng.nextBoolean() ? "\r\n" : "\n")
                    .append(rng.nextInt(50) == 0 ? "\n" : "");
        }
        assertThat(csv.length()).as("several buffers' worth").isGreaterThan(5 << 16);
        Path file = dir.resolve("numbers.csv");
        Files.writeString(file, csv);

        for (Csv.Table table : List.of(Csv.readTable(file), Csv.parseTable(csv.toString(), "text"))) {
            assertThat(table.size()).isEqualTo(rows);
            double[][] x = table.numbers(List.of("a", "b", "c"));
            List<String> labels = table.texts("label");
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(x[i][j]).as("row %d column %d", i, j)
                            .isEqualTo(Double.parseDouble(written.get(i)[j]));
                }
                assertThat(labels.get(i)).isEqualTo(written.get(i)[3]);
            }
        }
    }

    @Test
    void fieldsLongerThanTheBufferReadWhole() throws IOException {
        String longText = "w".repeat(150_000);
        String longNumber = "0." + "0".repeat(100_000) + "15e100010";   // 1.5e9 after 100,000 zeros
        Path file = dir.resolve("long.csv");
        Files.writeString(file, "x,label\n" + longNumber + "," + longText + "\n2,b\n");

        Csv.Table table = Csv.readTable(file);

        assertThat(table.numbers(List.of("x"))).isDeepEqualTo(new double[][] {{Double.parseDouble(longNumber)}, {2}});
        assertThat(table.texts("label")).containsExactly(longText, "b");
        assertThat(table.values("x")).containsExactly(1.5e9, 2.0);
    }

    @Test
    void aBadNumberAfterARefillIsNamedWithItsLineAndColumn() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(",0.25\n");
        }
        csv.append("7,0.2.5\n");
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, csv);

        Csv.Table table = Csv.readTable(file);

        assertThat(table.isNumeric("y")).isFalse();
        assertThat(table.texts("y").get(20_000)).isEqualTo("0.2.5");
        assertThatThrownBy(() -> table.numbers(List.of("y"))).isInstanceOf(CsvFormatException.class)
                .hasMessage(file + ", line 20002, column 2: (y) \"0.2.5\" is not a number; feature columns must hold"
                        + " decimal numbers");
    }
}
