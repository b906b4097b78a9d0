// Stage 3: backpropagation on the graph, node by node as the lecture does it, then with backward(),
// then one gradient step.
import java.util.List;
import jgrad.engine.Value;

Value a = Value.of(2.0, "a");
Value b = Value.of(-3.0, "b");
Value c = Value.of(10.0, "c");
Value e = a.mul(b).label("e");
Value d = e.add(c).label("d");
Value f = Value.of(-2.0, "f");
Value L = d.mul(f).label("L");

// By hand, as the lecture's L.grad = 1.0, then L._backward(), d._backward(), e._backward().
// Each step is the chain rule at one node: it adds its grad, times the local derivative, into its
// children. L = d*f: d.grad += f * L.grad, f.grad += d * L.grad. d = e + c routes L's gradient
// unchanged into e and c. e = a*b: a.grad += b * e.grad, b.grad += a * e.grad.
L.setGrad(1.0);
L.backwardStep();
System.out.println(String.format("after L.backwardStep(): d.grad=%.1f f.grad=%.1f", d.grad(), f.grad()));
d.backwardStep();
System.out.println(String.format("after d.backwardStep(): e.grad=%.1f c.grad=%.1f", e.grad(), c.grad()));
e.backwardStep();
System.out.println(String.format("by hand:    a=%.1f b=%.1f c=%.1f e=%.1f d=%.1f f=%.1f L=%.1f",
        a.grad(), b.grad(), c.grad(), e.grad(), d.grad(), f.grad(), L.grad()));

// The same walk over the topological order: every node after the nodes it is made from.
// Walking it from the end, each node's grad is complete before it is pushed into its children.
List<Value> order = L.topologicalOrder();
StringBuilder names = new StringBuilder();
for (Value v : order) {
    names.append(v.label()).append(' ');
}
System.out.println("topological order: " + names.toString().strip());
for (Value v : order) {
    v.setGrad(0.0);
}
L.setGrad(1.0);
for (int i = order.size() - 1; i >= 0; i--) {
    order.get(i).backwardStep();
}
System.out.println(String.format("walking it: a=%.1f b=%.1f c=%.1f e=%.1f d=%.1f f=%.1f L=%.1f",
        a.grad(), b.grad(), c.grad(), e.grad(), d.grad(), f.grad(), L.grad()));

// backward() does exactly that walk. It seeds L.grad with 1 and adds into the leaves' gradients,
// as the lecture's version does, so the leaves are set back to 0 first.
for (Value v : order) {
    v.setGrad(0.0);
}
L.backward();
System.out.println(String.format("backward(): a=%.1f b=%.1f c=%.1f e=%.1f d=%.1f f=%.1f L=%.1f",
        a.grad(), b.grad(), c.grad(), e.grad(), d.grad(), f.grad(), L.grad()));

// One step of gradient ascent on the leaves, then a new forward pass: L goes up from -8.
System.out.println("L before the step: " + L.data());
for (Value leaf : new Value[] {a, b, c, f}) {
    leaf.setData(leaf.data() + 0.01 * leaf.grad());
}
Value L2 = a.mul(b).add(c).mul(f);
System.out.println(String.format("L after the step: %.6f", L2.data()));
