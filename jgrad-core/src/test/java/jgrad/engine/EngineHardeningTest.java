package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 17's engine items: NaN through relu, NaN leaves in AnomalyMode, the traversal stamp. */
class EngineHardeningTest {

    @AfterEach
    void off() {
        AnomalyMode.disable();
    }

    @Test
    void reluKeepsNaNAsMicrogradAndPyTorchDo() {
        // micrograd: 0 if data < 0 else data, so NaN stays NaN; torch.relu(nan) is nan
        assertThat(Value.of(Double.NaN).relu().data()).isNaN();
        assertThat(Value.of(-2.0).relu().data()).isEqualTo(0.0);
        assertThat(Value.of(3.0).relu().data()).isEqualTo(3.0);
        Value x = Value.of(Double.NaN);
        Value out = x.relu().mul(2);
        out.backward();
        assertThat(out.data()).isNaN();
        // the compiled replay computes with the same op
        CompiledGraph compiled = CompiledGraph.compile(Value.of(0.5).relu());
        assertThat(compiled.forward()).isEqualTo(0.5);
        Value leaf = Value.of(1.0);
        CompiledGraph replay = CompiledGraph.compile(leaf.relu());
        leaf.setData(Double.NaN);
        assertThat(replay.forward()).isNaN();
    }

    @Test
    void anomalyModeNamesANaNLeafWhenAnOpReadsIt() {
        Value x = Value.of(Double.NaN, "x");
        Value w = Value.of(2.0, "w");
        AnomalyMode.enable();
        assertThatThrownBy(() -> w.mul(x))
                .isInstanceOf(AnomalyException.class)
                .hasMessageContaining("leaf 'x' holds NaN")
                .hasMessageContaining("'*'")
                .satisfies(e -> assertThat(((AnomalyException) e).node()).isSameAs(x));
        // relu used to turn the NaN into 0 and hide it; now the leaf is named before the op runs
        assertThatThrownBy(x::relu).hasMessageContaining("leaf 'x' holds NaN");
    }

    @Test
    void anomalyModeNamesALeafThatBecameInfiniteAfterTheGraphWasBuilt() {
        Value x = Value.of(1.0, "x");
        Value w = Value.of(2.0, "w");
        Value loss = w.mul(x).relu();
        CompiledGraph compiled = CompiledGraph.compile(loss);
        w.setData(Double.POSITIVE_INFINITY);             // an optimizer step that diverged
        AnomalyMode.enable();
        assertThatThrownBy(loss::backward)
                .isInstanceOf(AnomalyException.class)
                .hasMessageContaining("leaf 'w' holds Infinity");
        assertThatThrownBy(compiled::forward)
                .isInstanceOf(AnomalyException.class)
                .hasMessageContaining("leaf 'w' holds Infinity");
        Value unnamed = Value.of(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> unnamed.add(x)).hasMessageContaining("an unlabelled leaf holds -Infinity");
    }

    @Test
    void sortsLeaveNoMarksBehind() {
        // The sort's marks are bits cleared when it ends (they used to be stamps, which an int would
        // have wrapped after 2^31 traversals); a node sorted before must be sorted again in full.
        Value a = Value.of(3.0, "a");
        Value b = Value.of(4.0, "b");
        Value z = a.mul(b);
        Value.releaseTape();
        z.backward();                                    // sorts a, b and z
        Value c = Value.of(5.0, "c");
        Value w = z.add(c);
        a.zeroGrad();
        b.zeroGrad();
        Value.releaseTape();
        w.backward();                                    // sorts again, over z's old marks
        assertThat(a.grad()).isEqualTo(4.0);             // dw/da = b
        assertThat(b.grad()).isEqualTo(3.0);
        assertThat(w.topologicalOrder()).containsExactly(a, b, z, c, w);
        assertThat(w.topologicalOrder()).containsExactly(a, b, z, c, w);
    }
}
