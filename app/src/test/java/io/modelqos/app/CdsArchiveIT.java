package io.modelqos.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code modelqos cds-archive} on the packaged jar: it writes an archive that a JVM can map. {@code -Xshare:on}
 * makes the JVM refuse to start when the archive cannot be used, so a start that succeeds proves it valid.
 */
class CdsArchiveIT {
    @TempDir
    Path dir;

    @Test
    void writesAnArchiveThatTheJvmMaps() throws Exception {
        Path jar = Path.of(System.getProperty("modelqos.jar", "target/modelqos.jar"));
        assertTrue(Files.isRegularFile(jar), "no packaged jar at " + jar);
        Path archive = dir.resolve("nested/app.jsa");

        Result made = java(List.of("-jar", jar.toString(), "cds-archive", "--output", archive.toString()));
        assertEquals(0, made.exit(), made.output());
        assertTrue(made.output().contains("class-data archive: " + archive.toAbsolutePath()), made.output());
        assertTrue(Files.size(archive) > 1_000_000, "archive of " + Files.size(archive) + " bytes");
        try (var left = Files.list(archive.getParent())) {
            assertEquals(List.of(archive), left.toList(), "only the archive is left beside it");
        }

        Result used = java(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:class+load=info",
                "-jar", jar.toString(), "plan", "--model", "resnet-50", "--latency", "100ms"));
        assertEquals(0, used.exit(), used.output());
        // The AF's own classes come from the archive, not from the jar.
        assertTrue(used.output().contains("io.modelqos.af.qos.QosPlanner source: shared objects file (top)"),
                used.output().lines().filter(l -> l.contains("io.modelqos")).limit(5).toList().toString());
    }

    private record Result(int exit, String output) {
    }

    private Result java(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Path log = Files.createTempFile(dir, "java-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
