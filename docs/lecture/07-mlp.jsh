// Stage 7: a neural net. MLP(3, [4, 4, 1]) with tanh neurons, four examples, the squared-error
// loss, and gradient descent by hand: forward, zero the grads, backward, update.
import java.util.*;
import jgrad.engine.Value;
import jgrad.nn.*;
import jgrad.optim.*;

// the lecture uses tanh everywhere, and a random bias
MLP n = MLP.lecture(new Random(42), 3, 4, 4, 1);   // = MLP.builder(3, 4, 4, 1).activation(Activation.TANH).biasInit(Init.uniform(-1, 1)).build(rng)
System.out.println(n);
System.out.println("number of parameters: " + n.parameters().size());

double[][] xs = {{2.0, 3.0, -1.0}, {3.0, -1.0, 0.5}, {0.5, 1.0, 1.0}, {1.0, 1.0, -1.0}};
double[] ys = {1.0, -1.0, -1.0, 1.0};   // desired targets

Value loss = null;
List<Value> ypred = new ArrayList<>();
double[] losses = new double[20];
for (int k = 0; k < 20; k++) {
    // forward pass
    ypred.clear();
    for (double[] x : xs) ypred.add(n.forwardScalar(x));
    loss = Value.of(0.0);
    for (int i = 0; i < ys.length; i++) loss = loss.add(ypred.get(i).sub(ys[i]).pow(2));

    // backward pass
    n.zeroGrad();
    loss.backward();

    // update
    for (Value p : n.parameters()) p.setData(p.data() - 0.1 * p.grad());

    losses[k] = loss.data();
    System.out.printf("step %2d  loss %.6f%n", k, loss.data());
}
System.out.printf("final loss %.6f%n", loss.data());
System.out.print("predictions:");
for (Value y : ypred) System.out.printf(" %.4f", y.data());
System.out.println("   (targets 1, -1, -1, 1)");

// The loss curve: it falls from the start and is near 0 after 20 steps.
import java.nio.file.Path;
import jgrad.viz.LinePlot;
double[] steps = new double[losses.length];
for (int k = 0; k < steps.length; k++) steps[k] = k;
Path out = Path.of(System.getProperty("jgrad.lecture.out", "jgrad-out/lecture"));
Path lossPlot = LinePlot.titled("the loss of MLP(3, [4, 4, 1]) over 20 steps of p -= 0.1 * grad", "step", "loss")
        .line("sum of (ypred - y)²", steps, losses)
        .save(out.resolve("07-loss.svg"));
System.out.println("plotted " + lossPlot);
