/**
 * Pictures of expression graphs, without dependencies: {@link jgrad.viz.GraphTrace} walks a graph
 * once and says what each node is (input, parameter, intermediate, output), and can keep only a
 * readable part of a large graph; {@link jgrad.viz.DotWriter} turns a trace into Graphviz DOT text
 * in the style of micrograd's {@code draw_dot}, one record {@code { label | data | grad }} per value
 * and one small node per operation; {@link jgrad.viz.Graphviz} runs Graphviz's {@code dot}, when it
 * is installed, to make SVG or PNG files. {@link jgrad.viz.Draw#draw} is micrograd's {@code draw_dot}
 * in one call; it uses a {@link jgrad.viz.GraphRenderer} service, such as jgrad-cli's pure-Java one,
 * so that nothing needs installing.
 */
package jgrad.viz;
