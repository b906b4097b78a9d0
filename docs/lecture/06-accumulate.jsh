// Stage 6: why gradients accumulate with += (a value used twice gets both contributions).
import jgrad.engine.Value;

Value a = Value.of(3.0, "a");
Value b = a.add(a).label("b");
b.backward();
System.out.println("b = " + b.data() + ", a.grad = " + a.grad() + " (would be 1.0 if the second use overwrote the first)");

Value p = Value.of(-2.0, "a");
Value q = Value.of(3.0, "b");
Value d = p.mul(q).label("d");
Value e2 = p.add(q).label("e");
Value f = d.mul(e2).label("f");
f.backward();
System.out.println("f = " + f.data() + ", a.grad = " + p.grad() + ", b.grad = " + q.grad());
