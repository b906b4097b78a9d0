package jgrad.spark;

import java.io.Serializable;

/**
 * Called at the start of every training task on the executor, before any work: a test-only seam
 * for fault injection (throw to fail the task; Spark retries it up to {@code spark.task.maxFailures}).
 *
 * <pre>{@code
 * TaskHook failOnce = (partition, attempt, step) -> {
 *     if (partition == 1 && attempt == 0 && step == 3) throw new IllegalStateException("injected");
 * };
 * }</pre>
 */
@FunctionalInterface
public interface TaskHook extends Serializable {
    /** No hook. */
    TaskHook NONE = (partition, attempt, step) -> { };

    /**
     * @param partition the Spark partition id
     * @param attempt {@code TaskContext.attemptNumber()}: 0 the first time, then 1, 2, ...
     * @param step the optimizer step this task computes, from 0
     */
    void beforeTask(int partition, int attempt, int step) throws Exception;
}
