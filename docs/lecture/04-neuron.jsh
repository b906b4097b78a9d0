// Stage 4: a neuron, o = tanh(x1*w1 + x2*w2 + b), and its gradients.
import jgrad.engine.Value;

Value x1 = Value.of(2.0, "x1");
Value x2 = Value.of(0.0, "x2");
Value w1 = Value.of(-3.0, "w1");
Value w2 = Value.of(1.0, "w2");
Value b = Value.of(6.8813735870195432, "b");   // chosen so that the numbers come out nice
Value x1w1 = x1.mul(w1).label("x1*w1");
Value x2w2 = x2.mul(w2).label("x2*w2");
Value n = x1w1.add(x2w2).add(b).label("n");
Value o = n.tanh().label("o");
o.backward();

System.out.printf("o = %.4f%n", o.data());
System.out.printf("n.grad = %.4f (1 - o^2)%n", n.grad());
System.out.printf("x1.grad = %.4f, w1.grad = %.4f, x2.grad = %.4f, w2.grad = %.4f, b.grad = %.4f%n",
        x1.grad(), w1.grad(), x2.grad(), w2.grad(), b.grad());

// tanh squashes any n into (-1, 1); its slope at n is 1 - tanh(n)^2, 0.5 at the neuron's n = 0.8814.
import java.nio.file.Path;
import jgrad.viz.LinePlot;
Path out = Path.of(System.getProperty("jgrad.lecture.out", "jgrad-out/lecture"));
Path tanhPlot = LinePlot.titled("tanh(n) and its slope 1 - tanh(n)²", "n", "")
        .function("tanh(n)", Math::tanh, -5, 5)
        .function("1 - tanh(n)²", v -> 1 - Math.tanh(v) * Math.tanh(v), -5, 5)
        .point(String.format("n = %.4f, o = %.4f", n.data(), o.data()), n.data(), o.data())
        .save(out.resolve("04-tanh.svg"));
System.out.println("plotted " + tanhPlot);
