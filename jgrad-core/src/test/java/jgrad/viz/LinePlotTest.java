package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinePlotTest {

    @Test
    void ticksAreRoundAndCoverTheRange() {
        assertThat(LinePlot.ticks(-5, 60)).containsExactly(-10, 0, 10, 20, 30, 40, 50, 60);
        assertThat(LinePlot.ticks(0, 1)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
        assertThat(LinePlot.ticks(0, 19)).startsWith(0.0).endsWith(20.0);
    }

    @Test
    void aPlotPlacesItsPointsInsideTheFrame() {
        String svg = LinePlot.titled("t", "x", "y").line("a & b", new double[] {0, 10}, new double[] {0, 10})
                .point("p", 5, 5).svg();
        // x from 0 to 10 maps onto 64..620, y onto 368..40: (5, 5) is the middle
        assertThat(svg).contains("points=\"64.0,368.0 620.0,40.0\"").contains("cx=\"342.0\" cy=\"204.0\"")
                .contains("a &amp; b");
        assertThatThrownBy(() -> LinePlot.titled("t", "x", "y").line("bad", new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LinePlot.line(bad)");
    }
}
