package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnomalyModeTest {

    @AfterEach
    void off() {
        AnomalyMode.disable();
    }

    @Test
    void offByDefaultIeeeSemanticsApply() {
        assertThat(AnomalyMode.isEnabled()).isFalse();
        assertThat(Value.of(0).log().data()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Value.of(-1).log().data()).isNaN();
    }

    @Test
    void forwardAnomalyNamesTheOpItsInputsAndLabels() {
        Value x = Value.of(1.0, "x");
        Value y = Value.of(-3.0, "y");
        Value ok = x.add(y).label("s");
        try (var scope = AnomalyMode.scope()) {
            assertThatThrownBy(ok::log)
                    .isInstanceOf(AnomalyException.class)
                    .hasMessageContaining("forward")
                    .hasMessageContaining("'log'")
                    .hasMessageContaining("NaN")
                    .hasMessageContaining("s '+' data=-2.0");
        }
        assertThat(AnomalyMode.isEnabled()).isFalse();
    }

    @Test
    void overflowInExpIsCaught() {
        AnomalyMode.enable();
        assertThatThrownBy(() -> Value.of(1000, "big").exp())
                .isInstanceOf(AnomalyException.class)
                .hasMessageContaining("'exp' produced Infinity")
                .hasMessageContaining("big leaf data=1000.0");
    }

    @Test
    void backwardAnomalyNamesTheGuiltyOp() {
        // forward is finite (0 ** 0.5 = 0) but the derivative 0.5 * 0 ** -0.5 is infinite
        Value x = Value.of(0.0, "x");
        Value w = Value.of(2.0, "w");
        Value root = x.pow(0.5).mul(w).label("root");
        AnomalyMode.enable();
        assertThatThrownBy(root::backward)
                .isInstanceOf(AnomalyException.class)
                .hasMessageContaining("backward")
                .hasMessageContaining("'**0.5'")
                .hasMessageContaining("x.grad=Infinity")
                .satisfies(e -> assertThat(((AnomalyException) e).node().op()).isEqualTo("**0.5"));
    }

    @Test
    void withoutTheModeTheSameGraphGoesInfiniteSilentlyAsInPyTorch() {
        Value x = Value.of(0.0, "x");
        x.pow(0.5).mul(2).backward();
        assertThat(x.grad()).isInfinite();
    }
}
