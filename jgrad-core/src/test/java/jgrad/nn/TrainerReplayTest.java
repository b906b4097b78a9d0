package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.data.Dataset;
import jgrad.optim.SGD;
import org.junit.jupiter.api.Test;

/**
 * The trainer's compiled replay (full batch, max-margin loss) against rebuilding every step:
 * every step's loss and accuracy and every parameter, compared with ==.
 */
class TrainerReplayTest {

    private static Dataset blobs(Random rng, int n) {
        double[][] x = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            double c = labels[i] == 1 ? 1 : -1;
            x[i] = new double[] {c + rng.nextGaussian(), -c + rng.nextGaussian()};
        }
        return new Dataset(x, labels, List.of("a", "b"));
    }

    private static List<Trainer.Step> train(boolean replay, int batchSize, MLP model, Dataset data) {
        List<Trainer.Step> steps = new ArrayList<>();
        new Trainer(model, ClassificationLoss.MAX_MARGIN, new SGD(model.parameters(), 0.5, 0.9, 0))
                .l2(1e-3)
                .batchSize(batchSize)
                .replay(replay)
                .listener(new Trainer.Listener() {
                    @Override public void onStep(Trainer.Step s) {
                        steps.add(s);
                    }
                })
                .fit(data, null, 30);
        return steps;
    }

    @Test
    void fullBatchReplayIsBitIdenticalToRebuilding() {
        Dataset data = blobs(new Random(5), 40);
        MLP rebuilt = new MLP(new Random(7), 2, 8, 8, 1);
        MLP replayed = new MLP(new Random(7), 2, 8, 8, 1);

        List<Trainer.Step> a = train(false, Integer.MAX_VALUE, rebuilt, data);
        List<Trainer.Step> b = train(true, Integer.MAX_VALUE, replayed, data);

        assertThat(b).containsExactlyElementsOf(a); // records: loss and accuracy compared with ==
        assertThat(replayed.parameterData()).containsExactly(rebuilt.parameterData());
        assertThat(a.get(29).loss()).isLessThan(a.get(0).loss()); // it did train
    }

    @Test
    void aChangedBatchOrDatasetRebuildsInsteadOfReplayingAStaleGraph() {
        // full batch on A (compiles), mini-batches on A, full batch on A again, then full batch on B
        // of the same size: a replay of a stale graph would train on the wrong rows or data
        Dataset a = blobs(new Random(6), 40);
        Dataset b = blobs(new Random(7), 40);
        MLP rebuilt = new MLP(new Random(8), 2, 8, 1);
        MLP replayed = new MLP(new Random(8), 2, 8, 1);

        List<Trainer.Step> expected = phases(false, rebuilt, a, b);
        List<Trainer.Step> actual = phases(true, replayed, a, b);

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(replayed.parameterData()).containsExactly(rebuilt.parameterData());
    }

    private static List<Trainer.Step> phases(boolean replay, MLP model, Dataset a, Dataset b) {
        List<Trainer.Step> steps = new ArrayList<>();
        Trainer trainer = new Trainer(model, ClassificationLoss.MAX_MARGIN, new SGD(model.parameters(), 0.5, 0.9, 0))
                .l2(1e-3)
                .replay(replay)
                .listener(new Trainer.Listener() {
                    @Override public void onStep(Trainer.Step s) {
                        steps.add(s);
                    }
                });
        trainer.fit(a, null, 5);
        trainer.batchSize(16).fit(a, null, 2);
        trainer.batchSize(Integer.MAX_VALUE).fit(a, null, 5);
        trainer.fit(b, null, 5);
        return steps;
    }

    @Test
    void miniBatchesRebuildAndGiveTheSameNumbersEitherWay() {
        Dataset data = blobs(new Random(6), 40);
        MLP rebuilt = new MLP(new Random(8), 2, 8, 1);
        MLP replayed = new MLP(new Random(8), 2, 8, 1);

        List<Trainer.Step> a = train(false, 16, rebuilt, data);
        List<Trainer.Step> b = train(true, 16, replayed, data);

        assertThat(b).containsExactlyElementsOf(a);
        assertThat(replayed.parameterData()).containsExactly(rebuilt.parameterData());
    }
}
