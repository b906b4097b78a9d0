// Stage 2: a Value remembers how it was made. L = (a*b + c) * f
import jgrad.engine.Value;

Value a = Value.of(2.0, "a");
Value b = Value.of(-3.0, "b");
Value c = Value.of(10.0, "c");
Value e = a.mul(b).label("e");
Value d = e.add(c).label("d");
Value f = Value.of(-2.0, "f");
Value L = d.mul(f).label("L");

System.out.println(L);
System.out.println("L.op() = " + L.op() + ", L.children() = " + L.children());
System.out.println("d.op() = " + d.op() + ", d.children() = " + d.children());
