package jgrad.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.ParameterGroup;
import jgrad.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Adam step over the 268,800 weights of a 784-256-256-10 MLP, through the bulk
 * {@link ParameterGroup#read}/{@link ParameterGroup#write} of {@link ParameterGroup#of} against the
 * element-by-element view (a wrapper that hides the bulk methods). The learning rate is tiny, so
 * the weights barely move over a run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OptimizerStepBenchmark {
    private Optimizer bulk;
    private Optimizer perElement;

    @Setup
    public void setUp() {
        Tensor w1 = Tensor.randn(new Random(1), 256, 784).requiresGrad(true);
        Tensor w2 = Tensor.randn(new Random(2), 256, 256).requiresGrad(true);
        Tensor w3 = Tensor.randn(new Random(3), 10, 256).requiresGrad(true);
        w1.sum().add(w2.sum()).add(w3.sum()).backward();
        ParameterGroup group = ParameterGroup.of(List.of(w1, w2, w3));
        ParameterGroup elementwise = new ParameterGroup() {
            @Override public int size() { return group.size(); }
            @Override public double value(int i) { return group.value(i); }
            @Override public double grad(int i) { return group.grad(i); }
            @Override public void setValue(int i, double v) { group.setValue(i, v); }
            @Override public void zeroGrad() { group.zeroGrad(); }
        };
        bulk = new Adam(group, 1e-9, 0.9, 0.999, 1e-8, 0);
        perElement = new Adam(elementwise, 1e-9, 0.9, 0.999, 1e-8, 0);
    }

    @Benchmark
    public void adamBulk() {
        bulk.step();
    }

    @Benchmark
    public void adamPerElement() {
        perElement.step();
    }
}
