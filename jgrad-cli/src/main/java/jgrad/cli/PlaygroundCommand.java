package jgrad.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jgrad.playground.PlaygroundServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad playground}: starts the playground's web server on 127.0.0.1 and prints its URL;
 * it opens nothing else and runs until stopped (Ctrl-C). See {@link PlaygroundServer}.
 */
@Command(name = "playground", mixinStandardHelpOptions = true,
        description = {"Starts the playground, a local web page to step through backprop on the lecture's expressions"
                + " and watch a network train, on jgrad's engine. It listens on 127.0.0.1 only, prints the URL, and runs"
                + " until Ctrl-C. The page needs no Graphviz and fetches nothing off this machine."})
final class PlaygroundCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000",
            description = "The port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new Main.UsageException("--port must be from 0 to 65535, got " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        PlaygroundServer server;
        try {
            server = PlaygroundServer.start(port);
        } catch (java.net.BindException e) {
            throw new java.io.IOException("port " + port + " on 127.0.0.1 is taken (" + e.getMessage()
                    + "); choose another with --port N, or --port 0 for any free port", e);
        }
        out.println("jgrad playground: open " + server.url() + "  (listening on 127.0.0.1 only; Ctrl-C stops it)");
        out.flush();
        new CountDownLatch(1).await();   // until the JVM is stopped
        return 0;
    }
}
