/**
 * JMH benchmarks of jgrad's scalar engine: a step of micrograd's moons demo on the rebuild path and
 * on the compiled replay path, a chain of a million operations, a sum of a million products, and
 * {@link jgrad.bench.MemoryPerNode}, which measures the heap a graph node costs;
 * {@link jgrad.bench.SameRunRace} races Python micrograd (from {@code MICROGRAD_PATH}) in the same
 * run, with {@link jgrad.bench.LearnersLoop}, the demo as a learner writes it, in a fresh JVM. Not part of the
 * library and not run by the tests; {@code docs/benchmarks.md} gives the command and the figures.
 */
package jgrad.bench;
