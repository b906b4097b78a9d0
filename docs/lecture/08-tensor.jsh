// Stage 8: from micrograd to PyTorch. The same neuron in jgrad's tensor API, next to the scalar
// one: the lecture's torch code, line by line (x1 = torch.Tensor([2.0]).double(); ...).
import jgrad.engine.Value;
import jgrad.tensor.*;

// tensors: double[] makes float64, like the lecture's .double()
Tensor x1 = Tensor.of(new double[] {2.0}).requiresGrad(true);
Tensor x2 = Tensor.of(new double[] {0.0}).requiresGrad(true);
Tensor w1 = Tensor.of(new double[] {-3.0}).requiresGrad(true);
Tensor w2 = Tensor.of(new double[] {1.0}).requiresGrad(true);
Tensor b = Tensor.of(new double[] {6.8813735870195432}).requiresGrad(true);
Tensor n = x1.mul(w1).add(x2.mul(w2)).add(b);
Tensor o = n.tanh();
o.backward();

System.out.printf("tensor: o = %.4f%n", o.item());
System.out.printf("tensor: x1.grad = %.4f, w1.grad = %.4f, x2.grad = %.4f, w2.grad = %.4f, b.grad = %.4f%n",
        x1.grad().item(), w1.grad().item(), x2.grad().item(), w2.grad().item(), b.grad().item());

// scalars, as in stage 4
Value sx1 = Value.of(2.0), sx2 = Value.of(0.0), sw1 = Value.of(-3.0), sw2 = Value.of(1.0);
Value sb = Value.of(6.8813735870195432);
Value so = sx1.mul(sw1).add(sx2.mul(sw2)).add(sb).tanh();
so.backward();
System.out.printf("scalar: o = %.4f%n", so.data());
System.out.printf("scalar: x1.grad = %.4f, w1.grad = %.4f, x2.grad = %.4f, w2.grad = %.4f, b.grad = %.4f%n",
        sx1.grad(), sw1.grad(), sx2.grad(), sw2.grad(), sb.grad());

// And what tensors are for: the whole layer at once. Two inputs, one neuron, as a matrix product.
Tensor x = Tensor.of(new double[] {2.0, 0.0}, 1, 2);
Tensor w = Tensor.of(new double[] {-3.0, 1.0}, 2, 1).requiresGrad(true);
Tensor bias = Tensor.of(new double[] {6.8813735870195432}, 1).requiresGrad(true);
Tensor out = x.matmul(w).add(bias).tanh().sum();
out.backward();
System.out.println("matmul: o = " + String.format("%.4f", out.item()) + ", w.grad = " + w.grad());
