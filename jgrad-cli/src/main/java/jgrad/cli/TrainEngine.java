package jgrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import jgrad.io.SafeTensors;
import jgrad.nn.Objective;
import jgrad.nn.MLP;
import jgrad.nn.Trainer;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Optimizer;
import jgrad.optim.ParameterGroup;
import jgrad.tensor.DType;
import jgrad.tensor.nn.TensorTrainer;

/**
 * The part of {@code jgrad train} that differs between the engines: the scalar {@link Trainer},
 * one {@code Value} graph per example, or the {@link TensorTrainer}, one tensor pass per batch.
 * Both report through {@link Trainer.Listener} and measure {@link Trainer.Metrics}, so the
 * command's progress bar, metrics, plots and model file are written once for both.
 *
 * <pre>{@code
 * TrainEngine e = TrainEngine.tensor(scalarMlp, DType.FLOAT32, objective, group -> new SGD(group, 0.1, 0, 0),
 *         1e-4, 32, 0, rng, data);
 * e.fit(50, listener);
 * MLP trained = e.scalarModel();
 * }</pre>
 */
interface TrainEngine {

    /** Trains for {@code epochs} epochs over the training rows, reporting every step and epoch. */
    List<Trainer.Epoch> fit(int epochs, Trainer.Listener listener);

    /** Sets the learning rate of every step from {@code schedule}, as {@link jgrad.nn.TrainingLoop#schedule}. */
    void schedule(LearningRateSchedule schedule);

    /** The number of steps one epoch over {@code rows} rows takes, as {@link jgrad.nn.TrainingLoop#stepsPerEpoch}. */
    int stepsPerEpoch(int rows);

    /** The loss (with L2) and accuracy on the training rows (or, with {@code validation}, the validation rows). */
    Trainer.Metrics evaluate(boolean validation);

    /** The epoch whose weights the model holds after {@link #fit} (see {@link jgrad.nn.TrainingLoop#keptEpoch}). */
    int keptEpoch();

    /** Whether {@link #fit} stopped early (patience). */
    boolean stoppedEarly();

    /** The trained network in the scalar engine's form, as {@code ModelFile} saves it. */
    MLP scalarModel();

    /** Writes the engine's own files into {@code dir} (the tensor engine: {@code model.safetensors}); returns them. */
    List<Path> saveExtra(Path dir, Map<String, String> metadata) throws IOException;

    /** The number of scalars in the trained parameters. */
    default int parameterCount() {
        return scalarModel().parameters().size();
    }

    /**
     * The tensor engine on any network, such as {@code --model cnn}'s LeNet: {@link TensorTrainer}
     * on {@code net} itself; it has no scalar form, so {@link #scalarModel()} refuses, and its
     * weights go to {@code model.safetensors} under PyTorch's state-dict names.
     */
    static TrainEngine module(jgrad.tensor.nn.TensorModule net, DType dtype, Objective loss,
            Function<ParameterGroup, Optimizer> optimizer, double l2, int batchSize, int patience, Random rng,
            TrainData data) {
        Supplier<MLP> noScalarForm = () -> {
            throw new UnsupportedOperationException(net.getClass().getSimpleName()
                    + " has no scalar-engine form; it is saved as model.safetensors");
        };
        return onTensors(net, noScalarForm, loss, optimizer, l2, batchSize, patience, rng, data);
    }

    /** The scalar engine: {@link Trainer} on {@code model} itself. */
    static TrainEngine scalar(MLP model, Objective loss, Function<ParameterGroup, Optimizer> optimizer,
            double l2, int batchSize, int patience, Random rng, TrainData data) {
        Trainer trainer = new Trainer(model, loss, optimizer.apply(ParameterGroup.of(model.parameters())))
                .l2(l2).batchSize(batchSize).random(rng).patience(patience).measureAfterEpoch(true);
        return new TrainEngine() {
            @Override
            public List<Trainer.Epoch> fit(int epochs, Trainer.Listener listener) {
                return trainer.listener(listener).fit(data.train(), data.validation(), epochs);
            }

            @Override
            public void schedule(LearningRateSchedule schedule) {
                trainer.schedule(schedule);
            }

            @Override
            public int stepsPerEpoch(int rows) {
                return trainer.stepsPerEpoch(rows);
            }

            @Override
            public Trainer.Metrics evaluate(boolean validation) {
                return trainer.evaluate(validation ? data.validation() : data.train());
            }

            @Override
            public int keptEpoch() {
                return trainer.keptEpoch();
            }

            @Override
            public boolean stoppedEarly() {
                return trainer.stoppedEarly();
            }

            @Override
            public MLP scalarModel() {
                return model;
            }

            @Override
            public List<Path> saveExtra(Path dir, Map<String, String> metadata) {
                return List.of();
            }
        };
    }

    /**
     * The tensor engine: {@link TensorTrainer} on the tensor twin of {@code model} (the same
     * initial weights, in {@code dtype}); tables train from their {@code Dataset}s, IDX images
     * from their tensors.
     */
    static TrainEngine tensor(MLP model, DType dtype, Objective loss,
            Function<ParameterGroup, Optimizer> optimizer, double l2, int batchSize, int patience, Random rng,
            TrainData data) {
        jgrad.tensor.nn.MLP net = jgrad.tensor.nn.MLP.fromScalar(model, dtype);
        return onTensors(net, net::toScalar, loss, optimizer, l2, batchSize, patience, rng, data);
    }

    /** {@link TensorTrainer} on {@code net}, for {@link #tensor} and {@link #module}; {@code scalar} gives its scalar form. */
    private static TrainEngine onTensors(jgrad.tensor.nn.TensorModule net, Supplier<MLP> scalar, Objective loss,
            Function<ParameterGroup, Optimizer> optimizer, double l2, int batchSize, int patience, Random rng,
            TrainData data) {
        TensorTrainer trainer = new TensorTrainer(net, loss, optimizer.apply(ParameterGroup.of(net.parameters())))
                .l2(l2).batchSize(batchSize).random(rng).patience(patience).measureAfterEpoch(true);
        return new TrainEngine() {
            @Override
            public List<Trainer.Epoch> fit(int epochs, Trainer.Listener listener) {
                trainer.listener(listener);
                return data.isTable() ? trainer.fit(data.train(), data.validation(), epochs)
                        : trainer.fit(data.trainX(), data.trainY(), data.validationX(), data.validationY(), epochs);
            }

            @Override
            public void schedule(LearningRateSchedule schedule) {
                trainer.schedule(schedule);
            }

            @Override
            public int stepsPerEpoch(int rows) {
                return trainer.stepsPerEpoch(rows);
            }

            @Override
            public Trainer.Metrics evaluate(boolean validation) {
                if (data.isTable()) {
                    return trainer.evaluate(validation ? data.validation() : data.train());
                }
                return validation ? trainer.evaluate(data.validationX(), data.validationY())
                        : trainer.evaluate(data.trainX(), data.trainY());
            }

            @Override
            public int keptEpoch() {
                return trainer.keptEpoch();
            }

            @Override
            public boolean stoppedEarly() {
                return trainer.stoppedEarly();
            }

            @Override
            public int parameterCount() {
                return net.parameterCount();
            }

            @Override
            public MLP scalarModel() {
                return scalar.get();
            }

            @Override
            public List<Path> saveExtra(Path dir, Map<String, String> metadata) throws IOException {
                Path file = dir.resolve("model.safetensors");
                SafeTensors.save(file, net.namedParameters(), metadata);
                return List.of(file);
            }
        };
    }
}
