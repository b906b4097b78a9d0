package jgrad.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The race's two layer networks compute the same training steps in jgrad and libtorch (same weights, same batch). */
class LayersRaceTest {
    @Test
    void leNetAndMakemoreStepsAgreeWithLibtorch() {
        for (LayersRace.Pair p : new LayersRace.Pair[] {new LayersRace.LeNetPair(8, 1), new LayersRace.MakemorePair(32, 2)}) {
            for (int step = 0; step < 3; step++) {
                double a = p.jgradStep(), b = p.torchStep();
                assertThat(a).as("%s step %d loss", p.name(), step).isCloseTo(b, within(1e-4 * Math.max(1, Math.abs(b))));
            }
            for (int i = 0; i < p.jp.size(); i++) {
                float[] j = p.jp.get(i).toFloatArray(), t = TorchArrays.floats(p.tp[i]);
                for (int k = 0; k < j.length; k++) {
                    assertThat((double) j[k]).as("%s parameter %d after 3 steps", p.name(), i).isCloseTo(t[k], within(1e-5));
                }
            }
        }
    }
}
