package io.modelqos.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the bench started ({@code java -jar modelqos.jar ...}), its output in a log file. Every child is
 * registered so that a shutdown hook stops it even when the bench fails or is interrupted.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(ChildProcess::close),
                "bench-children-stop"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos;

    private ChildProcess(String name, Process process, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar> <args>} with its output (stdout and stderr) in {@code log}.
     *
     * @param env extra environment variables
     */
    public static ChildProcess start(String name, Path jar, List<String> jvmOptions, List<String> args,
                                     java.util.Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        ChildProcess child = new ChildProcess(name, process, log, started);
        LIVE.add(child);
        return child;
    }

    /** The java of the running JVM, so the children run on the same JDK as the bench. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Polls {@code url} every {@code pollMillis} until it answers 200; returns the time from this process's start
     * until then.
     *
     * @throws IllegalStateException if the process exits or the deadline passes first
     */
    public Duration awaitHttp200(String url, Duration timeout, long pollMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                HttpResponse<Void> response = PROBE.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException(name + " not ready at " + url + " within " + timeout.toSeconds() + " s; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself: its exit status, or -1 (and the process killed) after {@code limit}. */
    public int waitFor(Duration limit) throws InterruptedException {
        try {
            if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            process.destroyForcibly();
            return -1;
        } finally {
            LIVE.remove(this);
        }
    }

    /** Graceful stop (SIGTERM, so the JVM's shutdown hooks run), then SIGKILL after {@code grace}; returns the time it took. */
    public Duration stop(Duration grace) {
        long t0 = System.nanoTime();
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(this);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }
}
