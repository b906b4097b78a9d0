package jgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import jgrad.data.Csv;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.data.Standardizer;
import jgrad.io.Idx;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import jgrad.nn.Activation;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.ClassificationMetrics;
import jgrad.nn.Objective;
import jgrad.nn.RegressionLoss;
import jgrad.nn.RegressionMetrics;
import jgrad.nn.Init;
import jgrad.nn.MLP;
import jgrad.nn.Trainer;
import jgrad.optim.Adam;
import jgrad.optim.AdamW;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Optimizer;
import jgrad.optim.ParameterGroup;
import jgrad.optim.SGD;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad train}: trains an MLP classifier on a built-in dataset, a CSV file or (with the
 * tensor engine) MNIST's IDX files. The options, output and files are the same for both engines;
 * what differs is behind {@link TrainEngine}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains an MLP classifier or regression on a built-in dataset, on your CSV file or on"
                + " MNIST-style IDX files; prints training and validation loss and accuracy (or R² and MAE) every epoch;"
                + " writes the model (JSON; with --engine tensor also safetensors), the loss curves and evaluation"
                + " plots (confusion matrix; predicted against actual and residuals; the decision boundary for two"
                + " features) into the output folder.",
                "With --csv the task is chosen from the label column unless --task is given: a numeric column with"
                + " non-integer values or more than 20 distinct values is a regression target, anything else classes."
                + " Text feature columns are one-hot encoded; an unnamed first column (R's row index) is dropped.",
                "Runs never overwrite each other: without --out each run gets a new folder jgrad-out/train/NAME,"
                + " NAME-2, NAME-3, ...; an --out folder that already holds a model is refused unless --force."},
        footer = {"", "Examples:",
                "  jgrad train moons --epochs 50",
                "  jgrad train spiral --classes 3 --layers 32,32 --optimizer adam --lr 0.01",
                "  jgrad train moons --optimizer sgd --lr 0.1 --momentum 0.9 --schedule cosine",
                "  jgrad train --csv flowers.csv --label species --val-split 0.2 --out flowers",
                "  jgrad train --csv diabetes.csv --label progression --loss huber --patience 10 --epochs 300",
                "  jgrad train --csv visits.csv --label cost --task regression --drop id --features age,bmi,region",
                "  jgrad train --engine tensor spiral --classes 5 --layers 64,64 --epochs 200",
                "  jgrad train --engine tensor --idx-images train-images-idx3-ubyte.gz \\",
                "      --idx-labels train-labels-idx1-ubyte.gz --layers 128 --epochs 5 --batch 64"})
final class TrainCommand implements Callable<Integer> {

    /** The generated datasets. */
    enum Builtin { moons, circles, spiral, xor, blobs }

    /** Which autograd engine trains: one {@code Value} graph per example, or tensors per batch. */
    enum Engine { scalar, tensor }

    /**
     * How the learning rate changes over the run's steps: not at all, straight down to a tenth
     * (micrograd's demo, {@code 1.0 - 0.9 * k / 100}), or cosine annealing to 0.
     */
    enum Schedule { constant, linear, cosine }

    /** The tensor engine's number type, by PyTorch's names (the option's values, in lower case). */
    enum Precision {
        float32(DType.FLOAT32), float64(DType.FLOAT64);

        final DType dtype;

        Precision(DType dtype) {
            this.dtype = dtype;
        }
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET",
            description = "Built-in dataset: ${COMPLETION-CANDIDATES} (default moons; not with --csv).")
    Builtin dataset;

