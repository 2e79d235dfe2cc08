package io.modelqos.app;

import io.modelqos.client.ModelQosClient;
import io.modelqos.client.Subscription;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code modelqos cds-archive}: writes a class-data-sharing archive (JDK AppCDS, {@code -XX:SharedArchiveFile})
 * for this jar, so that later JVMs map the AF's classes already parsed and verified instead of loading them
 * from the jar: about a second less before an AF answers, which is what a restart with many live deliveries
 * waits for.
 *
 * <p>The archive must hold the classes {@code serve} really uses, so it is recorded from a training run: a child
 * JVM started with {@code -XX:ArchiveClassesAtExit} runs {@code serve} (embedded NEF emulator, MVStore in a
 * temporary directory), this process drives one delivery through it with the SDK (create, event stream, read,
 * list, cancel), then stops it with SIGTERM; the JVM writes the archive as it exits. An archive is only valid
 * for the jar and the JDK it was made with; a JVM given a stale one warns and starts without it.
 */
@Command(name = "cds-archive", mixinStandardHelpOptions = true,
        description = {"Writes a class-data-sharing archive for this jar (JDK AppCDS) from a training run of 'serve',",
                "so that 'java -XX:SharedArchiveFile=FILE -jar modelqos.jar serve' starts about a second sooner.",
                "The ./modelqos launcher makes one per build before the first 'serve' and uses it for every command."})
final class CdsArchiveCommand implements Callable<Integer> {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--output", paramLabel = "FILE",
            description = "the archive to write (default: modelqos.jsa beside the jar)")
    private Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path jar = runningJar();
        if (jar == null) {
            err.println("modelqos cds-archive: not running from modelqos.jar (run it as 'java -jar modelqos.jar cds-archive')");
            return 1;
        }
        Path target = (output != null ? output : jar.resolveSibling("modelqos.jsa")).toAbsolutePath();
        Path work = Files.createTempDirectory("modelqos-cds-");
        long started = System.nanoTime();
        try {
            // The JVM writes the archive itself at exit; written under a temporary name and moved into place,
            // so that a JVM starting meanwhile never maps a half-written file.
            Path partial = work.resolve("modelqos.jsa");
            int port = freePort();
            Process child = startTrainingServer(jar, partial, work, port);
            try {
                train(URI.create("http://127.0.0.1:" + port));
            } finally {
                child.destroy();   // SIGTERM: a graceful stop, and the archive is dumped as the JVM exits
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
            if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
                err.println("modelqos cds-archive: the training JVM wrote no archive (its log: " + work.resolve("serve.log") + ")");
                return 1;
            }
            Files.createDirectories(target.getParent());
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("class-data archive: %s (%d MiB, %.1f s); use it with: java -XX:SharedArchiveFile=%s -jar %s serve%n",
                    target, Files.size(target) >> 20, (System.nanoTime() - started) / 1e9, target, jar);
            out.flush();
            deleteTree(work);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("modelqos cds-archive: " + e.getMessage() + " (training files in " + work + ")");
            return 1;
        }
    }

    private static Process startTrainingServer(Path jar, Path archive, Path work, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", jar.toString(),
                "serve", "--host", "127.0.0.1", "--port", Integer.toString(port), "--data-dir", work.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("serve.log").toFile());
        // The training must not pick up the caller's deployment settings (its NEF, its database, its keys).
        builder.environment().keySet().removeIf(name -> name.startsWith("MODELQOS_"));
        builder.environment().put("MODELQOS_STORE_KIND", "mvstore");
        return builder.start();
    }

    /** One delivery through every route a serving AF uses at once: create, SSE, read, list, cancel. */
    private static void train(URI base) throws Exception {
        awaitReady(base);
        ModelQosClient client = ModelQosClient.builder().baseUri(base).timeout(Duration.ofSeconds(10)).build();
        Delivery created = client.deliveries().create(DeliveryRequest.builder()
                .ue(UeId.ipv4("10.60.0.1"))
                .server(ModelServer.ipv4("192.0.2.10", 443))
                .model(ModelCatalog.MOBILENET_224)
                .latencyBudget(Duration.ofSeconds(1))
                .build());
        try (Subscription events = client.deliveries().events(created.deliveryId(), event -> { })) {
            client.deliveries().get(created.deliveryId());
            client.deliveries().list(io.modelqos.client.DeliveryFilter.all()).forEach(d -> { });
            client.deliveries().cancel(created.deliveryId());
            events.completion().get(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitReady(URI base) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) base.resolve("/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("the training AF was not ready within " + READY_TIMEOUT.toSeconds() + " s");
    }

    private static Path runningJar() {
        try {
            Path location = Path.of(CdsArchiveCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location.toAbsolutePath() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
