package jgrad.playground;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.data.Csv;
import jgrad.data.Dataset;
import jgrad.io.Json;
import jgrad.io.JsonException;

/**
 * The playground's web server, on the JDK's {@code com.sun.net.httpserver}, bound to 127.0.0.1.
 *
 * <p>It serves the page and its vendored libraries from this jar's resources (a fixed list: no
 * endpoint reads or writes a file), answers the expression view's requests, and runs one training
 * thread per browser tab, streaming updates with Server-Sent Events; the thread ends, and its
 * memory is freed, when the tab's stream closes.
 *
 * <ul>
 *   <li>{@code POST /api/expression {"source": "...", "values": {"a": 2.0}}}: the graph and its backward steps;</li>
 *   <li>{@code POST /api/upload} (a CSV of two features and a label, at most {@value #MAX_UPLOAD} bytes): an id;</li>
 *   <li>{@code POST /api/train/start {setup}}: a session id; {@code GET /api/train/events?session=ID}: its stream;</li>
 *   <li>{@code POST /api/train/control {"session": ID, "action": "play" | "pause" | "step" | "reset" | "point", ...}}.</li>
 * </ul>
 *
 * <p>Every request is checked; a bad one gets a 4xx answer {@code {"error": "..."}} (with
 * {@code line} and {@code column} for a parse error) that the page shows, and the server goes on.
 * Requests whose {@code Host} is not this machine are refused (403), against DNS rebinding.
 *
 * <pre>{@code
 * PlaygroundServer server = PlaygroundServer.start(8000);
 * System.out.println(server.url());   // http://127.0.0.1:8000/
 * server.stop();
 * }</pre>
 */
public final class PlaygroundServer {
    /** The largest JSON request body, in bytes. */
    public static final int MAX_BODY = 64 * 1024;
    /** The largest CSV upload, in bytes. */
    public static final int MAX_UPLOAD = 256 * 1024;
    /** The most rows of an uploaded CSV. */
    public static final int MAX_UPLOAD_ROWS = 2000;
    /** The most training sessions (tabs) at once. */
    public static final int MAX_SESSIONS = 16;
    /** The most uploads kept (the oldest is dropped). */
    public static final int MAX_UPLOADS = 16;
    /** Milliseconds between heartbeats on a paused stream, which also notice a closed tab. */
    static final long HEARTBEAT_MS = 1000;

