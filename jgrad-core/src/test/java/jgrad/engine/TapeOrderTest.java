package jgrad.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Backward over the creation tape against two references: the engine's depth-first sort (forced
 * by sorting the graph before calling {@code backward()}), and a backpropagation written here from
 * scratch, micrograd's recursive {@code build_topo} with its own local derivatives and the
 * gradients kept in a map, which touches no {@code Value} field. Each test also checks, through
 * {@link Value#backwardCounts()}, which path it exercised, so that a test meant for the tape cannot
 * pass by sorting.
 *
 * <p>The tape and the sort add a node's contributions in different orders, so gradients are
 * compared to 1e-9 relative; inner gradients of graphs with no node used three times or more, and
 * everything the walk must leave alone, are compared exactly.
 */
class TapeOrderTest {

    // ---------------------------------------------------------------- random graphs

    @Property(tries = 200, seed = "20261203")
    void tapeBackwardEqualsSortAndTheRecursiveReference(
            @ForAll @IntRange(min = 1, max = 150) int size,
            @ForAll @IntRange(min = 1, max = 6) int inputs,
            @ForAll long seed) {
        freshTape();
        Random rng = new Random(seed);
        List<RandomGraphs.Step> recipe = RandomGraphs.recipe(rng, size, inputs, RandomGraphs.ALL_OPS);
        double[] x = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            x[i] = rng.nextDouble() * 4 - 2;
        }

        // by the tape, with bystanders made before and after the graph on the same leaves
        List<Value> tapeLeaves = leaves(x);
        Value before = bystander(tapeLeaves.get(0));
        Value tapeRoot = RandomGraphs.evaluate(recipe, tapeLeaves);
        Value after = bystander(tapeLeaves.get(inputs - 1));
        long[] counts = Value.backwardCounts();
        tapeRoot.backward();
        assertWalked(counts);

        // by the sort
        List<Value> sortLeaves = leaves(x);
        Value sortRoot = RandomGraphs.evaluate(recipe, sortLeaves);
        Value.releaseTape();                  // the root is no longer on the tape: backward sorts
        counts = Value.backwardCounts();
        sortRoot.backward();
        assertSorted(counts);

        Map<Value, Double> reference = referenceGradients(tapeRoot);
        for (int i = 0; i < inputs; i++) {
            assertClose(tapeLeaves.get(i).grad(), sortLeaves.get(i).grad(), "leaf " + i + " against the sort");
            assertClose(tapeLeaves.get(i).grad(), reference.get(tapeLeaves.get(i)), "leaf " + i + " against the reference");
        }
        List<Value> a = tapeRoot.topologicalOrder();
        List<Value> b = sortRoot.topologicalOrder();
        assertThat(a).hasSameSizeAs(b);
        for (int n = 0; n < a.size(); n++) {
            assertClose(a.get(n).grad(), b.get(n).grad(), "node " + n + " against the sort");
            assertClose(a.get(n).grad(), reference.get(a.get(n)), "node " + n + " against the reference");
        }
        assertBystanderUntouched(before);
        assertBystanderUntouched(after);
    }

    @Property(tries = 100, seed = "20261204")
    void interleavedRootsEarlierRootsAndSecondBackward(
            @ForAll @IntRange(min = 1, max = 60) int size,
            @ForAll @IntRange(min = 1, max = 4) int inputs,
            @ForAll long seed) {
        freshTape();
        Random rng = new Random(seed);
        List<RandomGraphs.Step> first = RandomGraphs.recipe(rng, size, inputs, RandomGraphs.ALL_OPS);
        List<RandomGraphs.Step> second = RandomGraphs.recipe(rng, size, inputs + 1, RandomGraphs.ALL_OPS);
        double[] x = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            x[i] = rng.nextDouble() * 4 - 2;
        }
        List<Value> leaves = leaves(x);
        Value r1 = RandomGraphs.evaluate(first, leaves);
        // the second graph uses the first's root and its leaves, and is built after it
        List<Value> more = new ArrayList<>(leaves);
        more.add(r1.tanh());
        Value r2 = RandomGraphs.evaluate(second, more);
        Value r3 = r2.mul(0.5).add(leaves.get(0));   // the last node on the tape, never backpropagated

        // an earlier root: r1 is on the tape, below r2 and r3, which are not its ancestors
        Map<Value, Double> ref1 = referenceGradients(r1);
        long[] counts = Value.backwardCounts();
        r1.backward();
        assertWalked(counts);
        for (Value leaf : leaves) {
            assertClose(leaf.grad(), ref1.get(leaf), "leaf after r1");
        }
        assertThat(r3.grad()).isEqualTo(0.0);
        assertThat(r2.grad()).isEqualTo(0.0);

        // the tape was emptied: r2 sorts, and its leaves accumulate on top of r1's gradients
        Map<Value, Double> ref2 = referenceGradients(r2);
        double[] after1 = grads(leaves);
        counts = Value.backwardCounts();
        r2.backward();
        assertSorted(counts);
        for (int i = 0; i < inputs; i++) {
            assertClose(leaves.get(i).grad(), after1[i] + ref2.get(leaves.get(i)), "leaf " + i + " after r2");
        }
        for (Value v : r2.topologicalOrder()) {
            if (!v.isLeaf()) {
                assertClose(v.grad(), ref2.get(v), "inner node after r2");
            }
        }

        // a second backward on r1: leaves accumulate once more, inner nodes show the latest pass
        double[] after2 = grads(leaves);
        r1.backward();
        for (int i = 0; i < inputs; i++) {
            assertClose(leaves.get(i).grad(), after2[i] + ref1.get(leaves.get(i)), "leaf " + i + " after r1 again");
        }
        for (Value v : r1.topologicalOrder()) {
            if (!v.isLeaf()) {
                assertClose(v.grad(), ref1.get(v), "inner node after r1 again");
            }
        }
    }

    // ---------------------------------------------------------------- cases by hand

    @Test
    void unusedNodesAndNonFiniteBystandersDoNotReachTheLeaves() {
        freshTape();
        Value x = Value.of(2.0, "x");
        Value y = Value.of(-3.0, "y");
        // log(x - x) = log(0) = -inf: pushing its zero gradient would give x 0 * (1/0) = NaN
        Value dead = x.sub(x).log();
        Value loss = x.mul(y).add(x.pow(2));         // d/dx = y + 2x = 1, d/dy = x = 2
        Value deadAfter = y.sub(y).log();
        long[] counts = Value.backwardCounts();
        loss.backward();
        assertWalked(counts);
        assertThat(x.grad()).isEqualTo(1.0);
        assertThat(y.grad()).isEqualTo(2.0);
        assertThat(dead.grad()).isEqualTo(0.0);
        assertThat(deadAfter.grad()).isEqualTo(0.0);
    }

    @Test
    void innerGradientsSetByHandAreResetAndTheRootIsSeededWithOne() {
        freshTape();
        Value a = Value.of(3.0);
        Value b = Value.of(4.0);
        Value c = a.mul(b);
        Value d = c.add(a);
        c.setGrad(100);                              // the lecture's manual backprop, abandoned
        d.setGrad(-7);
        long[] counts = Value.backwardCounts();
        d.backward();
        assertWalked(counts);
        assertThat(d.grad()).isEqualTo(1.0);
        assertThat(c.grad()).isEqualTo(1.0);
        assertThat(a.grad()).isEqualTo(5.0);         // b + 1
        assertThat(b.grad()).isEqualTo(3.0);
    }

    @Test
    void anomalyModeSorts() {
        Value x = Value.of(0.5);
        Value y = x.tanh().mul(x);
        long[] counts = Value.backwardCounts();
        try (AnomalyMode.Scope ignored = AnomalyMode.scope()) {
            y.backward();
        }
        assertSorted(counts);
        double t = Math.tanh(0.5);
        assertThat(x.grad()).isCloseTo((1 - t * t) * 0.5 + t, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void aNodeFromAnEarlierTapeMakesItsUsersSort() {
        Value x = Value.of(1.5);
        Value h = x.mul(x);                          // d h/dx = 3
        Value first = h.add(1);
        first.backward();                            // empties the tape: h is on none now
        assertThat(x.grad()).isEqualTo(3.0);
        x.zeroGrad();
        Value second = h.mul(h).add(x);              // d/dx = 2h * 2x + 1 = 2*2.25*3 + 1 = 14.5
        long[] counts = Value.backwardCounts();
        second.backward();
        assertSorted(counts);
        assertThat(x.grad()).isEqualTo(14.5);
        assertThat(h.grad()).isEqualTo(4.5);
    }

    @Test
    void releaseTapeMakesAnEarlierGraphSortAndStaysCorrect() {
        Value x = Value.of(2.0);
        Value y = x.mul(x).mul(x);                   // 3x^2 = 12
        Value.releaseTape();
        assertThat(Value.tapeSize()).isZero();
        long[] counts = Value.backwardCounts();
        y.backward();
        assertSorted(counts);
        assertThat(x.grad()).isEqualTo(12.0);
    }

    @Test
    void graphsLargerThanTheCapStartTheTapeAfreshAndSort() {
        Value x = Value.of(1.0);
        Value sum = x;
        int n = Value.Tape.CAP + 1000;
        for (int i = 0; i < n; i++) {
            sum = sum.add(x);                        // one node an op: the tape overflows once
        }
        assertThat(Value.tapeSize()).isLessThan(Value.Tape.CAP);
        long[] counts = Value.backwardCounts();
        sum.backward();
        assertSorted(counts);
        assertThat(x.grad()).isEqualTo(n + 1.0);
    }

    @Test
    void aGraphBuiltOnAnotherThreadSortsAndAGraphExtendedThereToo() throws Exception {
        Value x = Value.of(0.7);
        Value[] built = new Value[1];
        Thread t = new Thread(() -> built[0] = x.mul(3).tanh());
        t.start();
        t.join();
        double th = Math.tanh(2.1);
        // built[0] is on the other thread's tape, not this one's
        long[] counts = Value.backwardCounts();
        built[0].backward();
        assertSorted(counts);
        assertThat(x.grad()).isCloseTo(3 * (1 - th * th), org.assertj.core.data.Offset.offset(1e-15));

        // a graph built here on top of the other thread's node: its user is tainted, so it sorts
        x.zeroGrad();
        Value extended = built[0].add(x);
        counts = Value.backwardCounts();
        extended.backward();
        assertSorted(counts);
        assertThat(x.grad()).isCloseTo(3 * (1 - th * th) + 1, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void threadsWalkTheirOwnTapesAtTheSameTime() throws Exception {
        Random rng = new Random(7);
        List<RandomGraphs.Step> recipe = RandomGraphs.recipe(rng, 400, 4, RandomGraphs.ALL_OPS);
        double[] x = {0.3, -1.1, 0.8, 1.7};
        List<Value> refLeaves = leaves(x);
        Value refRoot = RandomGraphs.evaluate(recipe, refLeaves);
        Map<Value, Double> reference = referenceGradients(refRoot);
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = reference.get(refLeaves.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int task = 0; task < 16; task++) {
                results.add(pool.submit(() -> {
                    double[] sum = new double[x.length];
                    freshTape();
                    for (int round = 0; round < 20; round++) {
                        List<Value> own = leaves(x);
                        long[] counts = Value.backwardCounts();
                        RandomGraphs.evaluate(recipe, own).backward();
                        assertWalked(counts);
                        for (int i = 0; i < x.length; i++) {
                            sum[i] = own.get(i).grad();
                        }
                    }
                    return sum;
                }));
            }
            for (Future<double[]> f : results) {
                double[] got = f.get();
                for (int i = 0; i < x.length; i++) {
                    assertClose(got[i], expected[i], "leaf " + i + " on a pool thread");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTapeLetsADroppedGraphGoAfterTwoCollections() throws Exception {
        Value x = Value.of(1.0);
        WeakReference<Value> dropped = new WeakReference<>(x.mul(2).add(1));   // never backpropagated
        for (int attempt = 0; attempt < 10 && dropped.get() != null; attempt++) {
            System.gc();
            // cross chunk boundaries, where the tape looks for collections since it was started
            Value v = x;
            for (int i = 0; i < 3 * Value.Tape.MAX_CHUNK; i++) {
                v = v.add(x);
            }
        }
        System.gc();
        assertThat(dropped.get()).as("a graph kept alive only by the tape").isNull();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Starts this thread's tape afresh. A tape left by earlier tests may have seen two collections
     * and would start afresh at its next chunk boundary, in the middle of a test's graph, which then
     * (correctly) sorts; a test that means to walk must not depend on what ran before it.
     */
    private static void freshTape() {
        Value.releaseTape();
    }

    private static List<Value> leaves(double[] x) {
        List<Value> leaves = new ArrayList<>();
        for (double xi : x) {
            leaves.add(Value.of(xi));
        }
        return leaves;
    }

    private static double[] grads(List<Value> vs) {
        double[] g = new double[vs.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = vs.get(i).grad();
        }
        return g;
    }

    /** Nodes on a leaf of the graph that are no ancestor of its root; one of them is log(0). */
    private static Value bystander(Value leaf) {
        Value b = leaf.sub(leaf).log().add(leaf.exp());
        b.setGrad(42);
        return b;
    }

    private static void assertBystanderUntouched(Value b) {
        assertThat(b.grad()).isEqualTo(42.0);
        for (Value child : b.children()) {
            assertThat(child.isLeaf() || child.grad() == 0.0).as("a bystander's operand %s", child).isTrue();
        }
    }

    private static void assertWalked(long[] before) {
        long[] now = Value.backwardCounts();
        assertThat(now[0] - before[0]).as("backward calls that walked the tape").isEqualTo(1);
        assertThat(now[1] - before[1]).as("backward calls that sorted").isZero();
    }

    private static void assertSorted(long[] before) {
        long[] now = Value.backwardCounts();
        assertThat(now[0] - before[0]).as("backward calls that walked the tape").isZero();
        assertThat(now[1] - before[1]).as("backward calls that sorted").isEqualTo(1);
    }

    private static void assertClose(double actual, Double expected, String what) {
        assertThat(expected).as(what + ": no reference").isNotNull();
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        assertThat(Math.abs(actual - expected)).as(what + ": %s against %s", actual, expected)
                .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(expected)));
    }

    /**
     * micrograd's backward, transcribed with its own local derivatives: recursive build_topo over
     * {@link Value#children()}, the root seeded with 1, each node's contributions added to a map.
     */
    static Map<Value, Double> referenceGradients(Value root) {
        List<Value> topo = new ArrayList<>();
        buildTopo(root, new IdentityHashMap<>(), topo);
        Map<Value, Double> g = new IdentityHashMap<>();
        for (Value v : topo) {
            g.put(v, 0.0);
        }
        g.put(root, 1.0);
        for (int i = topo.size() - 1; i >= 0; i--) {
            Value v = topo.get(i);
            List<Value> c = v.children();
            if (c.isEmpty()) {
                continue;
            }
            double out = v.data();
            double grad = g.get(v);
            Value a = c.get(0);
            double x = a.data();
            String op = v.op();
            if (op.equals("+")) {
                add(g, a, grad);
                add(g, c.get(1), grad);
            } else if (op.equals("*")) {
                add(g, a, c.get(1).data() * grad);
                add(g, c.get(1), x * grad);
            } else if (op.equals("**") && c.size() == 2) {
                double y = c.get(1).data();
                add(g, a, y == 0 ? 0 : y * Math.pow(x, y - 1) * grad);
                add(g, c.get(1), x == 0 && y >= 0 ? 0 : out * Math.log(x) * grad);
            } else if (op.startsWith("**")) {
                double k = Double.parseDouble(op.substring(2));
                add(g, a, k == 0 ? 0 : k * Math.pow(x, k - 1) * grad);
            } else if (op.equals("exp")) {
                add(g, a, out * grad);
            } else if (op.equals("log")) {
                add(g, a, grad / x);
            } else if (op.equals("tanh")) {
                add(g, a, (1 - out * out) * grad);
            } else if (op.equals("ReLU")) {
                add(g, a, out > 0 ? grad : 0);
            } else if (op.equals("sigmoid")) {
                add(g, a, out * (1 - out) * grad);
            } else {
                throw new AssertionError("the reference does not know op " + op);
            }
        }
        return g;
    }

    private static void add(Map<Value, Double> g, Value v, double d) {
        g.put(v, g.get(v) + d);
    }

    private static void buildTopo(Value v, Map<Value, Boolean> visited, List<Value> topo) {
        if (visited.put(v, Boolean.TRUE) == null) {
            for (Value child : v.children()) {
                buildTopo(child, visited, topo);
            }
            topo.add(v);
        }
    }
}
