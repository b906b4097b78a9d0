package jgrad.bench;

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
 * A chain of 1,000,000 operations, v = v*a and v = v+b in turn, on two leaves: the deepest graph
 * there is (micrograd's recursive sort fails past about 1,000). Build and backward are timed
 * separately and together.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChainBenchmark {
    static final int OPS = 1_000_000;

    private final Value a = Value.of(0.5, "a");
    private final Value b = Value.of(1.0, "b");
    private Value built;

    /** The chain; its value tends to b / (1 - a) = 2. */
    static Value chain(Value a, Value b, int ops) {
        Value v = Value.of(1.0);
        for (int i = 0; i < ops; i++) {
            v = (i & 1) == 0 ? v.mul(a) : v.add(b);
        }
        return v;
    }

    @Setup
    public void setUp() {
        built = chain(a, b, OPS);
    }

    @Benchmark
    public Value build() {
        return chain(a, b, OPS);
    }

    /** Backward over the graph built in setup (intermediate gradients are reset on every call). */
    @Benchmark
    public double backward() {
        a.zeroGrad();
        b.zeroGrad();
        built.backward();
        return a.grad();
    }

    @Benchmark
    public double buildAndBackward() {
        a.zeroGrad();
        b.zeroGrad();
        chain(a, b, OPS).backward();
        return a.grad();
    }
}
