package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import jgrad.nn.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code jgrad train --schedule} and {@code --momentum}, on both engines. */
class TrainScheduleTest {

    @TempDir
    Path dir;

    /** 40 xor rows, no validation, batches of 8: 5 steps an epoch. */
    private static final String XOR = "xor --samples 40 --layers 4 --val-split 0 --batch 8 --optimizer sgd --lr 0.2";

    /** The command after an in-process run, and what it printed. */
    private record Run(TrainCommand command, String out) {
        List<Double> learningRates() {
            return command.steps.stream().map(Trainer.Step::learningRate).toList();
        }
    }

    private Run train(String args) {
        TrainCommand command = new TrainCommand();
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute((args + " --force --out " + dir.resolve("out")).split(" "));
        assertThat(code).as(out.toString()).isZero();
        return new Run(command, out.toString());
    }

    @ParameterizedTest(name = "--engine {0}")
    @ValueSource(strings = {"scalar", "tensor"})
    void linearGoesFromLrTowardsATenthOverAllSteps(String engine) {
        Run r = train(XOR + " --epochs 5 --schedule linear --engine " + engine);

        // 5 epochs of 5 steps: step k uses 0.2 - (0.2 - 0.02) * k / 25, micrograd's 1.0 - 0.9 * k / 100 scaled
        assertThat(r.out).contains("sgd lr 0.2 (linear to 0.02 over 25 steps), batch 8");
        List<Double> lrs = r.learningRates();
        assertThat(lrs).hasSize(25);
        for (int k = 0; k < 25; k++) {
            assertThat(lrs.get(k)).as("step %d", k).isCloseTo(0.2 - 0.18 * k / 25, within(1e-12));
        }
        assertThat(lrs.get(0)).isEqualTo(0.2);
        assertThat(lrs.get(24)).isCloseTo(0.0272, within(1e-12)).isGreaterThan(0.02);
    }

    @ParameterizedTest(name = "--engine {0}")
    @ValueSource(strings = {"scalar", "tensor"})
    void cosineIsHalfwayAtTheMiddleStep(String engine) {
        Run r = train(XOR + " --epochs 4 --schedule cosine --engine " + engine);

        assertThat(r.out).contains("sgd lr 0.2 (cosine to 0 over 20 steps)");
        List<Double> lrs = r.learningRates();
        assertThat(lrs).hasSize(20);
        assertThat(lrs.get(0)).isEqualTo(0.2);
        assertThat(lrs.get(10)).as("cos(pi/2) = 0").isCloseTo(0.1, within(1e-12));
        assertThat(lrs.get(5)).as("(1 + cos(pi/4)) / 2").isCloseTo(0.1 * (1 + Math.sqrt(0.5)), within(1e-12));
        for (int k = 1; k < 20; k++) {
            assertThat(lrs.get(k)).as("step %d", k).isLessThan(lrs.get(k - 1)).isGreaterThan(0);
        }
    }

    @Test
    void constantIsTheDefault() {
        Run r = train(XOR + " --epochs 2");

        assertThat(r.out).contains("sgd lr 0.2 (constant), batch 8");
        assertThat(r.learningRates()).hasSize(10).containsOnly(0.2);
    }

    /**
     * torch.optim.SGD's momentum: the first update is plain SGD (the buffer starts as the
     * gradient), so full-batch runs with and without momentum agree on the losses of steps 0 and
     * 1 and part from step 2 on; both engines, in float64, take the same steps.
     */
    @Test
    void momentumReachesTheOptimizerOfBothEngines() {
        String full = "xor --samples 40 --layers 4 --activation tanh --val-split 0 --batch 0 --optimizer sgd --lr 0.2"
                + " --epochs 4";
        Run plain = train(full);
        Run scalar = train(full + " --momentum 0.9");
        Run tensor = train(full + " --momentum 0.9 --engine tensor --dtype float64");

        assertThat(scalar.out).contains("sgd lr 0.2 momentum 0.9 (constant)");
        List<Trainer.Step> p = plain.command.steps, s = scalar.command.steps, t = tensor.command.steps;
        assertThat(s.get(0).loss()).isEqualTo(p.get(0).loss());
        assertThat(s.get(1).loss()).isEqualTo(p.get(1).loss());
        assertThat(s.get(2).loss()).isNotCloseTo(p.get(2).loss(), within(1e-6));
        for (int k = 0; k < 4; k++) {
            assertThat(t.get(k).loss()).as("step %d", k).isCloseTo(s.get(k).loss(), within(1e-9));
        }
    }

    @Test
    void badMomentumAndScheduleAreUsageErrors() {
        Cli adam = Cli.run("train", "--optimizer", "adam", "--momentum", "0.9", "--out", dir.toString());
        assertThat(adam.exitCode).as(adam.toString()).isEqualTo(2);
        assertThat(adam.err.strip()).isEqualTo("jgrad train: --momentum goes with --optimizer sgd;"
                + " adam keeps its own running averages (betas 0.9, 0.999)");

        Cli adamw = Cli.run("train", "--optimizer", "adamw", "--momentum", "0", "--out", dir.toString());
        assertThat(adamw.exitCode).isEqualTo(2);
        assertThat(adamw.err).startsWith("jgrad train: --momentum goes with --optimizer sgd; adamw");

        Cli one = Cli.run("train", "--optimizer", "sgd", "--momentum", "1", "--out", dir.toString());
        assertThat(one.exitCode).isEqualTo(2);
        assertThat(one.err.strip()).isEqualTo("jgrad train: --momentum must be in [0, 1), got 1.0");

        Cli negative = Cli.run("train", "--optimizer", "sgd", "--momentum", "-0.5", "--out", dir.toString());
        assertThat(negative.exitCode).isEqualTo(2);
        assertThat(negative.err.strip()).isEqualTo("jgrad train: --momentum must be in [0, 1), got -0.5");

        Cli schedule = Cli.run("train", "--schedule", "steep", "--out", dir.toString());
        assertThat(schedule.exitCode).isEqualTo(2);
        assertThat(schedule.err.lines()).hasSize(1);
        assertThat(schedule.err).startsWith("jgrad train: ").contains("--schedule").contains("steep")
                .contains("constant, linear, cosine");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void helpNamesTheNewOptions() {
        Cli help = Cli.run("train", "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("--momentum=M").contains("--schedule=NAME").contains("0.1·lr");
    }
}
