"""Writes readme_expression.dot, the golden file of GraphTraceDotTest.

An independent reference: micrograd's Value (karpathy/micrograd:micrograd/engine.py) with operands
kept in a tuple (in operand order) instead of a set, and micrograd's draw_dot as extended in the
lecture (a label field), following the DOT layout documented in jgrad.viz.DotWriter. Run:
    python3 make_golden.py > readme_expression.dot
"""


class Value:
    def __init__(self, data, children=(), op='', label=''):
        self.data, self.grad, self._prev, self._op, self.label = data, 0.0, children, op, label
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), '*')
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        out = Value(self.data ** k, (self,), f'**{k}')
        def _backward():
            self.grad += (k * self.data ** (k - 1)) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(0 if self.data < 0 else self.data, (self,), 'ReLU')
        def _backward():
            self.grad += (out.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()
        def build(v):
            if v not in visited:
                visited.add(v)
                for c in v._prev:
                    build(c)
                topo.append(v)
        build(self)
        self.grad = 1
        for v in reversed(topo):
            v._backward()
        return topo

    # compositions, as in micrograd and jgrad.engine.Value
    def __neg__(self): return self * -1
    def __sub__(self, other): return self + (-(other if isinstance(other, Value) else Value(other)))
    def __truediv__(self, other): return self * (other if isinstance(other, Value) else Value(other)) ** -1


def lbl(v, name):
    v.label = name
    return v


# micrograd's README expression, written as jgrad's README writes it (operand order matters)
a = Value(-4.0, label='a')
b = Value(2.0, label='b')
c = lbl(a + b, 'c')
d = lbl(a * b + b ** 3, 'd')
c = lbl(c + (c + 1), 'c')
c = lbl(c + (Value(1) + c + (-a)), 'c')
d = lbl(d + (d * 2 + (b + a).relu()), 'd')
d = lbl(d + (Value(3) * d + (b - a).relu()), 'd')
e = lbl(c - d, 'e')
f = lbl(e ** 2, 'f')
g = lbl(f / 2.0 + Value(10.0) / f, 'g')
topo = g.backward()
assert abs(g.data - 24.70408163265306) < 1e-12
assert abs(a.grad - 138.83381924198252) < 1e-9 and abs(b.grad - 645.5772594752186) < 1e-9


def fmt(x):
    return '%.4f' % x


def esc(s):
    out = ''
    for ch in s:
        if ch in '\\"':
            out += '\\' + ch
        elif ch in '{}|<>':
            out += '\\' + ch
        elif ch == '\n':
            out += ' '
        else:
            out += ch
    return out


COLOURS = {'input': '#cfe3ff', 'parameter': '#ffdca8', 'intermediate': '#ffffff', 'output': '#b9e8b0'}


def role(v):
    if v is g:
        return 'output'
    return 'input' if not v._prev else 'intermediate'


ids = {id(v): 'v%d' % i for i, v in enumerate(topo)}
lines = ['digraph jgrad {',
         '  rankdir=LR;',
         '  node [fontname="Helvetica", fontsize=10];',
         '  edge [arrowsize=0.6];']
for v in topo:
    n = ids[id(v)]
    fields = ([esc(v.label)] if v.label else []) + ['data ' + fmt(v.data), 'grad ' + fmt(v.grad)]
    lines.append('  %s [shape=record, style=filled, fillcolor="%s", label="{ %s }"];'
                 % (n, COLOURS[role(v)], ' | '.join(fields)))
    if v._op:
        lines.append('  %s_op [shape=ellipse, label="%s"];' % (n, esc(v._op)))
        lines.append('  %s_op -> %s;' % (n, n))
        for ch in v._prev:
            lines.append('  %s -> %s_op;' % (ids[id(ch)], n))
lines.append('}')
print('\n'.join(lines))
