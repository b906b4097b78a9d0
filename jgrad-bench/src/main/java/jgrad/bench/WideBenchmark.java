package jgrad.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import jgrad.engine.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A wide graph: the sum of 1,000,000 products x[i]*w[i] over 2,000,000 leaves made in setup, as
 * one giant neuron would be. Build and backward are timed separately and together.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WideBenchmark {
    static final int TERMS = 1_000_000;

    private Value[] x;
    private Value[] w;
    private Value built;

    static Value sumOfProducts(Value[] x, Value[] w) {
        Value sum = x[0].mul(w[0]);
        for (int i = 1; i < x.length; i++) {
            sum = sum.add(x[i].mul(w[i]));
        }
        return sum;
    }

    @Setup
    public void setUp() {
        Random rng = new Random(42);
        x = new Value[TERMS];
        w = new Value[TERMS];
        for (int i = 0; i < TERMS; i++) {
            x[i] = Value.of(rng.nextDouble() * 2 - 1);
            w[i] = Value.of(rng.nextDouble() * 2 - 1);
        }
        built = sumOfProducts(x, w);
    }

    @Benchmark
    public Value build() {
        return sumOfProducts(x, w);
    }

    @Benchmark
    public double backward() {
        built.backward();
        return w[0].grad();
    }

    @Benchmark
    public double buildAndBackward() {
        Value sum = sumOfProducts(x, w);
        sum.backward();
        return w[0].grad();
    }
}
