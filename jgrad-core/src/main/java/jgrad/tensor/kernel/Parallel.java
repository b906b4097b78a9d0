package jgrad.tensor.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The team of threads the kernels split work over: {@link KernelParameters#threads()} − 1 daemon
 * workers plus the calling thread. Every thread of the team, the caller included, takes chunk
 * numbers from one counter until none is left, so a chunk runs exactly once whichever thread runs
 * it (results do not depend on the thread count or on scheduling).
 *
 * <p>Idle workers, and a caller waiting for the last chunk, spin for
 * {@link KernelParameters#PARALLEL_SPIN_NANOS} before they park, as OpenMP runtimes do: a training
 * step runs a parallel product every few hundred microseconds, and waking a parked thread costs
 * tens to hundreds of microseconds on a virtual machine (see {@code docs/design-notes.md}, "Tensor
 * kernels and libtorch"). The team serves one call at a time; a call made while it is busy (from
 * another thread, or from inside a chunk) runs its chunks on its own thread. A change of the thread
 * count replaces the team at the next call.
 */
final class Parallel {
    private static Team team;

    private Parallel() {
    }

    /**
     * Runs {@code body.accept(c)} for every chunk {@code c} below {@code chunks} and waits for all;
     * the first exception thrown by a chunk is rethrown here after all chunks have finished.
     */
    static void forEach(int chunks, IntConsumer body) {
        if (chunks <= 1) {
            if (chunks == 1) {
                body.accept(0);
            }
            return;
        }
        Team t = team();
        if (t == null || !t.busy.compareAndSet(false, true)) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        try {
            t.run(chunks, body);
        } finally {
            t.busy.set(false);
        }
    }

    private static synchronized Team team() {
        int workers = KernelParameters.threads() - 1;
        if (team == null || team.workers.length != workers) {
            if (team != null) {
                team.stop();
            }
            team = workers == 0 ? null : new Team(workers);
        }
        return team;
    }

    /** One call's chunks: the next chunk to take, how many have finished, the first failure. */
    private static final class Job {
        final long number;
        final int chunks;
        final IntConsumer body;
        final Thread caller = Thread.currentThread();
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(long number, int chunks, IntConsumer body) {
            this.number = number;
            this.chunks = chunks;
            this.body = body;
        }

        /** Takes and runs chunks until none is left. */
        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    body.accept(c);
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
                if (done.incrementAndGet() == chunks) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    private static final class Team {
        final Thread[] workers;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile Job current;
        volatile boolean stopped;
        long jobs;

        Team(int size) {
            workers = new Thread[size];
            for (int w = 0; w < size; w++) {
                workers[w] = new Thread(this::workerLoop, "jgrad-kernel-" + (w + 1));
                workers[w].setDaemon(true);
                workers[w].start();
            }
        }

        void run(int chunks, IntConsumer body) {
            Job job = new Job(++jobs, chunks, body);
            current = job;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            job.work();
            long spinUntil = System.nanoTime() + KernelParameters.PARALLEL_SPIN_NANOS;
            while (job.done.get() < chunks) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            current = null;
            Throwable failure = job.failure;
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            } else if (failure instanceof Error) {
                throw (Error) failure;
            } else if (failure != null) {
                throw new IllegalStateException("parallel kernel chunk failed", failure);
            }
        }

        void stop() {
            stopped = true;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
        }

        /** Whether a job newer than number {@code done} is waiting (keeps no reference to old jobs). */
        private boolean newJob(long done) {
            Job job = current;
            return job != null && job.number > done;
        }

        private void workerLoop() {
            long done = 0;
            while (!stopped) {
                Job job = current;
                if (job != null && job.number > done) {
                    done = job.number;
                    job.work();
                    continue;
                }
                // nothing new: spin a while, then park until the next call unparks us
                long spinUntil = System.nanoTime() + KernelParameters.PARALLEL_SPIN_NANOS;
                while (!stopped && !newJob(done) && System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                }
                if (!stopped && !newJob(done)) {
                    LockSupport.park(this);
                }
            }
        }
    }
}