    /** The page and its files: name to content type. Nothing else is served. */
    private static final Map<String, String> STATIC = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "d3.min.js", "text/javascript; charset=utf-8",
            "viz-standalone.js", "text/javascript; charset=utf-8",
            "LICENSES.txt", "text/plain; charset=utf-8");

    /** The page's Content-Security-Policy: nothing from off the machine. */
    static final String CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private final HttpServer http;
    private final ExecutorService pool;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Dataset> uploads = Collections.synchronizedMap(new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Dataset> eldest) {
            return size() > MAX_UPLOADS;
        }
    });
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> resources = new HashMap<>();

    /** One tab's training: its commands and whether its stream is connected. */
    static final class Session {
        final TrainSession training;
        final LinkedBlockingQueue<Map<?, ?>> commands = new LinkedBlockingQueue<>(256);
        final long created = System.nanoTime();
        volatile boolean connected;
        volatile boolean closed;

        Session(TrainSession training) {
            this.training = training;
        }
    }

    private PlaygroundServer(HttpServer http, ExecutorService pool) {
        this.http = http;
        this.pool = pool;
    }

    /**
     * Starts a server on 127.0.0.1 at {@code port} (0 picks a free port).
     *
     * @throws IOException if the port is taken
     * @throws IllegalArgumentException if the port is outside 0..65535
     */
    public static PlaygroundServer start(int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("playground: --port must be from 0 to 65535, got " + port);
        }
        // small answers without Nagle's 40 ms wait for the delayed ACK (read once, when the server classes load)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "playground-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        PlaygroundServer s = new PlaygroundServer(http, pool);
        http.setExecutor(pool);
        http.createContext("/", s::handle);
        http.start();
        return s;
    }

    /** The page's address, {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** The port the server listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops the server and ends every training thread. */
    public void stop() {
        sessions.values().forEach(s -> s.closed = true);
        http.stop(0);
        pool.shutdownNow();
    }

    /** Training sessions alive now (tabs with a stream, and sessions started but not yet connected). */
    public int sessionCount() {
        return sessions.size();
    }

    /** Every request so far as "METHOD host path", for the tests that check what the page asks for. */
    public List<String> requestLog() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    // ---------------------------------------------------------------- dispatch

    private void handle(HttpExchange ex) throws IOException {
        try {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            String host = ex.getRequestHeaders().getFirst("Host");
            if (requestLog.size() < 100_000) {
                requestLog.add(ex.getRequestMethod() + " " + host + " " + path);
            }
            if (host == null || !(host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()))) {
                sendError(ex, 403, "playground: requests must name this machine (Host 127.0.0.1:" + port() + "), got " + host);
                return;
            }
            String method = ex.getRequestMethod();
            if (path.equals("/") || path.startsWith("/static/")) {
                requireMethod(method, "GET");
                serveStatic(ex, path.equals("/") ? "index.html" : path.substring("/static/".length()));
            } else if (path.equals("/api/presets")) {
                requireMethod(method, "GET");
                sendJson(ex, 200, presets());
            } else if (path.equals("/api/expression")) {
                requireMethod(method, "POST");
                expression(ex);
            } else if (path.equals("/api/upload")) {
                requireMethod(method, "POST");
                upload(ex);
            } else if (path.equals("/api/train/start")) {
                requireMethod(method, "POST");
                startTraining(ex);
            } else if (path.equals("/api/train/events")) {
                requireMethod(method, "GET");
                events(ex, query(uri).get("session"));
            } else if (path.equals("/api/train/control")) {
                requireMethod(method, "POST");
                control(ex);
            } else {
                sendError(ex, 404, "playground: no such page " + path + "; open /");
            }
        } catch (HttpError e) {
            sendError(ex, e.status, e.getMessage());
        } catch (ExpressionParser.ParseException e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", e.getMessage());
            m.put("line", e.line());
            m.put("column", e.column());
            sendJson(ex, 400, m);
        } catch (IllegalArgumentException e) {
            sendError(ex, 400, e.getMessage());
        } catch (IOException e) {
            // the browser went away mid-answer: nothing to tell it
        } catch (RuntimeException e) {
            sendError(ex, 500, "playground: internal error " + e);
        } finally {
            ex.close();
        }
    }

    /** A request that gets a 4xx answer. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new HttpError(405, "playground: use " + expected + " here, not " + method);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    q.put(java.net.URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    // ---------------------------------------------------------------- static files

    private void serveStatic(HttpExchange ex, String name) throws IOException {
        String type = STATIC.get(name);
        if (type == null) {
            throw new HttpError(404, "playground: no such file " + name);
        }
        byte[] body;
        synchronized (resources) {
            body = resources.get(name);
            if (body == null) {
                try (InputStream in = PlaygroundServer.class.getResourceAsStream("web/" + name)) {
                    if (in == null) {
                        throw new HttpError(404, "playground: " + name + " is missing from the jar; rebuild jgrad");
                    }
                    body = in.readAllBytes();
                }
                resources.put(name, body);
            }
        }
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    // ---------------------------------------------------------------- API

    private static Map<String, Object> presets() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expressions", new LinkedHashMap<String, Object>(ExpressionParser.presets()));
        m.put("functions", new ArrayList<Object>(ExpressionParser.FUNCTIONS));
        m.put("datasets", new ArrayList<Object>(TrainConfig.DATASETS));
        m.put("defaults", TrainConfig.defaults().toJson());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("layers", TrainConfig.MAX_LAYERS);
        limits.put("neurons", TrainConfig.MAX_NEURONS);
        limits.put("samples", TrainConfig.MAX_SAMPLES);
        limits.put("uploadBytes", MAX_UPLOAD);
        m.put("limits", limits);
        return m;
    }

    private void expression(HttpExchange ex) throws IOException {
        Map<?, ?> body = jsonObject(ex);
        Object source = body.get("source");
        if (!(source instanceof String)) {
            throw new IllegalArgumentException("expression: the request needs \"source\", the program text");
        }
        Map<String, Double> values = new HashMap<>();
        Object v = body.get("values");
        if (v != null) {
            if (!(v instanceof Map)) {
                throw new IllegalArgumentException("expression: \"values\" must be an object such as {\"a\": 2.0}");
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!(e.getValue() instanceof Number) || !Double.isFinite(((Number) e.getValue()).doubleValue())) {
                    throw new IllegalArgumentException("expression: the value of '" + e.getKey() + "' must be a finite number, got "
                            + e.getValue());
                }
                values.put((String) e.getKey(), ((Number) e.getValue()).doubleValue());
            }
        }
        sendJson(ex, 200, ExpressionGraph.describe(ExpressionParser.parse((String) source, values)));
    }

    private void upload(HttpExchange ex) throws IOException {
        byte[] bytes = readBody(ex, MAX_UPLOAD, "upload: the CSV");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("upload: the CSV is not UTF-8 text; save it as UTF-8");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("upload: the CSV is empty; send a header 'x1,x2,label' and rows of numbers");
        }
        String header = text.lines().findFirst().orElse("");
        String[] columns = header.split(",", -1);
        if (columns.length != 3) {
            throw new IllegalArgumentException("upload: the CSV has " + columns.length + " columns (" + header.strip()
                    + "); the playground takes two features and a label, e.g. 'x1,x2,label'");
        }
        Dataset d = Csv.parse(text, "upload.csv", columns[2].strip());
        if (d.size() > MAX_UPLOAD_ROWS) {
            throw new IllegalArgumentException("upload: the CSV has " + d.size() + " rows, more than " + MAX_UPLOAD_ROWS);
        }
        if (d.classCount() != 2) {
            throw new IllegalArgumentException("upload: the label column has " + d.classCount() + " classes " + d.classNames()
                    + "; the playground classifies two");
        }
        String id = newId();
        uploads.put(id, d);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upload", id);
        m.put("rows", d.size());
        m.put("classes", new ArrayList<Object>(d.classNames()));
        sendJson(ex, 200, m);
    }

    private void startTraining(HttpExchange ex) throws IOException {
        Map<?, ?> body = jsonObject(ex);
        TrainConfig config = TrainConfig.fromJson(body);
        reapUnconnected();
        if (sessions.size() >= MAX_SESSIONS) {
            throw new HttpError(429, "train: " + MAX_SESSIONS + " tabs are training already; close one and reload");
        }
        TrainSession training = new TrainSession(config, config.dataset.equals("upload") ? uploads.get(config.upload) : null);
        String id = newId();
        sessions.put(id, new Session(training));
        sendJson(ex, 200, Map.of("session", id));
    }

    /** Sessions started more than a minute ago whose stream never connected. */
    private void reapUnconnected() {
        long now = System.nanoTime();
        sessions.entrySet().removeIf(e -> !e.getValue().connected && now - e.getValue().created > TimeUnit.MINUTES.toNanos(1));
    }

    private void control(HttpExchange ex) throws IOException {
        Map<?, ?> body = jsonObject(ex);
        Session s = session(body.get("session"));
        Object action = body.get("action");
        if (!List.of("play", "pause", "step", "reset", "point").contains(action)) {
            throw new IllegalArgumentException("train: unknown action " + action + "; use play, pause, step, reset or point");
        }
        if (action.equals("point")) {
            Object p = body.get("point");
            if (!(p instanceof Long)) {
                throw new IllegalArgumentException("train: action 'point' needs \"point\", the index of a training point");
            }
        }
        if (action.equals("step") && body.containsKey("steps")) {
            Object n = body.get("steps");
            if (!(n instanceof Long) || (Long) n < 1 || (Long) n > 1000) {
                throw new IllegalArgumentException("train: \"steps\" must be a whole number from 1 to 1000, got " + n);
            }
        }
        if (!s.commands.offer(body)) {
            throw new HttpError(429, "train: too many commands waiting; slow down");
        }
        sendJson(ex, 200, Map.of("ok", true));
    }

    private Session session(Object id) {
        Session s = id instanceof String ? sessions.get(id) : null;
        if (s == null) {
            throw new HttpError(404, "train: no session " + id + "; it ended (the tab's stream closed); reload the page");
        }
        return s;
    }

    /** The tab's event stream; this thread is the session's training thread until the stream closes. */
    private void events(HttpExchange ex, String id) throws IOException {
        Session s = session(id);
        synchronized (s) {
            if (s.connected) {
                throw new HttpError(409, "train: session " + id + " has a stream already");
            }
            s.connected = true;
        }
        activeStreams.incrementAndGet();
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            new StreamLoop(s, out).run();
        } catch (IOException | InterruptedException e) {
            // the tab closed (or the server stops): the session ends here
        } finally {
            s.closed = true;
            sessions.remove(id);
            activeStreams.decrementAndGet();
        }
    }

    /** Streams updates while training; reads the tab's commands between steps. */
    static final class StreamLoop {
        /** While playing, at most this many updates a second are sent (the page draws them all). */
        static final int MAX_RATE = 60;
        /** While playing, milliseconds between updates with the parameter table and the point's graph. */
        static final long DETAILS_MS = 1500;
        private final Session s;
        private final OutputStream out;
        private TrainSession t;
        private boolean playing;
        private long lastDetails;

        StreamLoop(Session s, OutputStream out) {
            this.s = s;
            this.out = out;
            this.t = s.training;
        }

        void run() throws IOException, InterruptedException {
            send("setup", t.setup());
            send("update", t.update(true));
            lastDetails = System.nanoTime();
            while (!s.closed) {
                Map<?, ?> cmd = playing ? s.commands.poll() : s.commands.poll(HEARTBEAT_MS, TimeUnit.MILLISECONDS);
                if (cmd != null) {
                    try {
                        handle(cmd);
                    } catch (IllegalArgumentException e) {
                        send("problem", Map.of("error", e.getMessage()));
                    }
                } else if (!playing) {
                    out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                if (playing) {
                    long start = System.nanoTime();
                    // the parameter table and the point's graph (a whole loss graph) refresh every DETAILS_MS
                    boolean details = start - lastDetails > TimeUnit.MILLISECONDS.toNanos(DETAILS_MS);
                    if (details) {
                        // the model as it is (the last update sent was one step behind it); the next update repeats its step
                        lastDetails = start;
                        send("update", t.update(true));
                    } else {
                        send("update", t.stepAndUpdate());
                    }
                    long wait = TimeUnit.SECONDS.toNanos(1) / MAX_RATE - (System.nanoTime() - start);
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
        }

        private void handle(Map<?, ?> cmd) throws IOException {
            switch ((String) cmd.get("action")) {
                case "play": playing = true; break;
                case "pause":
                    playing = false;
                    send("update", t.update(true));
                    break;
                case "step":
                    playing = false;
                    int n = cmd.containsKey("steps") ? ((Long) cmd.get("steps")).intValue() : 1;
                    for (int i = 0; i < n; i++) {
                        t.step();
                    }
                    send("update", t.update(true));
                    break;
                case "reset":
                    playing = false;
                    t = new TrainSession(t.config(), t.uploaded());
                    send("setup", t.setup());
                    send("update", t.update(true));
                    break;
                case "point":
                    t.choosePoint(((Long) cmd.get("point")).intValue());
                    send("update", t.update(true));
                    break;
                default: throw new IllegalArgumentException("train: unknown action " + cmd.get("action"));
            }
        }

        private void send(String event, Map<String, Object> data) throws IOException {
            out.write(("event: " + event + "\ndata: " + Json.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    // ---------------------------------------------------------------- helpers

    private String newId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Map<?, ?> jsonObject(HttpExchange ex) throws IOException {
        byte[] bytes = readBody(ex, MAX_BODY, "the JSON request");
        Object v;
        try {
            v = Json.parse(new String(bytes, StandardCharsets.UTF_8), "request");
        } catch (JsonException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage());
        }
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("the request must be a JSON object {...}, got " + Json.write(v).substring(0, Math.min(40, Json.write(v).length())));
        }
        return (Map<?, ?>) v;
    }

    private static byte[] readBody(HttpExchange ex, int limit, String what) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (InputStream in = ex.getRequestBody()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                buf.write(chunk, 0, n);
                if (buf.size() > limit) {
                    throw new HttpError(413, what + " is larger than " + limit + " bytes; send less");
                }
            }
        }
        return buf.toByteArray();
    }

    private static void sendError(HttpExchange ex, int status, String message) {
        try {
            sendJson(ex, status, Map.of("error", message == null ? "error" : message));
        } catch (IOException | RuntimeException ignored) {
            // headers were sent already, or the browser went away
        }
    }

    private static void sendJson(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Starts a server from the command line: {@code java jgrad.playground.PlaygroundServer [port]}. */
    public static void main(String[] args) throws IOException {
        PlaygroundServer s = start(args.length > 0 ? Integer.parseInt(args[0]) : 8000);
        System.out.println("jgrad playground: " + s.url() + "  (Ctrl-C stops it)");
    }
}
