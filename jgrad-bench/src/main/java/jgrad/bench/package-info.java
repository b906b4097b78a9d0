/**
 * JMH benchmarks of jgrad's scalar engine: a step of micrograd's moons demo on the rebuild path and
 * on the compiled replay path, a chain of a million operations, a sum of a million products, and
 * {@link jgrad.bench.MemoryPerNode}, which measures the heap a graph node costs. Not part of the
 * library and not run by the tests; {@code docs/benchmarks.md} gives the command and the figures.
 */
package jgrad.bench;
