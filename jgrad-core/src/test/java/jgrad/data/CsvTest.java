package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void readsFeaturesAndMapsStringLabelsInSortedOrder() throws IOException {
        Path p = file("flowers.csv", "\uFEFFsepal_length, species ,sepal_width\r\n"
                + "5.1,setosa,3.5\r\n"
                + "\r\n"
                + "7.0, versicolor ,3.2\n"
                + "6.3,\"virginica\",3.3\n"
                + "4.9,setosa,-3e-1\n");
        Dataset d = Csv.load(p, "species");
        assertThat(d.featureNames()).containsExactly("sepal_length", "sepal_width");
        assertThat(d.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(d.labels()).containsExactly(0, 1, 2, 0);
        assertThat(d.features()).isDeepEqualTo(new double[][] {{5.1, 3.5}, {7.0, 3.2}, {6.3, 3.3}, {4.9, -0.3}});
    }

    @Test
    void numericLabelsSortNumerically() {
        Dataset d = Csv.parse("x,label\n1,10\n2,2\n3,10\n4,-1\n", "n.csv", "label");
        assertThat(d.classNames()).containsExactly("-1", "2", "10");
        assertThat(d.labels()).containsExactly(2, 1, 2, 0);
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() {
        Dataset d = Csv.parse("a,\"the \"\"class\"\"\"\n1,\"x, y\"\n2,z\n", "q.csv", "the \"class\"");
        assertThat(d.classNames()).containsExactly("x, y", "z");
    }

    @Test
    void nonNumericFieldNamesFileLineAndColumn() throws IOException {
        Path p = file("bad.csv", "x1,x2,label\n1,2,a\n3,abc,b\n");
        assertThatThrownBy(() -> Csv.load(p, "label")).isInstanceOf(CsvFormatException.class)
                .hasMessage(p + ", line 3, column 2: (x2) \"abc\" is not a number; feature columns must hold decimal numbers")
                .satisfies(e -> {
                    assertThat(((CsvFormatException) e).line()).isEqualTo(3);
                    assertThat(((CsvFormatException) e).column()).isEqualTo(2);
                });
    }

    @Test
    void malformedFiles() {
        assertThatThrownBy(() -> Csv.parse("x1,x2,label\n1,,a\n2,3,b\n", "m.csv", "label"))
                .hasMessage("m.csv, line 2, column 2: (x2) the value is missing");
        assertThatThrownBy(() -> Csv.parse("x1,x2,label\n1,2,a\n2,3\n", "m.csv", "label"))
                .hasMessage("m.csv, line 3: expected 3 fields as in the header, found 2");
        assertThatThrownBy(() -> Csv.parse("x1,x2,label\n1,2,a,4\n", "m.csv", "label"))
                .hasMessageContaining("line 2: expected 3 fields as in the header, found 4");
        assertThatThrownBy(() -> Csv.parse("x1,x2,y\n1,2,a\n", "m.csv", "label"))
                .hasMessage("m.csv, line 1: no column named \"label\" for the label; the columns are [x1, x2, y]");
        assertThatThrownBy(() -> Csv.parse("", "empty.csv", "label"))
                .hasMessageContaining("empty.csv, line 1: the file is empty");
        assertThatThrownBy(() -> Csv.parse("x,label\n\n", "h.csv", "label"))
                .hasMessageContaining("no data rows after the header");
        assertThatThrownBy(() -> Csv.parse("x,label\n1,a\n2,a\n", "one.csv", "label"))
                .hasMessageContaining("only the class [a]; a classifier needs at least two");
        assertThatThrownBy(() -> Csv.parse("x,x,label\n1,2,a\n", "d.csv", "label"))
                .hasMessage("d.csv, line 1, column 2: column name \"x\" repeats column 1");
        assertThatThrownBy(() -> Csv.parse("x,label\n1,\"a\n", "u.csv", "label"))
                .hasMessageContaining("u.csv, line 2, column 2: unterminated quoted field");
        assertThatThrownBy(() -> Csv.parse("x,label\nNaN,a\n1,b\n", "nan.csv", "label"))
                .hasMessageContaining("line 2, column 1: (x) \"NaN\" is not a number");
        assertThatThrownBy(() -> Csv.parse("x,label\n1e999,a\n1,b\n", "big.csv", "label"))
                .hasMessageContaining("too large for a double");
        assertThatThrownBy(() -> Csv.parse("label\na\nb\n", "f.csv", "label"))
                .hasMessageContaining("at least one feature column");
    }

    @Test
    void aTableReadsColumnsByNameAndLeavesOtherColumnsAlone() throws IOException {
        Path p = file("points.csv", "\uFEFFx, label ,y\r\n0.5,\"a, b\",-3e-1\r\n\r\n2,text,+4\n");
        Csv.Table t = Csv.readTable(p);
        assertThat(t.columnNames()).containsExactly("x", "label", "y");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.numbers(java.util.List.of("y", "x"))).isDeepEqualTo(new double[][] {{-0.3, 0.5}, {4.0, 2.0}});
        assertThat(Csv.parseTable("a,b\n", "h.csv").numbers()).isEmpty();
        assertThat(Csv.parseTable("a,b\n1,2\n", "n.csv").numbers()).isDeepEqualTo(new double[][] {{1, 2}});
    }

    @Test
    void aTableNamesFileLineAndColumnOfABadField() throws IOException {
        Csv.Table t = Csv.parseTable("x,y,id\n1,2,a\n3,oops,b\n", "t.csv");
        assertThatThrownBy(() -> t.numbers(java.util.List.of("x", "y")))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("t.csv, line 3, column 2: (y) \"oops\" is not a number; feature columns must hold decimal numbers");
        assertThatThrownBy(t::numbers).hasMessageContaining("t.csv, line 2, column 3: (id) \"a\" is not a number");
        assertThatThrownBy(() -> t.numbers(java.util.List.of("z")))
                .hasMessage("t.csv, line 1: no column named \"z\"; the columns are [x, y, id]");
        assertThatThrownBy(() -> Csv.parseTable("x,y\n1,\n", "e.csv").numbers())
                .hasMessage("e.csv, line 2, column 2: (y) the value is missing");
        assertThatThrownBy(() -> Csv.parseTable("x,y\n1,2\n3\n", "w.csv"))
                .hasMessage("w.csv, line 3: expected 2 fields as in the header, found 1");
        assertThatThrownBy(() -> Csv.parseTable("x,y\n1,\"2\n", "u.csv"))
                .hasMessageContaining("u.csv, line 2, column 2: unterminated quoted field");
        assertThatThrownBy(() -> Csv.parseTable("  \n\n", "b.csv")).hasMessageContaining("b.csv, line 1: the file is empty");
        // issue 17: a lone \r (old Mac line ends) is a line break, not part of a field
        assertThat(Csv.parseTable("x,y\r1,2\r3,4\r", "r.csv").numbers()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThat(Csv.parseTable("x,y\n1,2\r3,4\n", "r.csv").lineNumber(1)).isEqualTo(3);
    }

    @Test
    void invalidUtf8IsAnErrorWithTheByteOffsetAndTheEncodingReadsIt() throws IOException {
        // issue 17: Latin-1 bytes used to become U+FFFD silently, merging "caf\u00e9" and "caf\u00e8"
        Path p = dir.resolve("latin1.csv");
        Files.write(p, "x,caf\u00e9\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Csv.readTable(p))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("latin1.csv").hasMessageContaining("byte offset 5")
                .hasMessageContaining("not valid UTF-8").hasMessageContaining("--encoding ISO-8859-1");
        Csv.Table t = Csv.readTable(p, StandardCharsets.ISO_8859_1);
        assertThat(t.columnNames()).containsExactly("x", "caf\u00e9");
        assertThat(t.numbers(java.util.List.of("x"))).isDeepEqualTo(new double[][] {{1}});
    }

    @Test
    void aTableGivesTheTextOfAColumnAndTheLineOfEachRow() {
        Csv.Table t = Csv.parseTable("\n x1 , label\n1, \"cat, big\"\n\n2,dog\n", "pets.csv");
        assertThat(t.texts("label")).containsExactly("cat, big", "dog");
        assertThat(t.lineNumber(0)).isEqualTo(3);
        assertThat(t.lineNumber(1)).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.texts("species"))
                .hasMessageContaining("pets.csv").hasMessageContaining("no column named \"species\"");
    }
}
