package jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void linearIsMicrogradsDecayExactly() {
        LearningRateSchedule s = LearningRateSchedule.linear(1.0, 0.1, 100);
        for (int k = 0; k < 100; k++) {
            assertThat(s.learningRate(k)).isEqualTo(1.0 - 0.9 * k / 100); // demo.ipynb
        }
        assertThat(s.learningRate(50)).isCloseTo(0.55, within(1e-15));
        assertThat(s.learningRate(100)).isEqualTo(0.1);
        assertThat(s.learningRate(1000)).isEqualTo(0.1);
    }

    @Test
    void cosineAndConstant() {
        LearningRateSchedule c = LearningRateSchedule.cosine(0.1, 0.0, 10);
        assertThat(c.learningRate(0)).isEqualTo(0.1);
        assertThat(c.learningRate(5)).isCloseTo(0.05, within(1e-15));          // cos(pi/2) = 0
        assertThat(c.learningRate(10)).isEqualTo(0.0);
        assertThat(c.learningRate(2)).isCloseTo(0.05 * (1 + Math.cos(Math.PI / 5)), within(1e-15));
        assertThat(LearningRateSchedule.constant(0.3).learningRate(12345)).isEqualTo(0.3);
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> LearningRateSchedule.linear(1, 0.1, 0)).hasMessageContaining("steps must be >= 1");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(-1, 0, 5)).hasMessageContaining("finite and >= 0");
    }
}
