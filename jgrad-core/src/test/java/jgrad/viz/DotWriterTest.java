package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

class DotWriterTest {

    @Test
    void numbersAreRoundedFromTheirExactBinaryValueAsPythonDoes() {
        // expected strings from Python: '%.4f' % x
        assertThat(DotWriter.format(0.00015)).isEqualTo("0.0001"); // String.format gives 0.0002
        assertThat(DotWriter.format(0.00005)).isEqualTo("0.0001");
        assertThat(DotWriter.format(1.00005)).isEqualTo("1.0001");
        assertThat(DotWriter.format(0.12345)).isEqualTo("0.1235");
        // issue 15: no minus sign on a number that prints as zero (Python would print -0.0000)
        assertThat(DotWriter.format(-0.0)).isEqualTo("0.0000");
        assertThat(DotWriter.format(-0.00001)).isEqualTo("0.0000");
        assertThat(DotWriter.format(1e20)).isEqualTo("100000000000000000000.0000");
        assertThat(DotWriter.format(Double.NaN)).isEqualTo("nan");
        assertThat(DotWriter.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void labelsAreEscapedForRecords() {
        assertThat(DotWriter.escape("a|b {c} <d> \"e\" \\f\ng")).isEqualTo("a\\|b \\{c\\} \\<d\\> \\\"e\\\" \\\\f g");
        Value x = Value.of(1.0, "w[0] {odd} \"name\"");

        String dot = DotWriter.write(GraphTrace.of(x));

        assertThat(dot).contains("label=\"{ w[0] \\{odd\\} \\\"name\\\" | data 1.0000 | grad 0.0000 }\"");
    }

    @Test
    void colourShowsTheRole() {
        Value x = Value.of(2.0, "x"), w = Value.of(3.0, "w");
        Value y = x.mul(w).label("y");

        String dot = DotWriter.write(GraphTrace.of(y, List.of(w)));

        assertThat(dot).contains("v0 [shape=record, style=filled, fillcolor=\"#cfe3ff\", label=\"{ x |")
                .contains("v1 [shape=record, style=filled, fillcolor=\"#ffdca8\", label=\"{ w |")
                .contains("v2 [shape=record, style=filled, fillcolor=\"#b9e8b0\", label=\"{ y |");
    }

    @Test
    void aPartOfAGraphHasDashedCutOperationsAndASummaryNote() {
        Value x = Value.of(2.0, "x");
        Value y = x.exp().label("y");
        Value z = y.tanh().label("z");

        String dot = DotWriter.write(GraphTrace.of(z).nearestToOutput(2));

        assertThat(dot).contains("v0_op [shape=ellipse, style=dashed, label=\"exp\"];")
                .contains("v1_op [shape=ellipse, label=\"tanh\"];")
                .contains("omitted [shape=note, label=\"2 of 3 nodes; left out: 1 inputs\\ndashed operations")
                .doesNotContain("x |");
    }
}
