// Stage 3: backpropagation, first by hand, then with backward(), then one gradient step.
import jgrad.engine.Value;

Value a = Value.of(2.0, "a");
Value b = Value.of(-3.0, "b");
Value c = Value.of(10.0, "c");
Value e = a.mul(b).label("e");
Value d = e.add(c).label("d");
Value f = Value.of(-2.0, "f");
Value L = d.mul(f).label("L");

// By hand, with the chain rule: dL/dL = 1; L = d*f so dL/dd = f and dL/df = d;
// d = e + c routes its gradient unchanged; e = a*b so dL/da = dL/de * b and dL/db = dL/de * a.
double dL = 1.0;
double dd = f.data() * dL, df = d.data() * dL;
double de = dd, dc = dd;
double da = b.data() * de, db = a.data() * de;
System.out.printf("by hand:    a=%.1f b=%.1f c=%.1f e=%.1f d=%.1f f=%.1f%n", da, db, dc, de, dd, df);

L.backward();
System.out.printf("backward(): a=%.1f b=%.1f c=%.1f e=%.1f d=%.1f f=%.1f%n",
        a.grad(), b.grad(), c.grad(), e.grad(), d.grad(), f.grad());

// One step of gradient ascent on the leaves, then a new forward pass: L goes up from -8.
System.out.println("L before the step: " + L.data());
for (Value leaf : new Value[] {a, b, c, f}) {
    leaf.setData(leaf.data() + 0.01 * leaf.grad());
}
Value L2 = a.mul(b).add(c).mul(f);
System.out.printf("L after the step: %.6f%n", L2.data());