    @Option(names = "--csv", paramLabel = "FILE", description = "Train on this CSV file (a header row; numeric features).")
    Path csv;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "With --csv: the column to learn (class labels, or a numeric target for regression).")
    String label;

    @Option(names = "--task", paramLabel = "TASK",
            description = "With --csv: classification or regression (default: chosen from the label column; the"
                    + " summary says which and why).")
    String task;

    @Option(names = "--features", paramLabel = "COLUMNS", split = ",",
            description = "With --csv: use only these columns as features (default: all but the label).")
    List<String> features;

    @Option(names = "--drop", paramLabel = "COLUMNS", split = ",",
            description = "With --csv: leave these columns out (an id, a date, a leaking column).")
    List<String> drop;

    @Option(names = "--idx-images", paramLabel = "FILE",
            description = "With --engine tensor: train on these IDX images (MNIST's train-images-idx3-ubyte, plain or .gz).")
    Path idxImages;

    @Option(names = "--idx-labels", paramLabel = "FILE",
            description = "With --idx-images: their IDX labels (train-labels-idx1-ubyte, plain or .gz).")
    Path idxLabels;

    @Option(names = "--val-idx-images", paramLabel = "FILE",
            description = "With --idx-images: validate on these IDX images (t10k-images-idx3-ubyte) instead of --val-split.")
    Path valIdxImages;

    @Option(names = "--val-idx-labels", paramLabel = "FILE", description = "With --val-idx-images: their IDX labels.")
    Path valIdxLabels;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "200",
            description = "Built-in data: number of points (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--noise", paramLabel = "X", description = "Built-in data: noise (default 0.1; blobs: std 1.0).")
    Double noise;

    @Option(names = "--classes", paramLabel = "K", defaultValue = "3",
            description = "spiral and blobs: number of classes (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--layers", paramLabel = "SIZES", split = ",", defaultValue = "16,16",
            description = "Hidden layer sizes (default ${DEFAULT-VALUE}); the output layer is added to fit the loss.")
    int[] layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: relu, tanh, sigmoid (default ${DEFAULT-VALUE}); the output is linear.")
    String activation;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "Classification: max-margin (micrograd's), bce or cross-entropy (default max-margin for two"
                    + " built-in classes, cross-entropy otherwise). Regression: mse (default), mae (L1) or huber.")
    String loss;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "sgd, adam or adamw (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default 0.01 for adam/adamw, 0.1 for sgd).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "M",
            description = "With --optimizer sgd: momentum in [0, 1), as PyTorch's SGD (default 0: plain SGD).")
    Double momentum;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "constant",
            description = "Learning rate over all steps: constant; linear from --lr down to 0.1·lr (micrograd's"
                    + " demo); cosine from --lr down to 0 (default ${DEFAULT-VALUE}).")
    Schedule schedule;

    @Option(names = "--l2", paramLabel = "ALPHA", defaultValue = "1e-4",
            description = "L2 regularisation alpha·sum(p²) (default ${DEFAULT-VALUE}, as micrograd's demo).")
    double l2;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "50", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Examples per step (default ${DEFAULT-VALUE}; 0 for the full batch).")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1337",
            description = "Seed of the data, the split, the initial weights and the batches (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--val-split", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Fraction of rows held out for validation (default ${DEFAULT-VALUE}; 0 for none).")
    double valSplit;

    @Option(names = "--standardize", negatable = true, paramLabel = "",
            description = "Standardise features with the training rows' mean and std, saved with the model"
                    + " (default: on for --csv, off for built-in data).")
    Boolean standardize;

    /** The network: an MLP of --layers, or a LeNet-style CNN of images. */
    enum ModelKind { mlp, cnn }

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "mlp",
            description = "mlp (default) or, with --engine tensor, cnn: a LeNet-style convolutional network"
                    + " (conv 6@5x5, pool, conv 16@5x5, pool, linear 120-84-classes) of IDX images or of CSV pixel"
                    + " columns with --image HxW.")
    ModelKind modelKind;

    @Option(names = "--image", paramLabel = "HxW",
            description = "With --model cnn: the image size of the pixel columns, e.g. 28x28 (IDX images default to"
                    + " square).")
    String image;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "scalar (micrograd's Value graphs) or tensor (batched tensors, much faster; needed for IDX"
                    + " data) (default tensor for --csv and IDX data, scalar for the built-in datasets).")
    Engine engine;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop when the validation loss has not improved for N epochs and keep the best epoch's"
                    + " weights (default 0: train every epoch).")
    int patience;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "1",
            description = "Print every N-th epoch's line (default ${DEFAULT-VALUE}; the last is always printed).")
    int logEvery;

    @Option(names = "--quiet", description = "Print only the summary and the files written (no epoch lines).")
    boolean quiet;

    @Option(names = "--force", description = "Allow --out to name a folder that already holds a model, and"
            + " overwrite it.")
    boolean force;

    @Option(names = "--dtype", paramLabel = "TYPE",
            description = "With --engine tensor: float32 or float64 (default float32).")
    Precision dtype;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default jgrad-out/train/NAME, or"
            + " NAME-2, NAME-3, ... if taken: runs never overwrite each other; an --out folder with a model in it needs"
            + " --force).")
    Path out;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "With --csv: the file's text encoding (default ${DEFAULT-VALUE}; e.g. ISO-8859-1,"
                    + " windows-1252, UTF-16).")
    String encoding;

    /** The epochs of the last {@link #call()}, for tests. */
    List<Trainer.Epoch> history;

    /** The steps of the last {@link #call()}, with the learning rate each used, for tests. */
    List<Trainer.Step> steps;

    /** Where runs without --out go: jgrad-out in the working folder; tests point it elsewhere. */
    static Path outputRoot = Path.of("jgrad-out");

    /** The folder the last {@link #call()} wrote to, for tests. */
    Path writtenTo;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Phases.mark("options parsed");
        checkOptions();
        Plots.warmUpInBackground();   // every run writes PNGs at the end
        Random rng = new Random(seed);
        TrainData data = idxImages != null ? loadIdx(rng) : loadTable(rng, w, err);
        Phases.mark("data loaded");
        Path outDir = outputFolder(data.name(), w);
        boolean regression = data.isRegression();
        ClassificationLoss lossKind = regression ? null : lossFor(data.classCount());
        Objective objective = regression
                ? Objective.regression(regressionLoss(), data.targetNames().size(), data.targetStandardizer())
                : Objective.classification(lossKind);
        if (data.trainSize() == 0) {
            throw new Main.UsageException("no training rows left: " + data.rows() + " rows with --val-split " + valSplit);
        }
        if (patience > 0 && data.validationSize() == 0) {
            throw new Main.UsageException("--patience watches the validation loss, but there are no validation rows;"
                    + " give --val-split above 0");
        }

        int[] sizes = new int[layers.length + 1];
        System.arraycopy(layers, 0, sizes, 0, layers.length);
        sizes[layers.length] = regression ? data.targetNames().size() : lossKind.outputs(data.classCount());
        MLP.Builder builder = MLP.builder(data.featureCount(), sizes)
                .hiddenActivation(Activation.parse(activation))
                .outputActivation(Activation.LINEAR);
        if (!data.isTable() || csv != null) {
            // uniform(-1, 1) saturates hundreds of pixel inputs, and is far from what MLPs on tables use
            builder.weightInit(Init.heUniform());
        }
        boolean cnn = modelKind == ModelKind.cnn;
        if (cnn && regression) {
            throw new Main.UsageException("--model cnn classifies images; give class labels, not a numeric target");
        }
        int[] hw = cnn ? imageSize(data.featureCount()) : null;
        MLP model = cnn ? null : builder.build(rng);
        int batchSize = batch == 0 ? data.trainSize() : batch;
        TrainEngine trainer = cnn
                ? TrainEngine.module(jgrad.tensor.nn.LeNet.of(hw[0], hw[1], sizes[layers.length], dtype.dtype, rng),
                        dtype.dtype, objective, this::optimizer, l2, batchSize, patience, rng, data)
                : engine == Engine.tensor
                ? TrainEngine.tensor(model, dtype.dtype, objective, this::optimizer, l2, batchSize, patience, rng, data)
                : TrainEngine.scalar(model, objective, this::optimizer, l2, batchSize, patience, rng, data);
        long stepCount = (long) epochs * trainer.stepsPerEpoch(data.trainSize());
        if (stepCount > Integer.MAX_VALUE) {
            throw new Main.UsageException("--epochs " + epochs + " x " + trainer.stepsPerEpoch(data.trainSize())
                    + " steps per epoch is " + stepCount + " steps, more than 2^31 - 1; lower --epochs or raise --batch");
        }
        int totalSteps = (int) stepCount;
        if (schedule != Schedule.constant) {
            trainer.schedule(learningRateSchedule(totalSteps));
        }

        if (!quiet) {
            String what = regression ? "target " + data.targetNames() + " (regression)"
                    : data.classCount() + " classes " + data.classNames();
            w.printf(Locale.ROOT, "data: %s, %d rows, %d features, %s; %d for training, %d for validation%s%n",
                    data.name(), data.rows(), data.featureCount(), what, data.trainSize(), data.validationSize(),
                    data.standardizer() != null ? "; standardised" + (regression && data.targetStandardizer() != null
                            ? " (features and target)" : "") : "");
            w.printf(Locale.ROOT, "model: %s, %d parameters; loss %s + %s L2; %s lr %s%s (%s),"
                            + " batch %d%s%n",
                    cnn ? "LeNet-style CNN of " + hw[0] + "x" + hw[1] + " images, " + sizes[layers.length] + " outputs"
                            : String.format(Locale.ROOT, "MLP(%d, %s), %s hidden", data.featureCount(),
                            Arrays.toString(sizes), activation),
                    cnn ? trainer.parameterCount() : model.parameters().size(),
                    objective.id(), plain(l2), optimizer, plain(learningRate()),
                    momentum != null && momentum > 0 ? " momentum " + plain(momentum) : "",
                    describeSchedule(totalSteps), batchSize, engine == Engine.tensor ? "; tensor engine, " + dtype : "");
        }

        Phases.mark("model built");
        Main.stage("training");
        ProgressBar bar = new ProgressBar(w, totalSteps, !quiet && ProgressBar.stdoutIsTerminal());
        int width = String.valueOf(epochs).length();
        steps = new ArrayList<>();
        history = trainer.fit(epochs, new Trainer.Listener() {
            @Override
            public void onStep(Trainer.Step s) {
                steps.add(s);
                if (!quiet) {
                    bar.update(s.step() + 1, regression
                            ? String.format(Locale.ROOT, "epoch %d  loss %.4f", s.epoch() + 1, s.loss())
                            : String.format(Locale.ROOT, "epoch %d  loss %.4f  accuracy %.1f%%",
                                    s.epoch() + 1, s.loss(), 100 * s.accuracy()));
                }
            }

            @Override
            public void onEpoch(Trainer.Epoch e) {
                if (!quiet && ((e.epoch() + 1) % logEvery == 0 || e.epoch() + 1 == epochs)) {
                    bar.log(String.format(Locale.ROOT, "epoch %" + width + "d/%d  ", e.epoch() + 1, epochs)
                            + epochLine(e));
                }
            }
        });
        bar.finish();
        Phases.mark("trained");
        Trainer.Epoch last = history.get(history.size() - 1);
        if (!quiet && (last.epoch() + 1) % logEvery != 0 && last.epoch() + 1 != epochs) {
            w.printf(Locale.ROOT, "epoch %" + width + "d/%d  %s (stopped)%n", last.epoch() + 1, epochs, epochLine(last));
        }

        int kept = trainer.keptEpoch();
        Trainer.Epoch keptEpoch = history.get(kept);
        Trainer.Metrics finalTrain = keptEpoch.train();
        Trainer.Metrics finalVal = keptEpoch.validation();
        String which = trainer.stoppedEarly() || kept != history.size() - 1
                ? String.format(Locale.ROOT, "epoch %d of %d, kept by --patience %d (lowest validation loss%s)",
                        kept + 1, history.size(), patience, trainer.stoppedEarly() ? ", stopped early" : "")
                : String.format(Locale.ROOT, "epoch %d of %d", kept + 1, history.size());
        if (regression) {
            w.printf(Locale.ROOT, "final (%s): %s%n", which, epochLine(keptEpoch));
        } else {
            w.printf(Locale.ROOT, "final accuracy: train %.1f%%%s (%s)%n", 100 * finalTrain.accuracy(),
                    finalVal == null ? "" : String.format(Locale.ROOT, ", validation %.1f%%", 100 * finalVal.accuracy()),
                    which);
        }
        if (csv != null) {
            w.println(taskLine);
        }

        Map<String, String> meta = DemoCommand.metadata(data.name(), data.rows(), objective.id(),
                finalVal != null ? finalVal : finalTrain);
        if (regression) {
            Trainer.Metrics m = finalVal != null ? finalVal : finalTrain;
            meta.remove("accuracy");
            meta.put("r2", String.format(Locale.ROOT, "%.4f", m.regression().r2()));
            meta.put("mae", String.format(Locale.ROOT, "%.6g", m.regression().mae()));
            meta.put("rmse", String.format(Locale.ROOT, "%.6g", m.regression().rmse()));
        }
        meta.put("task", regression ? "regression" : "classification");
        meta.put("engine", engine == Engine.tensor ? "tensor " + dtype : "scalar");
        meta.put("epoch kept", Integer.toString(kept + 1));
        if (cnn) {
            meta.put("model", "cnn");
            meta.put("image", hw[0] + "x" + hw[1]);
        }
        SavedModel saved = cnn ? null : new SavedModel(trainer.scalarModel(), data.standardizer(), data.featureNames(),
                regression ? List.of() : data.classNames(), data.targetNames(),
                regression ? data.targetStandardizer() : null, data.categorical(), meta);

        // the detailed report, on the validation rows (or the training rows without them)
        if (data.isTable() && saved != null) {
            boolean onValidation = data.validationSize() > 0;
            Dataset rows = onValidation ? data.validationRaw() : data.trainRaw();
            String part = onValidation ? "validation" : "training";
            // in the precision it trained in: float32's kernels are compiled by now, float64's would start cold
            DType precision = engine == Engine.tensor ? dtype.dtype : DType.FLOAT64;
            report = regression ? regressionReport(saved, rows, part, precision)
                    : classificationReport(saved, rows, part, precision);
            if (!quiet) {
                w.print(reportText(part, data, report));
            }
        }

        Phases.mark("report");
        Main.stage("saving to " + outDir);
        Files.createDirectories(outDir);
        writtenTo = outDir;
        if (saved != null) {
            Path modelFile = outDir.resolve("model.json");
            ModelFile.save(modelFile, saved);
            w.println("wrote " + modelFile);
        } else {
            w.println("no model.json: it holds MLPs; the CNN's weights go to model.safetensors under PyTorch's names");
        }
        for (Path extra : trainer.saveExtra(outDir, meta)) {
            w.println("wrote " + extra);
        }
        Phases.mark("model files saved");
        writeCurves(outDir.resolve("loss_accuracy.png"), data.name(), history, regression);
        w.println("wrote " + outDir.resolve("loss_accuracy.png"));
        Phases.mark("curves plot");
        if (report instanceof Report.Classes c) {
            Path png = outDir.resolve("confusion_matrix.png");
            EvaluationPlots.confusionMatrix(png, data.name() + ": confusion matrix (" + c.part() + " rows)",
                    c.metrics().confusion(), data.classNames());
            w.println("wrote " + png);
        } else if (report instanceof Report.Values v) {
            Path scatter = outDir.resolve("predicted_vs_actual.png");
            EvaluationPlots.predictedVsActual(scatter, data.name() + ": predicted against actual (" + v.part()
                    + " rows, R² " + String.format(Locale.ROOT, "%.3f", v.metrics().r2()) + ")",
                    v.actual(), v.predicted(), data.targetNames().get(0));
            w.println("wrote " + scatter);
            Path residuals = outDir.resolve("residuals.png");
            EvaluationPlots.residuals(residuals, data.name() + ": residuals (" + v.part() + " rows)", v.actual(),
                    v.predicted(), data.targetNames().get(0));
            w.println("wrote " + residuals);
        }
        if (saved != null && data.isTable() && !regression && data.featureCount() == 2) {
            Path boundary = outDir.resolve("decision_boundary.png");
            String[] classNames = data.classNames().toArray(new String[0]);
            Dataset all = data.all();
            Plots.decisionBoundary(boundary, String.format(Locale.ROOT, "%s: decision boundary (validation accuracy %s)",
                    data.name(), finalVal == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * finalVal.accuracy())),
                    all.features(), all.labels(), classNames,
                    Plots.batched(grid -> saved.predict(grid, jgrad.tensor.DType.FLOAT32)), data.validationMask());
            w.println("wrote " + boundary);
        } else if (!quiet && !regression) {
            w.println("no decision boundary: it is drawn for two features, the data has " + data.featureCount());
        }
        Phases.mark("evaluation plots");
        w.flush();
        return 0;
    }

    /** The chosen task, why, and how to change it; for the summary. */
    private String taskLine = "";

    /** The detailed evaluation of the last {@link #call()}, for tests. */
    Report report;

    /** The final evaluation of a table: classes or values, on the named rows. */
    sealed interface Report permits Report.Classes, Report.Values {
        /** "validation" or "training". */
        String part();

        /** A classifier's confusion matrix and per-class scores. */
        record Classes(String part, ClassificationMetrics metrics) implements Report { }

        /** A regression's scores and, for the plots, the first target's actual and predicted values. */
        record Values(String part, RegressionMetrics metrics, double[] actual, double[] predicted) implements Report { }
    }

    private static Report classificationReport(SavedModel saved, Dataset rows, String part, DType precision) {
        int[] predicted = saved.predict(rows.features(), precision);
        return new Report.Classes(part, ClassificationMetrics.of(rows.labels(), predicted, rows.classCount()));
    }

    private static Report regressionReport(SavedModel saved, Dataset rows, String part, DType precision) {
        double[][] truth = rows.targets();
        double[][] predicted = saved.values(rows.features(), precision);
        double[] a = new double[rows.size()];
        double[] p = new double[rows.size()];
        for (int i = 0; i < predicted.length; i++) {
            a[i] = truth[i][0];
            p[i] = predicted[i][0];
        }
        return new Report.Values(part, RegressionMetrics.of(truth, predicted), a, p);
    }

    private static String reportText(String part, TrainData data, Report report) {
        StringBuilder b = new StringBuilder();
        if (report instanceof Report.Values v) {
            b.append(String.format(Locale.ROOT, "%s rows (%s units): MSE %.6g  RMSE %.6g  MAE %.6g  R² %.4f%n", part,
                    data.targetNames().get(0), v.metrics().mse(), v.metrics().rmse(), v.metrics().mae(),
                    v.metrics().r2()));
            return b.toString();
        }
        ClassificationMetrics m = ((Report.Classes) report).metrics();
        List<String> names = data.classNames();
        int wName = Math.max(5, names.stream().mapToInt(String::length).max().orElse(5));
        b.append(String.format(Locale.ROOT, "%s rows: accuracy %.1f%%, macro F1 %.3f%n", part, 100 * m.accuracy(),
                m.macroF1()));
        b.append(String.format(Locale.ROOT, "  %-" + wName + "s  precision  recall     f1  support%n", "class"));
        for (int k = 0; k < names.size(); k++) {
            b.append(String.format(Locale.ROOT, "  %-" + wName + "s  %9.3f  %6.3f  %5.3f  %7d%n", names.get(k),
                    m.precision(k), m.recall(k), m.f1(k), m.support(k)));
        }
        if (names.size() <= 12) {
            b.append("  confusion matrix (rows: true class, columns: predicted)\n");
            long[][] c = m.confusion();
            for (int k = 0; k < names.size(); k++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-" + wName + "s", names.get(k)));
                for (long count : c[k]) {
                    row.append(String.format(Locale.ROOT, " %5d", count));
                }
                b.append(row).append('\n');
            }
        }
        return b.toString();
    }

    /** An epoch's metrics as the epoch lines and the summary print them. */
    private static String epochLine(Trainer.Epoch e) {
        String line = metricText("train", e.train());
        if (e.validation() != null) {
            line += "  " + metricText("validation", e.validation());
        }
        return line;
    }

    private static String metricText(String part, Trainer.Metrics m) {
        if (m.isRegression()) {
            return String.format(Locale.ROOT, "%s loss %.4f  R² %6.3f  MAE %.4g", part, m.loss(), m.regression().r2(),
                    m.regression().mae());
        }
        return String.format(Locale.ROOT, "%s loss %.4f  accuracy %5.1f%%", part, m.loss(), 100 * m.accuracy());
    }

    /**
     * Where this run writes: --out (refused if it holds a model, unless --force), or
     * jgrad-out/train/NAME, NAME-2, ... (the first that holds no model).
     */
    private Path outputFolder(String name, PrintWriter w) throws IOException {
        if (out != null) {
            if (!force && Files.exists(out.resolve("model.json"))) {
                throw new Main.UsageException("--out " + out + " already holds a model (" + out.resolve("model.json")
                        + "); runs never overwrite each other silently: give another folder, leave --out away for a"
                        + " new numbered one, or add --force to overwrite");
            }
            OutputPaths.checkDir(out, "--out");
            return out;
        }
        Path base = outputRoot.resolve("train");
        Path dir = base.resolve(name);
        for (int k = 2; Files.exists(dir.resolve("model.json")); k++) {
            dir = base.resolve(name + "-" + k);
        }
        OutputPaths.checkDir(dir, "the output folder");
        return dir;
    }

    private RegressionLoss regressionLoss() {
        if (loss == null) {
            return RegressionLoss.MSE;
        }
        try {
            return RegressionLoss.parse(loss);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--loss " + loss + ": the task is regression; use mse, mae (l1) or huber"
                    + (List.of("max-margin", "bce", "cross-entropy").contains(loss.toLowerCase(Locale.ROOT))
                    ? ", or --task classification for classes" : ""));
        }
    }

    /**
     * A built-in dataset or the CSV (prepared by {@link UserTable}), split into training and
     * validation rows, standardised if asked (regression targets too).
     */
    private TrainData loadTable(Random rng, PrintWriter w, PrintWriter err) throws IOException {
        Dataset data;
        List<jgrad.data.Categorical> categorical = List.of();
        if (csv != null) {
            if (!Files.exists(csv)) {
                throw new IOException("cannot read " + csv + ": no such file");
            }
            Main.stage("reading " + csv);
            Csv.Table table = Csv.readTable(csv, charset(encoding));
            Phases.mark("csv read");
            UserTable prepared = UserTable.prepare(table, label, features, drop == null ? List.of() : drop, task);
            data = prepared.data();
            categorical = prepared.categorical();
            for (String note : prepared.notes()) {
                if (!quiet) {
                    w.println(note);
                }
            }
            for (String warning : prepared.warnings()) {
                err.println(warning);
            }
            err.flush();
            String other = prepared.task().equals("regression") ? "classification" : "regression";
            taskLine = "task: " + prepared.task() + " (" + prepared.taskReason() + ")"
                    + (task == null && !prepared.taskReason().contains("holds text") ? "; override with --task " + other
                    : "");
        } else {
            data = generate(rng);
        }
        String name = csv != null ? csv.getFileName().toString().replaceFirst("\\.csv$", "") : dataset().name();
        int n = data.size();
        int nTrain = (int) Math.round(n * (1 - valSplit));
        int nVal = Math.min(n - nTrain, (int) Math.round(n * valSplit));
        int[] order = Dataset.permutation(n, rng);   // as Dataset.split draws it
        int[] trainRows = Arrays.copyOfRange(order, 0, nTrain);
        int[] valRows = Arrays.copyOfRange(order, nTrain, nTrain + nVal);
        Dataset train = data.subset(trainRows);
        Dataset validation = data.subset(valRows);
        boolean[] isValidation = new boolean[n];
        for (int r : valRows) {
            isValidation[r] = true;
        }
        boolean scale = standardize != null ? standardize : csv != null;
        Standardizer standardizer = scale && train.size() > 0 ? Standardizer.fit(train) : null;
        Dataset modelTrain = standardizer == null ? train : standardizer.transform(train);
        Dataset modelValidation = standardizer == null || validation.size() == 0 ? validation
                : standardizer.transform(validation);
        Standardizer targetScale = null;
        if (data.isRegression() && train.size() > 0) {
            targetScale = Standardizer.fit(train.targets());
            modelTrain = scaleTargets(modelTrain, targetScale);
            modelValidation = validation.size() == 0 ? modelValidation : scaleTargets(modelValidation, targetScale);
        }
        return TrainData.table(name, data, modelTrain, modelValidation, standardizer)
                .withTargets(targetScale, categorical).withRaw(train, validation, isValidation);
    }

    private static Dataset scaleTargets(Dataset d, Standardizer scale) {
        double[][] t = d.targets();
        for (int i = 0; i < t.length; i++) {
            t[i] = scale.transform(t[i]);
        }
        return d.withTargets(t);
    }

    /**
     * The IDX images and labels; validation from the --val-idx files, or else the --val-split
     * fraction of the shuffled images.
     */
    private TrainData loadIdx(Random rng) throws IOException {
        Tensor x = Idx.readImages(idxImages);
        int[] y = Idx.readLabels(idxLabels);
        checkCount(idxImages, x, idxLabels, y);
        String name = idxImages.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("-images.*$", "");
        if (valIdxImages != null) {
            Tensor vx = Idx.readImages(valIdxImages);
            int[] vy = Idx.readLabels(valIdxLabels);
            checkCount(valIdxImages, vx, valIdxLabels, vy);
            if (vx.dim(1) != x.dim(1)) {
                throw new IllegalArgumentException(valIdxImages + " has images of " + vx.dim(1) + " pixels but "
                        + idxImages + " has " + x.dim(1) + "; give validation images of the training images' size");
            }
            return TrainData.images(name, x, y, vx, vy);
        }
        int n = y.length;
        int nTrain = (int) Math.round(n * (1 - valSplit));
        int[] order = Dataset.permutation(n, rng);
        int[] trainRows = Arrays.copyOfRange(order, 0, nTrain);
        int[] valRows = Arrays.copyOfRange(order, nTrain, n);
        return TrainData.images(name, x.indexSelect(0, trainRows), pick(y, trainRows),
                valRows.length == 0 ? null : x.indexSelect(0, valRows), valRows.length == 0 ? null : pick(y, valRows));
    }

    private static void checkCount(Path images, Tensor x, Path labels, int[] y) {
        if (y.length == 0) {
            throw new IllegalArgumentException(labels + " holds no labels; give a label file with at least one");
        }
        if (x.dim(0) != y.length) {
            throw new IllegalArgumentException(images + " has " + x.dim(0) + " images but " + labels + " has "
                    + y.length + " labels; give the label file that belongs to the images");
        }
    }

    private static int[] pick(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    /** 0.0001 rather than 1.0E-4. */
    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private Builtin dataset() {
        return dataset == null ? Builtin.moons : dataset;
    }

    private void checkOptions() {
        if (engine == null) {
            engine = csv != null || idxImages != null ? Engine.tensor : Engine.scalar;
        }
        checkIdxOptions();
        checkModelOptions();
        if (task != null && !task.equals("classification") && !task.equals("regression")) {
            throw new Main.UsageException("--task must be classification or regression, got '" + task + "'");
        }
        if (csv == null && (task != null || features != null || drop != null)) {
            throw new Main.UsageException("--task, --features and --drop go with --csv FILE");
        }
        if (patience < 0) {
            throw new Main.UsageException("--patience must be 0 (off) or more, got " + patience);
        }
        if (logEvery < 1) {
            throw new Main.UsageException("--log-every must be at least 1, got " + logEvery);
        }
        if (dtype == null) {
            dtype = Precision.float32;
        }
        if (csv != null && dataset != null) {
            throw new Main.UsageException("give either a DATASET or --csv FILE, not both");
        }
        if (csv != null && label == null) {
            throw new Main.UsageException("--csv needs --label COLUMN, the name of the class column");
        }
        if (csv == null && label != null) {
            throw new Main.UsageException("--label goes with --csv FILE");
        }
        if (epochs < 1) {
            throw new Main.UsageException("--epochs must be at least 1, got " + epochs);
        }
        if (batch < 0) {
            throw new Main.UsageException("--batch must be 0 (full batch) or more, got " + batch);
        }
        if (!(valSplit >= 0 && valSplit < 1)) {
            throw new Main.UsageException("--val-split must be in [0, 1), got " + valSplit);
        }
        if (layers.length == 0) {
            throw new Main.UsageException("--layers must list at least one hidden layer size, such as --layers 16,16");
        }
        for (int size : layers) {
            if (size < 1) {
                throw new Main.UsageException("--layers sizes must be at least 1, got " + Arrays.toString(layers));
            }
        }
        if (samples < 2) {
            throw new Main.UsageException("--samples must be at least 2, got " + samples);
        }
        if (noise != null && !(noise >= 0 && Double.isFinite(noise))) {
            throw new Main.UsageException("--noise must be a finite number >= 0, got " + noise);
        }
        if (classes < 2) {
            throw new Main.UsageException("--classes must be at least 2, got " + classes);
        }
        if (csv == null && idxImages == null && (dataset() == Builtin.spiral || dataset() == Builtin.blobs)
                && samples < classes) {
            throw new Main.UsageException("--samples must be at least --classes (one point per class), got "
                    + samples + " samples for " + classes + " classes");
        }
        if (!(l2 >= 0 && Double.isFinite(l2))) {
            throw new Main.UsageException("--l2 must be a finite number >= 0, got " + l2);
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw new Main.UsageException("--lr must be a positive number, got " + lr);
        }
        try {
            Activation.parse(activation);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--activation: " + e.getMessage());
        }
        if (!List.of("sgd", "adam", "adamw").contains(optimizer.toLowerCase(Locale.ROOT))) {
            throw new Main.UsageException("--optimizer must be sgd, adam or adamw, got '" + optimizer + "'");
        }
        if (momentum != null && !optimizer.equalsIgnoreCase("sgd")) {
            throw new Main.UsageException("--momentum goes with --optimizer sgd; " + optimizer
                    + " keeps its own running averages (betas 0.9, 0.999)");
        }
        if (momentum != null && !(momentum >= 0 && momentum < 1)) {
            throw new Main.UsageException("--momentum must be in [0, 1), got " + momentum);
        }
    }

    private void checkModelOptions() {
        if (modelKind == ModelKind.cnn && engine != Engine.tensor) {
            throw new Main.UsageException("--model cnn trains on the tensor engine only: add --engine tensor");
        }
        if (image != null && modelKind != ModelKind.cnn) {
            throw new Main.UsageException("--image HxW gives the CNN its image size: add --model cnn");
        }
        if (image != null && !image.matches("[1-9][0-9]*x[1-9][0-9]*")) {
            throw new Main.UsageException("--image " + image + ": give the size as HxW, e.g. 28x28");
        }
    }

    /** H and W from --image, or the square root of the pixel count for IDX images. */
    private int[] imageSize(int pixels) {
        int h, w;
        if (image != null) {
            String[] p = image.split("x");
            h = Integer.parseInt(p[0]);
            w = Integer.parseInt(p[1]);
        } else {
            h = w = (int) Math.round(Math.sqrt(pixels));
            if (idxImages == null || h * w != pixels) {
                throw new Main.UsageException("--model cnn needs the image size of the " + pixels
                        + " pixel columns: give --image HxW");
            }
        }
        if ((long) h * w != pixels) {
            throw new Main.UsageException("--image " + image + " has " + (long) h * w + " pixels but the data has "
                    + pixels + " feature columns; give the size of the images (H·W = the number of columns)");
        }
        if (h < 4 || w < 4) {
            throw new Main.UsageException("--image " + h + "x" + w + ": the CNN needs images of at least 4x4");
        }
        return new int[] {h, w};
    }

    private void checkIdxOptions() {
        if (engine != Engine.tensor && (idxImages != null || idxLabels != null || valIdxImages != null
                || valIdxLabels != null)) {
            throw new Main.UsageException("IDX data (--idx-images, --idx-labels) trains on the tensor engine only:"
                    + " add --engine tensor");
        }
        if (engine != Engine.tensor && dtype != null) {
            throw new Main.UsageException("--dtype chooses the tensor engine's precision: add --engine tensor"
                    + " (the scalar engine computes in double)");
        }
        if ((idxImages == null) != (idxLabels == null)) {
            throw new Main.UsageException("--idx-images and --idx-labels go together: give both files");
        }
        if ((valIdxImages == null) != (valIdxLabels == null)) {
            throw new Main.UsageException("--val-idx-images and --val-idx-labels go together: give both files");
        }
        if (valIdxImages != null && idxImages == null) {
            throw new Main.UsageException("--val-idx-images goes with --idx-images FILE --idx-labels FILE");
        }
        if (idxImages != null && (csv != null || dataset != null)) {
            throw new Main.UsageException("give one of a DATASET, --csv FILE or --idx-images FILE, not several");
        }
        if (idxImages != null && standardize != null) {
            throw new Main.UsageException("--standardize is for table data; IDX pixels are scaled to [0, 1]");
        }
        if (valIdxImages != null && spec.commandLine().getParseResult().hasMatchedOption("--val-split")) {
            throw new Main.UsageException("give either --val-split or --val-idx-images, not both");
        }
    }

    /** The charset named by --encoding. @throws Main.UsageException if Java knows no such charset */
    static java.nio.charset.Charset charset(String name) {
        try {
            return java.nio.charset.Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--encoding " + name + ": no such text encoding; try UTF-8, ISO-8859-1,"
                    + " windows-1252 or UTF-16");
        }
    }

    private Dataset generate(Random rng) {
        Main.stage("making the " + dataset() + " data (" + samples + " samples)");
        double n = noise != null ? noise : dataset() == Builtin.blobs ? 1.0 : 0.1;
        return switch (dataset()) {
            case moons -> Datasets.moons(samples, n, rng);
            case circles -> Datasets.circles(samples, n, 0.5, rng);
            case spiral -> Datasets.spiral(samples, classes, n, rng);
            case xor -> Datasets.xor(samples, n, rng);
            case blobs -> Datasets.blobs(samples, classes, n, rng);
        };
    }

    private ClassificationLoss lossFor(int classCount) {
        ClassificationLoss kind;
        try {
            kind = loss != null ? ClassificationLoss.parse(loss)
                    : classCount == 2 && csv == null ? ClassificationLoss.MAX_MARGIN
                    : ClassificationLoss.CROSS_ENTROPY;
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--loss: " + e.getMessage());
        }
        try {
            kind.outputs(classCount);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--loss " + e.getMessage());
        }
        return kind;
    }

    private double learningRate() {
        return lr != null ? lr : optimizer.equalsIgnoreCase("sgd") ? 0.1 : 0.01;
    }

    /** The --schedule over {@code totalSteps} steps, starting at the --lr rate. */
    private LearningRateSchedule learningRateSchedule(int totalSteps) {
        double lr = learningRate();
        return switch (schedule) {
            case constant -> LearningRateSchedule.constant(lr);
            case linear -> LearningRateSchedule.linear(lr, 0.1 * lr, totalSteps);
            case cosine -> LearningRateSchedule.cosine(lr, 0, totalSteps);
        };
    }

    /** The schedule as the header prints it: "constant", or e.g. "linear to 0.01 over 150 steps". */
    private String describeSchedule(int totalSteps) {
        return switch (schedule) {
            case constant -> "constant";
            case linear -> "linear to " + plain(new java.math.BigDecimal(0.1 * learningRate())
                    .round(new java.math.MathContext(6)).doubleValue()) + " over " + totalSteps + " steps";
            case cosine -> "cosine to 0 over " + totalSteps + " steps";
        };
    }

    /** The chosen optimizer over either engine's parameters, with PyTorch's defaults. */
    private Optimizer optimizer(ParameterGroup parameters) {
        return switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "sgd" -> new SGD(parameters, learningRate(), momentum != null ? momentum : 0, 0);
            case "adamw" -> new AdamW(parameters, learningRate(), 0.9, 0.999, 1e-8, 0.01);
            default -> new Adam(parameters, learningRate(), 0.9, 0.999, 1e-8, 0);
        };
    }

    private void writeCurves(Path png, String name, List<Trainer.Epoch> history, boolean regression)
            throws IOException {
        int n = history.size();
        double[] xs = new double[n];
        double[] trainLoss = new double[n];
        double[] trainAcc = new double[n];
        boolean hasValidation = n > 0 && history.get(0).validation() != null;
        double[] valLoss = hasValidation ? new double[n] : null;
        double[] valAcc = hasValidation ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            Trainer.Epoch e = history.get(i);
            xs[i] = e.epoch() + 1;
            trainLoss[i] = e.train().loss();
            trainAcc[i] = regression ? e.train().regression().r2() : e.train().accuracy();
            if (hasValidation) {
                valLoss[i] = e.validation().loss();
                valAcc[i] = regression ? e.validation().regression().r2() : e.validation().accuracy();
            }
        }
        Plots.curves(png, name + (regression ? ": loss and R² per epoch" : ": loss and accuracy per epoch"), "epoch",
                xs, trainLoss, trainAcc, valLoss, valAcc, regression ? "R² (%)" : "accuracy (%)");
    }
}
