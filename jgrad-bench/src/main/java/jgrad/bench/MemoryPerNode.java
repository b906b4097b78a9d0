package jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import jgrad.engine.Value;

/**
 * Measures the heap one graph node costs: the used heap after garbage collection, with many graphs
 * retained, minus the used heap before they were built, divided by the number of nodes built.
 * Run it with a stop-the-world collector for steady numbers:
 * {@code java -XX:+UseSerialGC -cp jgrad-bench/target/benchmarks.jar jgrad.bench.MemoryPerNode}.
 */
public final class MemoryPerNode {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private MemoryPerNode() {
    }

    /** Measures and prints bytes per node for the chain and the moons graph. */
    public static void main(String[] args) throws InterruptedException {
        System.out.printf("%-34s %12s %14s %14s%n", "graph", "nodes", "heap bytes", "bytes/node");

        Value a = Value.of(0.5);
        Value b = Value.of(1.0);
        List<Value> keep = new ArrayList<>();
        long before = usedAfterGc();
        int chains = 4;
        for (int i = 0; i < chains; i++) {
            keep.add(ChainBenchmark.chain(a, b, ChainBenchmark.OPS));
        }
        long after = usedAfterGc();
        // each chain: OPS operations and its own start leaf
        report("chain of 1,000,000 ops (x" + chains + ")", (long) chains * (ChainBenchmark.OPS + 1), after - before);
        keep.clear();

        MoonsDemo demo = new MoonsDemo(MoonsData.load());
        int shared = demo.parameters().size(); // the inputs are new leaves in every graph, as in micrograd
        before = usedAfterGc();
        int graphs = 20;
        long nodes = 0;
        for (int i = 0; i < graphs; i++) {
            Value loss = demo.loss();
            keep.add(loss);
            nodes += MoonsDemo.GRAPH_NODES - shared;
        }
        after = usedAfterGc();
        report("moons loss graph (x" + graphs + ")", nodes, after - before);

        // backward on one retained moons graph, so the transient sort buffers are counted too
        keep.get(0).backward();
        System.out.println("(graphs kept: " + keep.size() + ")");
    }

    private static void report(String what, long nodes, long bytes) {
        System.out.printf("%-34s %,12d %,14d %14.1f%n", what, nodes, bytes, (double) bytes / nodes);
    }

    private static long usedAfterGc() throws InterruptedException {
        // NOTE: the creation tape keeps graphs built since the last backward() reachable (until its
        // second collection and its next chunk); released here, it cannot hide a dropped graph in
        // "before" or count its own chunks in "after"; the graphs measured are kept by `keep`
        Value.releaseTape();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
