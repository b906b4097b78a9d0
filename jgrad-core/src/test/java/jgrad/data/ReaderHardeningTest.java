package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for the defects of issue 17 in {@code jgrad.data}: each failed before the fix
 * (a hang, a silent wrong number, an unclear error) and passes now. The time bounds guard against
 * hangs; they are far above the real times and measure nothing.
 */
class ReaderHardeningTest {
    @TempDir
    Path dir;

    @Test
    void aLongBadCellIsRejectedInLinearTimeWithAShortMessage() {
        // The old number pattern backtracked: 0.74 s at 10,000 digits, 17 s at 40,000, days at 10 MB.
        String cell = "1".repeat(2_000_000) + "x";
        String csv = "a,b,label\n1,2,x\n" + cell + ",4,y\n";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> Csv.parse(csv, "r.csv", "label"))
                        .isInstanceOf(CsvFormatException.class)
                        .hasMessageStartingWith("r.csv, line 3, column 1: (a) \"1111")
                        .hasMessageContaining("(1999801 more characters)\" is not a number")
                        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400)));
        assertThat(Numbers.isDecimal(cell)).isFalse();
        assertThat(Numbers.isDecimal(cell.substring(0, cell.length() - 1))).isTrue();
    }

    @Test
    void numbersAreCheckedByOneScan() {
        for (String ok : List.of("0", "-1", "+2.5", ".5", "5.", "1e3", "1E-3", "-0.25e+10", "007")) {
            assertThat(Numbers.isDecimal(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("", "-", "+", ".", "e3", "1e", "1e+", "1.2.3", "NaN", "Infinity", "0x10", "1,000",
                " 1", "1 ", "--1", "1e3.5")) {
            assertThat(Numbers.isDecimal(bad)).as(bad).isFalse();
        }
        assertThat(Numbers.canonical(1.0)).isEqualTo("1");
        assertThat(Numbers.canonical(-0.0)).isEqualTo("0");
        assertThat(Numbers.canonical(2.5)).isEqualTo("2.5");
    }

    @Test
    void wideFilesLoadInTimeLinearInTheirSize() {
        // Table.numbers was quadratic in the column count: a 2-row file of 1M columns took over 3 minutes.
        int columns = 1_000_000;
        StringBuilder text = new StringBuilder(columns * 12);
        for (int j = 0; j < columns; j++) {
            text.append(j == 0 ? "" : ",").append('c').append(j);
        }
        for (int row = 0; row < 2; row++) {
            text.append('\n');
            for (int j = 0; j < columns; j++) {
                text.append(j == 0 ? "" : ",").append(row + j % 7);
            }
        }
        String csv = text.toString();
        double[][] x = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Csv.parseTable(csv, "wide.csv").numbers());
        assertThat(x).hasDimensions(2, columns);
        assertThat(x[1][columns - 1]).isEqualTo(1 + (columns - 1) % 7);
    }

    @Test
    void labelsThatAreTheSameNumberAreOneClass() {
        // train used to make "1" and "1.0" two classes while predict matched them as one
        Dataset d = Csv.parse("x,y\n0.1,1\n0.2,1.0\n0.3,+1\n0.4,2\n0.5,10\n", "n.csv", "y");
        assertThat(d.classNames()).containsExactly("1", "2", "10");
        assertThat(d.labels()).containsExactly(0, 0, 0, 1, 2);
        Dataset text = Csv.parse("x,y\n0.1,cat\n0.2,1.0\n0.3,1\n", "m.csv", "y");
        assertThat(text.classNames()).containsExactly("1", "cat");
    }

    @Test
    void invalidUtf8NamesTheByteAndDoesNotMergeLabels() throws IOException {
        // "café" and "cafè" in Latin-1 used to become "caf\uFFFD" twice: one class instead of two
        Path p = dir.resolve("labels.csv");
        Files.write(p, "x,label\n1,caf\u00e9\n2,caf\u00e8\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Csv.load(p, "label"))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(p + ": byte offset 13 (E9) is not valid UTF-8 text; the file is not UTF-8; if it is"
                        + " Latin-1 or Windows-1252, read it with --encoding ISO-8859-1 (or windows-1252), if UTF-16"
                        + " with --encoding UTF-16");
        assertThat(Csv.load(p, "label", StandardCharsets.ISO_8859_1).classNames()).containsExactly("caf\u00e8", "caf\u00e9");
    }

    @Test
    void utf16AndCrOnlyFilesGetClearAnswers() throws IOException {
        Path utf16 = dir.resolve("utf16.csv");
        Files.write(utf16, "x,label\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_16));   // with a byte-order mark
        assertThatThrownBy(() -> Csv.load(utf16, "label")).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("UTF-16 byte-order mark").hasMessageContaining("--encoding UTF-16");
        assertThat(Csv.load(utf16, "label", StandardCharsets.UTF_16).classNames()).containsExactly("a", "b");
        Path le = dir.resolve("utf16le.csv");
        Files.write(le, "x,label\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_16LE));  // no mark: NUL bytes
        assertThatThrownBy(() -> Csv.load(le, "label")).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("NUL character").hasMessageContaining("UTF-16");
        Path cr = dir.resolve("mac.csv");
        Files.writeString(cr, "x,label\r1,a\r2,b\r");
        assertThat(Csv.load(cr, "label").features()).isDeepEqualTo(new double[][] {{1}, {2}});
    }

    @Test
    void aQuotedFieldMaySpanLinesAsRfc4180Allows() {
        Csv.Table t = Csv.parseTable("x,label\n1,\"two\nlines\"\n2,\"a \"\"b\"\"\"\n", "q.csv");
        assertThat(t.texts("label")).containsExactly("two\nlines", "a \"b\"");
        assertThat(t.lineNumber(1)).isEqualTo(4);
        assertThat(Csv.field("two\nlines", false)).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("=HYPERLINK(1)", true)).isEqualTo("'=HYPERLINK(1)");
        assertThat(Csv.field("-0.5", true)).isEqualTo("-0.5");
        assertThat(Csv.field("=x", false)).isEqualTo("=x");
    }

    @Test
    void directoriesPipesAndOversizeFilesAreNamedForWhatTheyAre() throws IOException {
        assertThatThrownBy(() -> Csv.load(dir, "y")).isInstanceOf(InputFormatException.class)
                .hasMessage(dir + " is a directory, not a CSV file; give the path of the file inside it");
        assertThatThrownBy(() -> Csv.load(Path.of("/dev/zero"), "y")).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("/dev/zero is a pipe, socket or device, not a regular CSV file");
        Path p = dir.resolve("big.csv");
        Files.writeString(p, "x,y\n" + "1,2\n".repeat(1000));
        String before = System.getProperty(InputLimits.PROPERTY);
        System.setProperty(InputLimits.PROPERTY, "1k");
        try {
            assertThatThrownBy(() -> Csv.load(p, "y")).isInstanceOf(InputFormatException.class)
                    .hasMessageContaining("the CSV file is 3.9 KiB (4004 bytes), over jgrad's input limit of 1.0 KiB")
                    .hasMessageContaining("--max-input-bytes");
        } finally {
            if (before == null) {
                System.clearProperty(InputLimits.PROPERTY);
            } else {
                System.setProperty(InputLimits.PROPERTY, before);
            }
        }
        assertThat(InputLimits.parseSize("4g", "x")).isEqualTo(4L << 30);
        assertThatThrownBy(() -> InputLimits.parseSize("lots", "--max-input-bytes"))
                .hasMessageContaining("--max-input-bytes: \"lots\" is not a size");
    }

    @Test
    void hugeFeaturesAreScaledOrRefusedNeverLeftUnscaled() {
        // Features of 1e154 and more overflowed the variance to Infinity; the constant test then set std = 1.
        Standardizer s = Standardizer.fit(new double[][] {{1e200}, {3e200}});
        assertThat(s.mean()[0]).isCloseTo(2e200, org.assertj.core.api.Assertions.withinPercentage(1e-12));
        assertThat(s.std()[0]).isCloseTo(1e200, org.assertj.core.api.Assertions.withinPercentage(1e-12));
        assertThat(s.transform(new double[] {3e200})[0]).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        Dataset d = new Dataset(new double[][] {{1, Double.MAX_VALUE}, {2, 0}}, new int[] {0, 1}, List.of("a", "b"),
                List.of("small", "huge"));
        assertThatThrownBy(() -> Standardizer.fit(d)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature \"huge\" is 1.7976931348623157E308 in row 0")
                .hasMessageContaining("rescale the column");
        // the direct path keeps the old rounding for ordinary data: mean and std as numpy computes them
        Standardizer plain = Standardizer.fit(new double[][] {{1}, {2}, {4}});
        assertThat(plain.mean()[0]).isEqualTo(7.0 / 3);
        assertThat(plain.std()[0]).isEqualTo(1.247219128924647);   // numpy.std([1, 2, 4])
    }
}
