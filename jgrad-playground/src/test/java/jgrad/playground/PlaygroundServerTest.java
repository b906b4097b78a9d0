package jgrad.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import jgrad.io.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's endpoints over HTTP, as the page uses them, and its answers to bad requests. */
class PlaygroundServerTest {
    private static PlaygroundServer server;
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws IOException {
        server = PlaygroundServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> json(HttpResponse<String> r) {
        return (Map<?, ?>) Json.parse(r.body());
    }

    @Test
    void servesThePageWithAPolicyThatKeepsItOnThisMachine() throws Exception {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("/static/d3.min.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        assertThat(get("/static/viz-standalone.js").statusCode()).isEqualTo(200);
        assertThat(get("/static/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/static/app.js").body()).doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        assertThat(post("/", "").statusCode()).isEqualTo(405);
    }

    @Test
    void expressionsAndTheirErrors() throws Exception {
        HttpResponse<String> ok = post("/api/expression", "{\"source\": \"a = 2\\nb = -3\\nL = a*b\", \"values\": {\"a\": 4}}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(((Map<?, ?>) json(ok).get("variables")).get("a")).isEqualTo(4.0);
        HttpResponse<String> parse = post("/api/expression", "{\"source\": \"a = 2\\nL = a ** (a\"}");
        assertThat(parse.statusCode()).isEqualTo(400);
        assertThat(json(parse).get("column")).isEqualTo(12L);
        HttpResponse<String> op = post("/api/expression", "{\"source\": \"a = 2\\nL = cosh(a)\"}");
        assertThat(op.statusCode()).isEqualTo(400);
        assertThat(json(op).get("error").toString()).contains("unknown function 'cosh'");
        HttpResponse<String> malformed = post("/api/expression", "{\"source\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").toString()).startsWith("malformed JSON");
        assertThat(post("/api/expression", "[1]").statusCode()).isEqualTo(400);
        assertThat(post("/api/expression", "{\"source\": \"" + "a".repeat(PlaygroundServer.MAX_BODY) + "\"}").statusCode()).isEqualTo(413);
    }

    @Test
    void trainingSetupsOverTheLimitsAreRefused() throws Exception {
        HttpResponse<String> big = post("/api/train/start", "{\"init\": \"seed\", \"layers\": [64, 64, 64, 64, 64, 64, 64, 64, 64]}");
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(json(big).get("error").toString()).contains("more than the 8 allowed");
        HttpResponse<String> wide = post("/api/train/start", "{\"init\": \"seed\", \"layers\": [100]}");
        assertThat(wide.statusCode()).isEqualTo(400);
        HttpResponse<String> dataset = post("/api/train/start", "{\"dataset\": \"iris\"}");
        assertThat(json(dataset).get("error").toString()).contains("unknown dataset 'iris'");
        HttpResponse<String> control = post("/api/train/control", "{\"session\": \"nope\", \"action\": \"play\"}");
        assertThat(control.statusCode()).isEqualTo(404);
    }

    @Test
    void csvUploads() throws Exception {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i * 0.1).append(',').append(i % 7 * 0.3).append(',').append(i % 2 == 0 ? "red" : "blue").append('\n');
        }
        HttpResponse<String> ok = post("/api/upload", csv.toString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("rows")).isEqualTo(40L);
        String id = (String) json(ok).get("upload");
        HttpResponse<String> start = post("/api/train/start", "{\"dataset\": \"upload\", \"upload\": \"" + id + "\", \"init\": \"seed\"}");
        assertThat(start.statusCode()).isEqualTo(200);
        HttpResponse<String> badRow = post("/api/upload", "x1,x2,label\n1,2,a\n3,oops,b\n");
        assertThat(badRow.statusCode()).isEqualTo(400);
        assertThat(json(badRow).get("error").toString()).contains("oops");
        HttpResponse<String> columns = post("/api/upload", "x1,label\n1,a\n2,b\n");
        assertThat(json(columns).get("error").toString()).contains("two features and a label");
        HttpResponse<String> huge = post("/api/upload", "x1,x2,label\n" + "1,2,a\n".repeat(PlaygroundServer.MAX_UPLOAD / 6));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(post("/api/train/start", "{\"dataset\": \"upload\", \"upload\": \"unknown\", \"init\": \"seed\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aForeignHostIsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: attacker.example:" + server.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).contains("403");
        }
    }

    @Test
    void twoTabsTrainApartAndAClosedStreamFreesItsSession() throws Exception {
        String a = (String) json(post("/api/train/start", "{}")).get("session");
        String b = (String) json(post("/api/train/start", "{\"dataset\": \"circles\", \"init\": \"seed\", \"layers\": [4]}")).get("session");
        int before = server.sessionCount();
        HttpResponse<InputStream> streamA = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/train/events?session=" + a)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> streamB = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/train/events?session=" + b)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader ra = new BufferedReader(new InputStreamReader(streamA.body(), StandardCharsets.UTF_8));
        BufferedReader rb = new BufferedReader(new InputStreamReader(streamB.body(), StandardCharsets.UTF_8));
        assertThat(nextEvent(ra, "update").get("step")).isEqualTo(0L);
        assertThat(nextEvent(rb, "update").get("step")).isEqualTo(0L);
        assertThat(post("/api/train/control", "{\"session\": \"" + a + "\", \"action\": \"step\", \"steps\": 3}").statusCode()).isEqualTo(200);
        assertThat(nextEvent(ra, "update").get("step")).isEqualTo(3L);
        assertThat(post("/api/train/control", "{\"session\": \"" + b + "\", \"action\": \"step\"}").statusCode()).isEqualTo(200);
        assertThat(nextEvent(rb, "update").get("step")).isEqualTo(1L);
        assertThat(post("/api/train/control", "{\"session\": \"" + a + "\", \"action\": \"fly\"}").statusCode()).isEqualTo(400);
        // closing a stream ends its session; the other goes on
        streamA.body().close();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.sessionCount() > before - 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.sessionCount()).isEqualTo(before - 1);
        assertThat(post("/api/train/control", "{\"session\": \"" + a + "\", \"action\": \"play\"}").statusCode()).isEqualTo(404);
        assertThat(post("/api/train/control", "{\"session\": \"" + b + "\", \"action\": \"step\"}").statusCode()).isEqualTo(200);
        assertThat(nextEvent(rb, "update").get("step")).isEqualTo(2L);
        streamB.body().close();
    }

    @Test
    void playingStreamsTheNotebooksLossAtEveryStep() throws Exception {
        double[] notebook = Fixture.notebookLosses();
        String id = (String) json(post("/api/train/start", "{}")).get("session");
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/train/events?session=" + id)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        nextEvent(r, "update");
        post("/api/train/control", "{\"session\": \"" + id + "\", \"action\": \"play\"}");
        long last = -1;
        while (last < 40) {
            Map<?, ?> u = nextEvent(r, "update");
            long step = (Long) u.get("step");
            assertThat(step).isGreaterThanOrEqualTo(last);
            assertThat((double) u.get("trainLoss")).as("step " + step).isCloseTo(notebook[(int) step], org.assertj.core.api.Assertions.within(1e-9));
            last = step;
        }
        stream.body().close();
    }

    private static Map<?, ?> nextEvent(BufferedReader r, String type) throws IOException {
        String event = null;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && type.equals(event)) {
                return (Map<?, ?>) Json.parse(line.substring(6));
            }
        }
        throw new AssertionError("the stream ended before a '" + type + "' event");
    }
}
