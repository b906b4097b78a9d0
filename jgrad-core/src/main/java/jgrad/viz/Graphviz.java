package jgrad.viz;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Renders DOT text to SVG or PNG with Graphviz's {@code dot} program, found on the {@code PATH}.
 *
 * <p>jgrad does not bundle Graphviz. It looks for {@code dot} on the {@code PATH}, or where the
 * system property {@code jgrad.dot} says. When {@code dot} is missing, {@link #find()} is empty and
 * {@link #render} throws an {@link IOException} whose message is {@link #INSTALL_HINT}; a caller can
 * still save the DOT text itself and draw it later. The output file is written next to its final
 * place and then moved there, so a failed rendering never leaves half a file.
 *
 * <pre>{@code
 * if (Graphviz.find().isPresent()) {
 *     Graphviz.render(DotWriter.write(trace), Graphviz.Format.PNG, Path.of("graph.png"));
 * }
 * }</pre>
 */
public final class Graphviz {

    /** What {@code dot} can write for jgrad. */
    public enum Format {
        SVG, PNG;

        /** The file extension and {@code -T} argument: "svg" or "png". */
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line telling a user how to get {@code dot}. */
    public static final String INSTALL_HINT = "Graphviz's 'dot' is not on the PATH; install Graphviz"
            + " (apt-get install graphviz, brew install graphviz, or https://graphviz.org/download/)";

    /** How long one rendering may take before it is stopped. */
    private static final long TIMEOUT_SECONDS = 120;

    private Graphviz() {
    }

    /**
     * The {@code dot} executable: the one named by the system property {@code jgrad.dot} when it
     * is set (empty if that file is not executable), else the first on the {@code PATH}, if any.
     */
    public static Optional<Path> find() {
        String property = System.getProperty("jgrad.dot");
        if (property != null) {
            Path dot = Path.of(property);
            return Files.isRegularFile(dot) && Files.isExecutable(dot) ? Optional.of(dot) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path dot = Path.of(dir, windows ? "dot.exe" : "dot");
            if (Files.isRegularFile(dot) && Files.isExecutable(dot)) {
                return Optional.of(dot);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code dot -T<format>} on {@code dot} text and writes the picture to {@code output}.
     *
     * @throws IOException with {@link #INSTALL_HINT} when {@code dot} is not installed; with dot's
     *     own message when it rejects the text or fails; when it runs longer than two minutes
     */
    public static void render(String dot, Format format, Path output) throws IOException {
        Path exe = find().orElseThrow(() -> new IOException(INSTALL_HINT));
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path input = Files.createTempFile(dir, ".jgrad-", ".dot");
        // a fresh name that dot itself creates, so the picture gets the usual permissions
        Path picture = dir.resolve(".jgrad-" + UUID.randomUUID() + "." + format.extension());
        Path log = Files.createTempFile(dir, ".jgrad-", ".log");
        try {
            Files.writeString(input, dot, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(exe.toString(), "-T" + format.extension(),
                    "-o", picture.toString(), input.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished;
            try {
                finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("dot: interrupted while rendering " + output, e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new IOException("dot: rendering " + output + " took more than " + TIMEOUT_SECONDS
                        + " s; draw a smaller part of the graph (fewer nodes)");
            }
            if (process.exitValue() != 0) {
                String message = Files.readString(log, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                throw new IOException("dot: could not render " + output + " (exit " + process.exitValue()
                        + "): " + message);
            }
            Files.move(picture, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(picture);
            Files.deleteIfExists(log);
        }
    }
}
