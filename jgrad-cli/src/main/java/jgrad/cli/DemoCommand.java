package jgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.MLP;
import jgrad.nn.Trainer;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.SGD;
import jgrad.playground.MicrogradMoons;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad demo}: micrograd's moons demo (demo.ipynb): 100 points, noise 0.1, MLP(2, [16, 16,
 * 1]), max-margin loss plus 1e-4 L2, SGD with the learning rate going from 1.0 down to 0.1, 100
 * full-batch steps. By default on the notebook's own points and initial weights (the resource of
 * {@link MicrogradMoons}, copied from the reference), so that every step can be compared with the notebook's loss; with
 * {@code --data jgrad} on jgrad's moons generator and initialisation (seed 1337).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs micrograd's moons demo: trains MLP(2, [16, 16, 1]) on 100 moons points with"
                + " micrograd's recipe (max-margin loss + 1e-4 L2, SGD, lr 1.0 -> 0.1, 100 full-batch steps),"
                + " prints the final accuracy, and writes the decision boundary, the loss/accuracy curves and"
                + " the model into the output folder. By default it starts from the notebook's own points and"
                + " weights and checks every step against the notebook's loss."})
final class DemoCommand implements Callable<Integer> {

    static final int SAMPLES = 100;
    static final double NOISE = 0.1;
    static final long SEED = 1337;
    static final int STEPS = 100;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "jgrad-out/demo",
            description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    /** Where the points and the initial weights come from. */
    enum Source { micrograd, jgrad }

    @Option(names = "--svg", description = "Also write the plots as SVG (decision_boundary.svg, loss_accuracy.svg).")
    boolean svg;

    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "micrograd",
            description = "micrograd: the notebook's 100 points and initial weights, each step checked against"
                    + " the notebook's loss; jgrad: jgrad's own moons and initialisation, seed 1337."
                    + " Default ${DEFAULT-VALUE}.")
    Source source;

    /** micrograd's demo: the data, the initial weights, and the loss and accuracy at every step. */
    static final class Reference {
        final Dataset data;
        final double[] initialParameters;
        final double[] loss;
        final double[] accuracy;

        private Reference(Dataset data, double[] initialParameters, double[] loss, double[] accuracy) {
            this.data = data;
            this.initialParameters = initialParameters;
            this.loss = loss;
            this.accuracy = accuracy;
        }

        /** The notebook's numbers, from {@link MicrogradMoons} (shared with the playground). */
        static Reference load() {
            MicrogradMoons m = MicrogradMoons.load();
            return new Reference(m.data(), m.initialParameters(), m.loss(), m.accuracy());
        }
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        Random rng = new Random(SEED);
        Reference reference = source == Source.micrograd ? Reference.load() : null;
        Dataset data = reference != null ? reference.data : Datasets.moons(SAMPLES, NOISE, rng);
        MLP model = new MLP(rng, 2, 16, 16, 1);
        if (reference != null) {
            model.setParameterData(reference.initialParameters);
            w.printf(Locale.ROOT, "micrograd's moons demo: the notebook's %d points and initial weights, %s%n",
                    data.size(), "MLP(2, [16, 16, 1]) with " + model.parameters().size() + " parameters");
        } else {
            w.printf(Locale.ROOT, "micrograd's moons demo on jgrad's moons: %d points (noise %.1f, seed %d), %s%n",
                    SAMPLES, NOISE, SEED, "MLP(2, [16, 16, 1]) with " + model.parameters().size() + " parameters");
        }
        w.println("max-margin loss + 1e-4 L2, SGD with lr 1.0 -> 0.1, " + STEPS + " full-batch steps");

        double[] steps = new double[STEPS];
        double[] loss = new double[STEPS];
        double[] accuracy = new double[STEPS];
        ProgressBar bar = new ProgressBar(w, STEPS, ProgressBar.stdoutIsTerminal());
        Trainer trainer = new Trainer(model, ClassificationLoss.MAX_MARGIN, new SGD(model.parameters(), 1.0))
                .l2(1e-4)
                .schedule(LearningRateSchedule.linear(1.0, 0.1, STEPS))   // 1.0 - 0.9 * k / STEPS, micrograd's
                .listener(new Trainer.Listener() {
                    @Override
                    public void onStep(Trainer.Step s) {
                        steps[s.step()] = s.step();
                        loss[s.step()] = s.loss();
                        accuracy[s.step()] = s.accuracy();
                        String metrics = String.format(Locale.ROOT, "loss %.4f  accuracy %.1f%%", s.loss(), 100 * s.accuracy());
                        if (s.step() % 10 == 0 || s.step() == STEPS - 1) {
                            bar.log(String.format(Locale.ROOT, "step %3d  %s", s.step(), metrics));
                        }
                        bar.update(s.step() + 1, metrics);
                    }
                });
        trainer.fit(data, null, STEPS);
        bar.finish();
        Trainer.Metrics end = trainer.evaluate(data);
        int correct = (int) Math.round(end.accuracy() * data.size());
        w.printf(Locale.ROOT, "final accuracy: %.1f%% (%d/%d)%n", 100 * end.accuracy(), correct, data.size());
        if (reference != null) {
            double worst = 0;
            int accuracyMismatches = 0;
            for (int k = 0; k < STEPS; k++) {
                worst = Math.max(worst, Math.abs(loss[k] - reference.loss[k]));
                accuracyMismatches += accuracy[k] == reference.accuracy[k] ? 0 : 1;
            }
            w.printf(Locale.ROOT, "against micrograd's notebook: loss at every step within %.1e, accuracy %s%n",
                    worst, accuracyMismatches == 0 ? "equal at every step" : "different at " + accuracyMismatches + " steps");
        }

        // the boundary as demo.ipynb's contourf draws it: filled regions of the score's sign, cut smoothly
        String boundaryTitle = String.format(Locale.ROOT, "moons: MLP(2, [16, 16, 1]), accuracy %.0f%%", 100 * end.accuracy());
        for (String ext : svg ? new String[] {"png", "svg"} : new String[] {"png"}) {
            Path boundary = out.resolve("decision_boundary." + ext);
            ContourPlot.draw(boundary, boundaryTitle, data.features(), data.labels(), new String[] {"y = -1", "y = +1"},
                    x -> model.forwardScalar(x).data());
            w.println("wrote " + boundary);
            Path curves = out.resolve("loss_accuracy." + ext);
            Plots.curves(curves, "moons demo: loss and accuracy per step", "step", steps, loss, accuracy, null, null);
            w.println("wrote " + curves);
        }
        Path modelFile = out.resolve("model.json");
        ModelFile.save(modelFile, new SavedModel(model, null, data.featureNames(), List.of("-1", "+1"),
                metadata(reference != null ? "micrograd moons" : "moons", data.size(), "max-margin", end)));
        w.println("wrote " + modelFile);
        w.flush();
        return 0;
    }

    /** What a model file says about how it was made. */
    static Map<String, String> metadata(String dataset, int rows, String loss, Trainer.Metrics end) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("rows", Integer.toString(rows));
        m.put("loss", loss);
        m.put("accuracy", String.format(Locale.ROOT, "%.4f", end.accuracy()));
        m.put("created by", "jgrad-cli");
        return m;
    }
}
