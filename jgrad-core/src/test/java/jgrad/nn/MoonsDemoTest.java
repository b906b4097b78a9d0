package jgrad.nn;

import jgrad.testing.SharedFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import jgrad.data.Dataset;
import jgrad.engine.Value;
import jgrad.io.Json;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.SGD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of issue 3: micrograd's moons demo (demo.ipynb), reproduced step by step
 * from shared/fixtures/moons_demo.json, which holds the data, the initial parameters and the loss
 * and accuracy of every step as computed by the Python reference implementation.
 */
class MoonsDemoTest {
    private static double[][] x;
    private static double[] y;
    private static double[] initial;
    private static double[] finalParameters;
    private static List<Map<String, Object>> steps;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void loadFixture() throws IOException {
        Path file = SharedFixtures.moonsDemo();
        Map<String, Object> root = (Map<String, Object>) Json.parse(
                new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
        List<Object> rows = (List<Object>) root.get("X");
        x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = doubles(rows.get(i));
        }
        y = doubles(root.get("y"));
        initial = doubles(root.get("initial_parameters"));
        finalParameters = doubles(root.get("final_parameters"));
        steps = (List<Map<String, Object>>) root.get("steps");
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static double number(Map<String, Object> step, String key) {
        return ((Number) step.get(key)).doubleValue();
    }

    private static MLP demoModel() {
        MLP model = new MLP(new Random(0), 2, 16, 16, 1);
        model.setParameterData(initial);
        return model;
    }

    /** The demo's loss function, written out as in the notebook. */
    private static Value demoLoss(MLP model, List<Value> scores) {
        List<Value> losses = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            Value score = model.forward(x[i]).get(0);
            scores.add(score);
            losses.add(score.mul(-y[i]).add(1).relu());                 // (1 + -yi*scorei).relu()
        }
        Value dataLoss = Losses.sum(losses).mul(1.0 / losses.size());  // sum(losses) * (1.0 / len(losses))
        List<Value> squares = new ArrayList<>();
        for (Value p : model.parameters()) {
            squares.add(p.mul(p));
        }
        Value regLoss = Losses.sum(squares).mul(1e-4);                 // alpha * sum((p*p for p in ...))
        return dataLoss.add(regLoss);
    }

    private static double accuracy(List<Value> scores) {
        int correct = 0;
        for (int i = 0; i < scores.size(); i++) {
            if ((y[i] > 0) == (scores.get(i).data() > 0)) {
                correct++;
            }
        }
        return (double) correct / scores.size();
    }

    @Test
    void fixtureHasTheDemoShape() {
        assertThat(x).hasNumberOfRows(100);
        assertThat(initial).hasSize(337);
        assertThat(steps).hasSize(100);
        assertThat(demoModel().parameters()).hasSize(337);
    }

    @Test
    void notebookRecipeReproducesEveryStep() {
        MLP model = demoModel();
        LearningRateSchedule schedule = LearningRateSchedule.linear(1.0, 0.1, 100);
        for (int k = 0; k < 100; k++) {
            List<Value> scores = new ArrayList<>();
            Value loss = demoLoss(model, scores);
            model.zeroGrad();
            loss.backward();
            double lr = schedule.learningRate(k);
            for (Value p : model.parameters()) {
                p.setData(p.data() - lr * p.grad());
            }
            Map<String, Object> expected = steps.get(k);
            assertThat(number(expected, "step")).isEqualTo(k);
            assertThat(lr).as("lr at step %d", k).isEqualTo(number(expected, "lr"));
            assertThat(loss.data()).as("loss at step %d", k).isCloseTo(number(expected, "loss"), within(1e-9));
            assertThat(accuracy(scores)).as("accuracy at step %d", k).isEqualTo(number(expected, "accuracy"));
        }
        assertThat(model.parameterData()).usingComparatorWithPrecision(1e-9).containsExactly(finalParameters);
    }

    @Test
    void publishedMilestones() {
        // REFERENCE.md: 100% first at step 40, below 100% somewhere in 41..69, 100% from 70 on.
        assertThat(number(steps.get(0), "loss")).isEqualTo(0.8958441028683222);
        int first = -1;
        for (int k = 0; k < 100; k++) {
            if (number(steps.get(k), "accuracy") == 1.0 && first < 0) {
                first = k;
            }
        }
        assertThat(first).isEqualTo(40);
        for (int k = 70; k < 100; k++) {
            assertThat(number(steps.get(k), "accuracy")).isEqualTo(1.0);
        }
    }

    @Test
    void oneLossGraphHasTheReferenceNodeCount() {
        Value loss = demoLoss(demoModel(), new ArrayList<>());
        assertThat(loss.topologicalOrder()).hasSize(65_818); // REFERENCE.md, micrograd demo
        assertThat(loss.data()).isCloseTo(0.8958441028683222, within(1e-12));
    }

    @Test
    void trainerWithSgdAndLinearDecayReproducesEveryStep() {
        int[] labels = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            labels[i] = y[i] > 0 ? 1 : 0;
        }
        Dataset moons = new Dataset(x, labels, List.of("-1", "+1"));
        MLP model = demoModel();
        List<Trainer.Step> seen = new ArrayList<>();
        Trainer trainer = new Trainer(model, ClassificationLoss.MAX_MARGIN, new SGD(model.parameters(), 1.0))
                .l2(1e-4)
                .schedule(LearningRateSchedule.linear(1.0, 0.1, 100))
                .listener(new Trainer.Listener() {
                    @Override public void onStep(Trainer.Step s) {
                        seen.add(s);
                    }
                });
        assertThat(trainer.lossGraph(moons, new int[] {0, 1, 2}).outputs()).hasSize(3);
        assertThat(trainer.lossGraph(moons, IntStream.range(0, 100).toArray())
                .loss().topologicalOrder()).hasSize(65_818);

        List<Trainer.Epoch> history = trainer.fit(moons, null, 100);

        assertThat(history).hasSize(100);
        assertThat(seen).hasSize(100);
        for (int k = 0; k < 100; k++) {
            Map<String, Object> expected = steps.get(k);
            Trainer.Step s = seen.get(k);
            assertThat(s.step()).isEqualTo(k);
            assertThat(s.learningRate()).isEqualTo(number(expected, "lr"));
            assertThat(s.loss()).as("loss at step %d", k).isCloseTo(number(expected, "loss"), within(1e-9));
            assertThat(s.accuracy()).as("accuracy at step %d", k).isEqualTo(number(expected, "accuracy"));
            assertThat(history.get(k).train().loss()).isCloseTo(s.loss(), within(1e-15));
        }
        assertThat(model.parameterData()).usingComparatorWithPrecision(1e-9).containsExactly(finalParameters);
    }
}
