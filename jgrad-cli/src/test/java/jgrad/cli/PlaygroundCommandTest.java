package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code jgrad playground}'s mistakes: a bad port is a usage error, a taken port a failure that says what to do. */
class PlaygroundCommandTest {

    private static int run(StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "playground", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be from 0 to 65535, got 70000");
    }

    @Test
    void aTakenPortSaysSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            assertThat(run(err, "playground", "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(1);
            assertThat(err.toString()).contains("is taken").contains("--port 0");
        }
    }
}
