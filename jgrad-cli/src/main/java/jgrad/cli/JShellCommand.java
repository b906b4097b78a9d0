package jgrad.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jgrad jshell [FILE...]}: the JShell tool with jgrad on the class path and startup.jsh
 * loaded (jgrad's packages imported, {@code print}/{@code println}/{@code printf} that do not echo,
 * {@code draw(value)}). A file given runs first and leaves its variables in the session:
 * {@code jgrad jshell docs/lecture/03-backprop.jsh}.
 *
 * <p>{@code ./jgrad jshell} starts the {@code jshell} program itself with the same options; this
 * command does the same from {@code java -jar jgrad.jar jshell}, through the JDK's
 * {@link JavaShellToolBuilder}.
 */
@Command(name = "jshell", mixinStandardHelpOptions = true,
        description = {"JShell with jgrad on the class path and its packages imported (see startup.jsh);"
                + " FILE runs first and leaves its variables in the session."},
        footer = {"", "Examples:", "  jgrad jshell",
                "  jgrad jshell docs/lecture/03-backprop.jsh   then: L.setGrad(1); L.backwardStep(); d.grad()"})
final class JShellCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "JShell scripts to run first.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path startup = Files.createTempFile("jgrad-startup", ".jsh");
        try {
            Files.writeString(startup, LectureCommand.startup(), StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("--class-path", jar(), "-R-Djava.awt.headless=true",
                    "--startup", "DEFAULT", "--startup", startup.toString()));
            args.addAll(files);
            return JavaShellToolBuilder.builder().start(args.toArray(new String[0]));
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    /** The jar (or class folders) holding jgrad, for the shell's class path. */
    private static String jar() throws IOException {
        List<String> paths = new ArrayList<>();
        for (Class<?> c : List.of(jgrad.engine.Value.class, JShellCommand.class)) {
            try {
                String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!paths.contains(p)) {
                    paths.add(p);
                }
            } catch (URISyntaxException | RuntimeException e) {
                throw new IOException("cannot find the class path of " + c.getName() + ": " + e.getMessage(), e);
            }
        }
        return String.join(java.io.File.pathSeparator, paths);
    }
}
