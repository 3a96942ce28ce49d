package io.sluice.git.servers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Smart HTTP Git: {@code git http-backend} run as a CGI program per request, behind basic auth with
 * one user and token, the way GitHub and GitLab take a token as the password.
 */
public final class GitHttpServer implements AutoCloseable {
    private final Path base;
    private final String user;
    private volatile String token;
    private final int port;
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    public GitHttpServer(Path base, String user, String token) throws IOException {
        this.base = base;
        this.user = user;
        this.token = token;
        this.port = GitCli.freePort();
    }

    public GitHttpServer start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::serve);
        server.start();
        return this;
    }

    /** Rotates the token the server accepts, as a revoked or rotated credential does. */
    public void acceptToken(String newToken) {
        this.token = newToken;
    }

    public String url(String repo) {
        return "http://127.0.0.1:" + port + "/" + repo;
    }

    /** URL with the credentials in it, for the git CLI. */
    public String urlWithToken(String repo) {
        return "http://" + user + ":" + token + "@127.0.0.1:" + port + "/" + repo;
    }

    public int requestCount() {
        return requests.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            runBackend(exchange);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private void runBackend(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        env.put("GIT_PROJECT_ROOT", base.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        env.put("REMOTE_USER", user);
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        header(exchange, "Content-Type", env, "CONTENT_TYPE");
        header(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        header(exchange, "Git-Protocol", env, "HTTP_GIT_PROTOCOL");
        Process process = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(body);
            } catch (IOException ignored) {
                // the backend may answer before reading everything (an error); its answer says why
            }
        });
        feeder.start();
        try (InputStream out = process.getInputStream()) {
            int status = 200;
            String line;
            while (!(line = readLine(out)).isEmpty()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.substring(0, 3));
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream response = exchange.getResponseBody()) {
                out.transferTo(response);
            }
        }
    }

    private static void header(HttpExchange exchange, String name, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
            env.put(variable, value);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
