package jgrad.engine;

import jgrad.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * micrograd's moons demo written with {@link Value} directly, node for node as {@code demo.ipynb}
 * builds it, on the inputs of {@code shared/fixtures/moons_demo.json}: MLP(2,[16,16,1]) with ReLU
 * hidden layers and a linear output, loss = mean(relu(1 - y*score)) + 1e-4*sum(p*p).
 */
final class MoonsDemoGraph {
    private static final int[] SIZES = {2, 16, 16, 1};

    final double[][] x;
    final double[] y;
    final double[] initialParameters;
    /** The reference loss at each of the 100 steps. */
    final double[] losses;
    final List<Value> parameters = new ArrayList<>();
    final Value[][] inputs;
    private final Value[][][] weights;
    private final Value[][] biases;

    MoonsDemoGraph() throws IOException {
        String json = Files.readString(SharedFixtures.moonsDemo());
        double[] flatX = numbers(array(json, "\"X\""));
        x = new double[flatX.length / 2][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {flatX[2 * i], flatX[2 * i + 1]};
        }
        y = numbers(array(json, "\"y\""));
        initialParameters = numbers(array(json, "\"initial_parameters\""));
        Matcher loss = Pattern.compile("\"loss\":\\s*([-0-9.eE+]+)").matcher(array(json, "\"steps\""));
        List<Double> l = new ArrayList<>();
        while (loss.find()) {
            l.add(Double.parseDouble(loss.group(1)));
        }
        losses = l.stream().mapToDouble(Double::doubleValue).toArray();

        int layers = SIZES.length - 1;
        weights = new Value[layers][][];
        biases = new Value[layers][];
        for (int k = 0; k < layers; k++) {
            weights[k] = new Value[SIZES[k + 1]][SIZES[k]];
            biases[k] = new Value[SIZES[k + 1]];
            for (int j = 0; j < SIZES[k + 1]; j++) {
                for (int i = 0; i < SIZES[k]; i++) {
                    weights[k][j][i] = Value.of(initialParameters[parameters.size()]);
                    parameters.add(weights[k][j][i]);
                }
                biases[k][j] = Value.of(initialParameters[parameters.size()]);
                parameters.add(biases[k][j]);
            }
        }
        inputs = new Value[x.length][];
        for (int s = 0; s < x.length; s++) {
            inputs[s] = new Value[] {Value.of(x[s][0]), Value.of(x[s][1])};
        }
    }

    /** micrograd's Neuron: sum(w*x, start=b), then relu except in the last layer. */
    Value score(Value[] in) {
        Value[] act = in;
        for (int k = 0; k < weights.length; k++) {
            Value[] out = new Value[weights[k].length];
            for (int j = 0; j < out.length; j++) {
                Value sum = biases[k][j];
                for (int i = 0; i < act.length; i++) {
                    sum = sum.add(weights[k][j][i].mul(act[i]));
                }
                out[j] = k < weights.length - 1 ? sum.relu() : sum;
            }
            act = out;
        }
        return act[0];
    }

    /** The demo's loss; Python's sum starts at 0 and float * Value becomes Value * Value(float). */
    Value loss() {
        Value dataLoss = null;
        for (int s = 0; s < inputs.length; s++) {
            Value margin = score(inputs[s]).mul(-y[s]).add(1).relu();
            dataLoss = dataLoss == null ? margin.add(0) : dataLoss.add(margin);
        }
        Value squares = null;
        for (Value p : parameters) {
            Value square = p.mul(p);
            squares = squares == null ? square.add(0) : squares.add(square);
        }
        return dataLoss.mul(1.0 / inputs.length).add(squares.mul(1e-4));
    }

    void zeroGrad() {
        for (Value p : parameters) {
            p.zeroGrad();
        }
    }

    /** SGD step k of the demo: p -= (1 - 0.9k/100) * grad. */
    void update(int k) {
        double learningRate = 1.0 - 0.9 * k / 100;
        for (Value p : parameters) {
            p.setData(p.data() - learningRate * p.grad());
        }
    }

    /** The bracketed JSON array that follows {@code key}. */
    private static String array(String json, String key) {
        int start = json.indexOf('[', json.indexOf(key));
        int depth = 0;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return json.substring(start, i + 1);
            }
        }
        throw new IllegalStateException("moons_demo.json: unterminated array after " + key);
    }

    private static double[] numbers(String array) {
        Matcher m = Pattern.compile("-?[0-9][-0-9.eE+]*").matcher(array);
        List<Double> out = new ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
