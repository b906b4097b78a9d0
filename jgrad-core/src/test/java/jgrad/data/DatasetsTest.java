package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generators' geometry, checked against the defining equations, and their determinism. */
class DatasetsTest {

    @Test
    void linspaceMatchesNumpy() {
        // numpy.linspace(0, pi, 5) = [0, 0.7853981633974483, 1.5707963267948966, 2.356194490192345, 3.141592653589793]
        assertThat(Datasets.linspace(0, Math.PI, 5)).containsExactly(
                0, 0.7853981633974483, 1.5707963267948966, 2.356194490192345, 3.141592653589793);
        assertThat(Datasets.linspace(2, 3, 1)).containsExactly(2);
        assertThat(Datasets.linspace(0, 1, 0)).isEmpty();
    }

    @Test
    void noiselessMoonsLieOnTheirArcs() {
        Dataset d = Datasets.moons(101, 0, new Random(0));
        assertThat(d.size()).isEqualTo(101);
        int outer = 0;
        boolean sawOuterEnd = false;
        boolean sawInnerEnd = false;
        for (int i = 0; i < d.size(); i++) {
            double x = d.feature(i, 0);
            double y = d.feature(i, 1);
            if (d.label(i) == 0) {      // upper arc: x² + y² = 1, y >= 0
                outer++;
                assertThat(x * x + y * y).isCloseTo(1, within(1e-12));
                assertThat(y).isGreaterThanOrEqualTo(0);
                sawOuterEnd |= x == -1.0 && Math.abs(y) < 1e-15;
            } else {                    // lower arc: (x - 1)² + (y - 0.5)² = 1, y <= 0.5
                assertThat((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5)).isCloseTo(1, within(1e-12));
                assertThat(y).isLessThanOrEqualTo(0.5);
                sawInnerEnd |= x == 2.0 && Math.abs(y - 0.5) < 1e-15;
            }
        }
        assertThat(outer).isEqualTo(50); // n // 2, the inner arc gets the extra point, as in scikit-learn
        assertThat(sawOuterEnd).isTrue();
        assertThat(sawInnerEnd).isTrue();
        assertThat(d.classNames()).containsExactly("0", "1");
    }

    @Test
    void moonsAreShuffledNoisyAndSeeded() {
        Dataset a = Datasets.moons(400, 0.1, new Random(1337));
        assertThat(Datasets.moons(400, 0.1, new Random(1337)).features()).isDeepEqualTo(a.features());
        assertThat(Datasets.moons(400, 0.1, new Random(1338)).features()).isNotEqualTo(a.features());
        int[] labels = a.labels();
        int switches = 0;
        for (int i = 1; i < labels.length; i++) {
            switches += labels[i] != labels[i - 1] ? 1 : 0;
        }
        assertThat(switches).isGreaterThan(100); // not grouped by class
        // distance from the arc's circle is noise-sized: its root mean square is about 0.1
        double sq = 0;
        for (int i = 0; i < a.size(); i++) {
            double x = a.feature(i, 0);
            double y = a.feature(i, 1);
            double r = a.label(i) == 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
            sq += (r - 1) * (r - 1);
        }
        assertThat(Math.sqrt(sq / a.size())).isBetween(0.07, 0.13);
    }

    @Test
    void circles() {
        Dataset d = Datasets.circles(60, 0, 0.5, new Random(0));
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(d.feature(i, 0), d.feature(i, 1));
            assertThat(r).isCloseTo(d.label(i) == 0 ? 1.0 : 0.5, within(1e-12));
        }
        assertThatThrownBy(() -> Datasets.circles(10, 0, 1.0, new Random(0))).hasMessageContaining("factor");
    }

    @Test
    void spiralArms() {
        Dataset d = Datasets.spiral(301, 3, 0, new Random(0));
        assertThat(d.classCount()).isEqualTo(3);
        int[] counts = new int[3];
        for (int i = 0; i < d.size(); i++) {
            counts[d.label(i)]++;
        }
        assertThat(counts).containsExactly(101, 100, 100);
        // arm 1 without noise: radius i/99 and angle 4 + 4i/99, points (r sin t, r cos t)
        int row = 101 + 33;
        double r = 33.0 / 99;
        double t = 4 + 4 * 33.0 / 99;
        assertThat(d.feature(row, 0)).isCloseTo(r * Math.sin(t), within(1e-12));
        assertThat(d.feature(row, 1)).isCloseTo(r * Math.cos(t), within(1e-12));
        assertThat(d.label(row)).isEqualTo(1);
        assertThatThrownBy(() -> Datasets.spiral(10, 1, 0, new Random(0))).hasMessageContaining("at least 2 classes");
    }

    @Test
    void xorLabelsFollowTheQuadrants() {
        Dataset d = Datasets.xor(200, 0, new Random(2));
        for (int i = 0; i < d.size(); i++) {
            boolean odd = d.feature(i, 0) * d.feature(i, 1) < 0;
            assertThat(d.label(i)).isEqualTo(odd ? 1 : 0);
        }
    }

    @Test
    void blobsClusterAroundTheirCenters() {
        Dataset d = Datasets.blobs(300, 3, 0.5, new Random(4));
        for (int c = 0; c < 3; c++) {
            double mx = 0;
            double my = 0;
            int n = 0;
            for (int i = 0; i < d.size(); i++) {
                if (d.label(i) == c) {
                    mx += d.feature(i, 0);
                    my += d.feature(i, 1);
                    n++;
                }
            }
            mx /= n;
            my /= n;
            assertThat(n).isEqualTo(100);
            double var = 0;
            for (int i = 0; i < d.size(); i++) {
                if (d.label(i) == c) {
                    var += Math.pow(d.feature(i, 0) - mx, 2) + Math.pow(d.feature(i, 1) - my, 2);
                }
            }
            assertThat(Math.sqrt(var / (2 * n))).isBetween(0.4, 0.6);
            assertThat(Math.abs(mx)).isLessThanOrEqualTo(10.5);
        }
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> Datasets.moons(1, 0.1, new Random(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("moons: need at least 2 samples");
        assertThatThrownBy(() -> Datasets.xor(10, -1, new Random(0))).hasMessageContaining("noise must be finite and >= 0");
        assertThatThrownBy(() -> Datasets.blobs(10, 0, 1, new Random(0))).hasMessageContaining("at least 1 center");
    }
}
