package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetTest {

    private static Dataset numbered(int n) {
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i, -i};
            y[i] = i % 2;
        }
        return new Dataset(x, y, List.of("even", "odd"));
    }

    @Test
    void splitIsAShuffledPartitionAndSeeded() {
        Dataset d = numbered(100);
        Dataset.Split s = d.split(new Random(11), 0.7, 0.2);
        assertThat(s.train().size()).isEqualTo(70);
        assertThat(s.validation().size()).isEqualTo(20);
        assertThat(s.test().size()).isEqualTo(10);
        int[] all = IntStream.concat(IntStream.concat(ids(s.train()), ids(s.validation())), ids(s.test())).toArray();
        int[] sorted = all.clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(IntStream.range(0, 100).toArray());
        assertThat(all).isNotEqualTo(sorted);
        for (Dataset part : List.of(s.train(), s.validation(), s.test())) {
            for (int i = 0; i < part.size(); i++) {
                assertThat(part.label(i)).isEqualTo((int) part.feature(i, 0) % 2); // rows keep their labels
            }
        }
        assertThat(ids(d.split(new Random(11), 0.7, 0.2).train()).toArray()).containsExactly(ids(s.train()).toArray());
        assertThatThrownBy(() -> d.split(new Random(0), 0.8, 0.3)).hasMessageContaining("sum to at most 1");
    }

    private static IntStream ids(Dataset d) {
        return IntStream.range(0, d.size()).map(i -> (int) d.feature(i, 0));
    }

    @Test
    void standardizerFitsOnTrainOnly() {
        // train rows [1, 10], [3, 10]: mean [2, 10], population std [1, 0 -> 1]
        Dataset train = new Dataset(new double[][] {{1, 10}, {3, 10}}, new int[] {0, 1}, List.of("a", "b"));
        Standardizer s = Standardizer.fit(train);
        assertThat(s.mean()).containsExactly(2, 10);
        assertThat(s.std()).containsExactly(1, 1);
        assertThat(s.transform(new double[] {5, 12})).containsExactly(3, 2);
        Dataset t = s.transform(train);
        assertThat(t.features()).isDeepEqualTo(new double[][] {{-1, 0}, {1, 0}});
        assertThat(t.classNames()).containsExactly("a", "b");

        Standardizer wide = Standardizer.fit(new double[][] {{0}, {4}, {8}}); // mean 4, std sqrt(32/3)
        assertThat(wide.std()[0]).isCloseTo(Math.sqrt(32.0 / 3), within(1e-15));
        assertThatThrownBy(() -> s.transform(new double[] {1})).hasMessageContaining("fitted on 2 features, got 1");
        assertThatThrownBy(() -> new Standardizer(new double[] {0}, new double[] {0})).hasMessageContaining("std > 0");
        assertThatThrownBy(() -> Standardizer.fit(new double[0][])).hasMessageContaining("no rows");
    }

    @Test
    void datasetValidatesAndCopies() {
        double[][] x = {{1, 2}};
        Dataset d = new Dataset(x, new int[] {0}, List.of("a", "b"));
        x[0][0] = 99;
        assertThat(d.feature(0, 0)).isEqualTo(1);
        d.features(0)[1] = 99;
        assertThat(d.feature(0, 1)).isEqualTo(2);
        assertThat(d.featureNames()).containsExactly("x1", "x2");
        assertThat(d).hasToString("Dataset(1 rows, 2 features [x1, x2], 2 classes [a, b])");
        assertThatThrownBy(() -> new Dataset(new double[][] {{1, 2}, {3}}, new int[] {0, 0}, List.of("a")))
                .hasMessageContaining("row 1 has 1 features, expected 2");
        assertThatThrownBy(() -> new Dataset(new double[][] {{1}}, new int[] {2}, List.of("a", "b")))
                .hasMessageContaining("label 2 of row 0 is not a class index in [0, 2)");
        assertThatThrownBy(() -> new Dataset(new double[][] {{Double.NaN}}, new int[] {0}, List.of("a")))
                .hasMessageContaining("feature x1 of row 0 is NaN");
        assertThatThrownBy(() -> new Dataset(new double[][] {{1}}, new int[] {0, 0}, List.of("a")))
                .hasMessageContaining("1 rows of features but 2 labels");
    }

    @Test
    void aColumnThatIsConstantUpToRoundingMapsToZeroNotToHugeValues() {
        // 0.1 three times: the mean is 0.10000000000000002 and the variance about 1e-34, so a naive
        // std = sqrt(variance) would map 0.2 to about 7e15
        Standardizer s = Standardizer.fit(new double[][] {{0.1, 1}, {0.1, 2}, {0.1, 3}});
        assertThat(s.std()[0]).isEqualTo(1.0);
        assertThat(s.transform(new double[] {0.2, 2})[0]).isCloseTo(0.1, within(1e-15));
        assertThat(s.std()[1]).isCloseTo(Math.sqrt(2.0 / 3), within(1e-15));
        // a small but real spread is kept
        Standardizer small = Standardizer.fit(new double[][] {{1e-9}, {2e-9}, {3e-9}});
        assertThat(small.std()[0]).isCloseTo(Math.sqrt(2.0 / 3) * 1e-9, within(1e-24));
    }
}
