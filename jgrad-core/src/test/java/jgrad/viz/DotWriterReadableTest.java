package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

/** {@link DotWriter#readable}: direction by width, a size cap, and a legend. */
class DotWriterReadableTest {

    @Test
    void aShortGraphStaysLeftToRightAndGetsALegendAndASizeCap() {
        Value a = Value.of(2.0, "a"), b = Value.of(-3.0, "b");
        Value L = a.mul(b).label("L");
        L.backward();
        GraphTrace trace = GraphTrace.of(L);
        assertThat(DotWriter.autoRankDir(trace)).isEqualTo(DotWriter.RankDir.LR);
        String dot = DotWriter.readable(trace, DotWriter.RankDir.AUTO);
        assertThat(dot).contains("rankdir=LR;\n  size=\"16.6,40\";\n")
                .contains("<td bgcolor=\"#cfe3ff\">input</td><td bgcolor=\"#ffdca8\">parameter</td>")
                .contains("box: label | data | grad after backward()")
                .doesNotContain("w1.2.3")
                .endsWith("</table>>];\n}\n");
        // the graph itself is what write() gives
        assertThat(dot).contains("{ L | data -6.0000 | grad 1.0000 }");
    }

    @Test
    void aLongChainTurnsTopToBottomAndLayerLabelsAreExplained() {
        Value x = Value.of(0.5, "w1.1.1");
        Value y = x;
        for (int i = 0; i < 8; i++) {
            y = y.mul(1.1).tanh();   // 24 ranks of value and op: far wider than 1600 px left to right
        }
        GraphTrace trace = GraphTrace.of(y);
        assertThat(DotWriter.autoRankDir(trace)).isEqualTo(DotWriter.RankDir.TB);
        assertThat(DotWriter.readable(trace, DotWriter.RankDir.AUTO)).contains("rankdir=TB;")
                .contains("w1.2.3 = layer 1, neuron 2, weight of input 3");
        assertThat(DotWriter.write(trace, DotWriter.RankDir.AUTO)).contains("rankdir=TB;");
    }
}
