package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The thread team of {@link Parallel}: every chunk runs exactly once, failures reach the caller,
 * and calls made while the team is busy (nested, or from a second thread) still finish.
 */
class ParallelTest {
    private static final int THREADS = KernelParameters.threads();

    @AfterEach
    void restoreThreads() {
        KernelParameters.setThreads(THREADS);
    }

    @Test
    void everyChunkRunsExactlyOnceForAnyThreadCountAndChunkCount() {
        for (int threads : new int[] {1, 2, 3, 5}) {
            KernelParameters.setThreads(threads);
            for (int chunks = 0; chunks <= 9; chunks++) {
                for (int call = 0; call < 50; call++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
                    Parallel.forEach(chunks, runs::incrementAndGet);
                    for (int c = 0; c < chunks; c++) {
                        assertThat(runs.get(c)).as("threads=%d chunks=%d call=%d chunk %d", threads, chunks, call, c)
                                .isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void aFailingChunkIsRethrownAfterTheOthersFinishAndTheTeamStaysUsable() {
        KernelParameters.setThreads(2);
        AtomicInteger finished = new AtomicInteger();
        assertThatThrownBy(() -> Parallel.forEach(4, c -> {
            if (c == 2) {
                throw new IllegalArgumentException("chunk 2 failed");
            }
            finished.incrementAndGet();
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk 2 failed");
        assertThat(finished.get()).isEqualTo(3);
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Parallel.forEach(4, runs::incrementAndGet);
        assertThat(runs.toString()).isEqualTo("[1, 1, 1, 1]");
    }

    @Test
    void aCallFromInsideAChunkRunsOnThatThread() {
        KernelParameters.setThreads(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(3 * 4);
        Parallel.forEach(3, outer -> Parallel.forEach(4, inner -> runs.incrementAndGet(outer * 4 + inner)));
        for (int i = 0; i < 12; i++) {
            assertThat(runs.get(i)).as("chunk %d", i).isEqualTo(1);
        }
    }

    @Test
    void twoCallersAtOnceBothGetAllTheirChunks() throws InterruptedException {
        KernelParameters.setThreads(2);
        int calls = 500, chunks = 3;
        AtomicIntegerArray[] runs = {new AtomicIntegerArray(calls * chunks), new AtomicIntegerArray(calls * chunks)};
        Thread[] callers = new Thread[2];
        for (int t = 0; t < 2; t++) {
            AtomicIntegerArray mine = runs[t];
            callers[t] = new Thread(() -> {
                for (int call = 0; call < calls; call++) {
                    int base = call * chunks;
                    Parallel.forEach(chunks, c -> mine.incrementAndGet(base + c));
                }
            });
            callers[t].start();
        }
        for (Thread t : callers) {
            t.join(60_000);
        }
        for (AtomicIntegerArray mine : runs) {
            for (int i = 0; i < calls * chunks; i++) {
                assertThat(mine.get(i)).as("call %d chunk %d", i / chunks, i % chunks).isEqualTo(1);
            }
        }
    }

    @Test
    void chunksRunOnMoreThanOneThreadWhenTheTeamHasWorkers() {
        KernelParameters.setThreads(2);
        // chunk 0 waits (bounded) until another thread has run chunk 1: only a worker can
        Thread caller = Thread.currentThread();
        AtomicInteger otherThread = new AtomicInteger();
        Parallel.forEach(2, c -> {
            if (Thread.currentThread() != caller) {
                otherThread.incrementAndGet();
            } else {
                long until = System.nanoTime() + 5_000_000_000L;
                while (otherThread.get() == 0 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        });
        // a worker still spinning from an earlier call may take both chunks before the caller
        // takes one; either way a thread other than the caller did work
        assertThat(otherThread.get()).isBetween(1, 2);
    }
}
