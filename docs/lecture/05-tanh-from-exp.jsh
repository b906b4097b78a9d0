// Stage 5: the same neuron with tanh written out as (e^2n - 1) / (e^2n + 1).
// Any composition of differentiable pieces works: the gradients are the same.
import jgrad.engine.Value;

Value x1 = Value.of(2.0, "x1");
Value x2 = Value.of(0.0, "x2");
Value w1 = Value.of(-3.0, "w1");
Value w2 = Value.of(1.0, "w2");
Value b = Value.of(6.8813735870195432, "b");
Value n = x1.mul(w1).add(x2.mul(w2)).add(b).label("n");
Value e = n.mul(2).exp().label("e");
Value o = e.sub(1).div(e.add(1)).label("o");
o.backward();

System.out.printf("o = %.4f%n", o.data());
System.out.printf("n.grad = %.4f%n", n.grad());
System.out.printf("x1.grad = %.4f, w1.grad = %.4f, x2.grad = %.4f, w2.grad = %.4f, b.grad = %.4f%n",
        x1.grad(), w1.grad(), x2.grad(), w2.grad(), b.grad());
