/**
 * The {@code jgrad} command-line tool: {@link jgrad.cli.Main} sets up picocli and the error policy
 * (one line, exit 2 for usage and 1 for failure, stack traces with {@code --verbose}); one class per
 * command ({@code demo}, {@code train}, {@code predict}, {@code graph}) turns options into calls to
 * jgrad-core's {@code nn}, {@code data}, {@code io} and {@code viz}; {@code Plots} draws the
 * decision boundary and the training curves with JFreeChart, headless; {@code ProgressBar} shows
 * progress on a terminal. Everything but {@code Main} is internal to this module.
 */
package jgrad.cli;
