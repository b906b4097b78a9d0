package jgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import jgrad.data.Csv;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.data.Standardizer;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import jgrad.nn.Activation;
import jgrad.nn.Adam;
import jgrad.nn.AdamW;
import jgrad.nn.ClassificationLoss;
import jgrad.nn.MLP;
import jgrad.nn.Optimizer;
import jgrad.nn.SGD;
import jgrad.nn.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jgrad train}: trains an MLP classifier on a built-in dataset or a CSV file. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains an MLP classifier on a built-in dataset or on your CSV file; prints training and"
                + " validation loss and accuracy every epoch; writes the model (JSON), the loss/accuracy curves"
                + " and, for two features, the decision boundary into the output folder."},
        footer = {"", "Examples:",
                "  jgrad train moons --epochs 50",
                "  jgrad train spiral --classes 3 --layers 32,32 --optimizer adam --lr 0.01",
                "  jgrad train --csv flowers.csv --label species --val-split 0.2 --out flowers"})
final class TrainCommand implements Callable<Integer> {

    /** The generated datasets. */
    enum Builtin { moons, circles, spiral, xor, blobs }

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET",
            description = "Built-in dataset: ${COMPLETION-CANDIDATES} (default moons; not with --csv).")
    Builtin dataset;

    @Option(names = "--csv", paramLabel = "FILE", description = "Train on this CSV file (a header row; numeric features).")
    Path csv;

    @Option(names = "--label", paramLabel = "COLUMN", description = "With --csv: the name of the class label column.")
    String label;

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
            description = "max-margin (micrograd's), bce or cross-entropy"
                    + " (default max-margin for two classes, cross-entropy for more).")
    String loss;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "sgd, adam or adamw (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default 0.01 for adam/adamw, 0.1 for sgd).")
    Double lr;

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

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default jgrad-out/train/NAME).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        checkOptions();
        Random rng = new Random(seed);
        Dataset data = csv != null ? loadCsv() : generate(rng);
        String name = csv != null ? csv.getFileName().toString().replaceFirst("\\.csv$", "") : dataset().name();
        Path outDir = out != null ? out : Path.of("jgrad-out", "train", name);

        ClassificationLoss lossKind = lossFor(data.classCount());
        Dataset.Split split = data.split(rng, 1 - valSplit, valSplit);
        Dataset train = split.train();
        Dataset validation = split.validation();
        if (train.size() == 0) {
            throw new Main.UsageException("no training rows left: " + data.size() + " rows with --val-split " + valSplit);
        }
        boolean scale = standardize != null ? standardize : csv != null;
        Standardizer standardizer = scale ? Standardizer.fit(train) : null;
        Dataset trainIn = scale ? standardizer.transform(train) : train;
        Dataset validationIn = scale && validation.size() > 0 ? standardizer.transform(validation) : validation;

        int[] sizes = new int[layers.length + 1];
        System.arraycopy(layers, 0, sizes, 0, layers.length);
        sizes[layers.length] = lossKind.outputs(data.classCount());
        MLP model = MLP.builder(data.featureCount(), sizes)
                .hiddenActivation(Activation.parse(activation))
                .outputActivation(Activation.LINEAR)
                .build(rng);
        Optimizer opt = optimizer(model);
        int batchSize = batch == 0 ? train.size() : batch;

        w.printf(Locale.ROOT, "data: %s, %d rows, %d features, %d classes %s; %d for training, %d for validation%s%n",
                name, data.size(), data.featureCount(), data.classCount(), data.classNames(), train.size(),
                validation.size(), scale ? "; standardised" : "");
        w.printf(Locale.ROOT, "model: MLP(%d, %s), %s hidden, %d parameters; loss %s + %s L2; %s lr %s, batch %d%n",
                data.featureCount(), java.util.Arrays.toString(sizes), activation, model.parameters().size(),
                lossKind.id(), plain(l2), optimizer, plain(opt.learningRate()), batchSize);

        Trainer trainer = new Trainer(model, lossKind, opt).l2(l2).batchSize(batchSize).random(rng);
        int totalSteps = epochs * trainer.stepsPerEpoch(trainIn.size());
        ProgressBar bar = new ProgressBar(w, totalSteps, ProgressBar.stdoutIsTerminal());
        List<Trainer.Epoch> history = new ArrayList<>();
        int width = String.valueOf(epochs).length();
        trainer.listener(new Trainer.Listener() {
            @Override
            public void onStep(Trainer.Step s) {
                bar.update(s.step() + 1, String.format(Locale.ROOT, "epoch %d  loss %.4f  accuracy %.1f%%",
                        s.epoch() + 1, s.loss(), 100 * s.accuracy()));
            }

            @Override
            public void onEpoch(Trainer.Epoch e) {
                history.add(e);
                String line = String.format(Locale.ROOT, "epoch %" + width + "d/%d  train loss %.4f  accuracy %5.1f%%",
                        e.epoch() + 1, epochs, e.train().loss(), 100 * e.train().accuracy());
                if (e.validation() != null) {
                    line += String.format(Locale.ROOT, "  validation loss %.4f  accuracy %5.1f%%",
                            e.validation().loss(), 100 * e.validation().accuracy());
                }
                bar.log(line);
            }
        });
        trainer.fit(trainIn, validationIn, epochs);
        bar.finish();

        Trainer.Metrics finalTrain = trainer.evaluate(trainIn);
        Trainer.Metrics finalVal = validationIn.size() > 0 ? trainer.evaluate(validationIn) : null;
        w.printf(Locale.ROOT, "final accuracy: train %.1f%%%s%n", 100 * finalTrain.accuracy(),
                finalVal == null ? "" : String.format(Locale.ROOT, ", validation %.1f%%", 100 * finalVal.accuracy()));

        Map<String, String> meta = DemoCommand.metadata(name, data.size(), lossKind.id(), finalVal != null ? finalVal : finalTrain);
        SavedModel saved = new SavedModel(model, standardizer, data.featureNames(), data.classNames(), meta);
        Files.createDirectories(outDir);
        Path modelFile = outDir.resolve("model.json");
        ModelFile.save(modelFile, saved);
        w.println("wrote " + modelFile);
        writeCurves(outDir.resolve("loss_accuracy.png"), name, history);
        w.println("wrote " + outDir.resolve("loss_accuracy.png"));
        if (data.featureCount() == 2) {
            Path boundary = outDir.resolve("decision_boundary.png");
            String[] classNames = data.classNames().toArray(new String[0]);
            Plots.decisionBoundary(boundary, String.format(Locale.ROOT, "%s: decision boundary (validation accuracy %s)",
                    name, finalVal == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * finalVal.accuracy())),
                    data.features(), data.labels(), classNames, saved::predict);
            w.println("wrote " + boundary);
        } else {
            w.println("no decision boundary: it is drawn for two features, the data has " + data.featureCount());
        }
        w.flush();
        return 0;
    }

    /** 0.0001 rather than 1.0E-4. */
    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private Builtin dataset() {
        return dataset == null ? Builtin.moons : dataset;
    }

    private void checkOptions() {
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
        for (int size : layers) {
            if (size < 1) {
                throw new Main.UsageException("--layers sizes must be at least 1, got " + java.util.Arrays.toString(layers));
            }
        }
        if (samples < 2) {
            throw new Main.UsageException("--samples must be at least 2, got " + samples);
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
    }

    private Dataset loadCsv() throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IOException("cannot read " + csv + ": no such file");
        }
        return Csv.load(csv, label);
    }

    private Dataset generate(Random rng) {
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
                    : classCount == 2 ? ClassificationLoss.MAX_MARGIN : ClassificationLoss.CROSS_ENTROPY;
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

    private Optimizer optimizer(MLP model) {
        return switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "sgd" -> new SGD(model.parameters(), lr != null ? lr : 0.1);
            case "adamw" -> new AdamW(model.parameters(), lr != null ? lr : 0.01);
            default -> new Adam(model.parameters(), lr != null ? lr : 0.01);
        };
    }

    private void writeCurves(Path png, String name, List<Trainer.Epoch> history) throws IOException {
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
            trainAcc[i] = e.train().accuracy();
            if (hasValidation) {
                valLoss[i] = e.validation().loss();
                valAcc[i] = e.validation().accuracy();
            }
        }
        Plots.curves(png, name + ": loss and accuracy per epoch", "epoch", xs, trainLoss, trainAcc, valLoss, valAcc);
    }
}
