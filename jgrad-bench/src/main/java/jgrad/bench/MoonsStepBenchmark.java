package jgrad.bench;

import java.util.concurrent.TimeUnit;
import jgrad.engine.CompiledGraph;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step of micrograd's moons demo (65,818 graph nodes): build the loss graph, zero the
 * gradients, backpropagate, update. The steps cycle through the demo's 100 steps and start over
 * from the initial parameters, so every measured step is one the reference also computes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MoonsStepBenchmark {
    private MoonsDemo demo;
    private int k;
    private CompiledGraph compiled;

    @Setup
    public void setUp() {
        demo = new MoonsDemo(MoonsData.load());
        demo.verify();
        compiled = CompiledGraph.compile(demo.loss());
    }

    /** micrograd's way: the graph is built anew every step. */
    @Benchmark
    public double rebuild() {
        if (k == 100) {
            demo.reset();
            k = 0;
        }
        return demo.step(k++);
    }

    /** The graph compiled once in setup, replayed: forward with the updated parameters, backward. */
    @Benchmark
    public double compiled() {
        if (k == 100) {
            demo.reset();
            k = 0;
        }
        double loss = compiled.forward();
        demo.zeroGrad();
        compiled.backward();
        demo.update(k++);
        return loss;
    }
}
