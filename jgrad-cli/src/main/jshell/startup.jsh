// Loaded by `./jgrad jshell` and `./jgrad lecture`: jgrad's packages, ready to use.
// The banner of ./jgrad jshell lists these imports; LectureCommandTest checks that it does.
import java.util.*;
import jgrad.engine.*;
import jgrad.nn.*;
import jgrad.optim.*;
import jgrad.data.*;
import jgrad.io.*;
import jgrad.tensor.*;
import jgrad.viz.*;
import jgrad.tensor.functional.*;
// jgrad.tensor.nn has its own MLP, Activation and Init, which would clash with jgrad.nn's: the rest
// of it is imported by name, and those three are written jgrad.tensor.nn.MLP and so on.
import jgrad.tensor.nn.Linear;
import jgrad.tensor.nn.Sequential;
import jgrad.tensor.nn.TensorModule;
import jgrad.tensor.nn.TensorTrainer;
// draw(value): micrograd's draw_dot, an SVG and a PNG of the graph, with no Graphviz needed
import static jgrad.viz.Draw.draw;

// Printing that JShell does not echo: System.out.printf returns the stream, so JShell shows
// "$14 ==> java.io.PrintStream@..." after it; these return nothing.
void println(Object x) { System.out.println(x); }
void println() { System.out.println(); }
void print(Object x) { System.out.print(x); }
void printf(String format, Object... args) { System.out.print(String.format(format, args)); }
