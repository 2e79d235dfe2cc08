package io.modelqos.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line around the demo; {@code io.modelqos.app.demo.DemoRunTest} runs all 21 scenarios. */
class DemoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsTheTableRowByRowAndWritesJsonToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.json");

        CommandRun run = CommandRun.of("demo", "--scenarios", "mobilenet@33ms,resnet-50@100ms", "--json", file.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(" #  Model")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("11  ResNet-50") && l.contains("rejected, offer 1.5 Gbit/s")),
                run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("21  1.0 MobileNet-224") && l.contains("fallback")),
                run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Summary: all 2 scenarios as predicted")), run.out());
        JsonNode json = JSON.readTree(Files.readString(file));
        assertEquals(2, json.get("scenarios").size());
        assertEquals("resnet-50@100ms", json.get("scenarios").get(0).get("id").asText());
        assertEquals("REJECTED", json.get("scenarios").get(0).get("answer").get("outcome").asText());
        assertEquals("mobilenet-224-int8", json.get("scenarios").get(1).get("answer").get("variantId").asText());
        assertTrue(json.get("scenarios").get(1).get("transfer").get("intact").asBoolean());
    }

    @Test
    void withoutAFileWritesOnlyJsonToStdout() throws Exception {
        CommandRun run = CommandRun.of("demo", "--scenarios", "googlenet@33ms", "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        assertTrue(json.get("allAsPredicted").asBoolean());
        assertEquals(1, json.get("scenarios").size());
    }

    @Test
    void explainsItsOptionsWithoutPicocliWarnings() {
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CommandRun run;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            run = CommandRun.of("demo", "--help");
        } finally {
            System.setErr(systemErr);
        }

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("100 % (default 2; 0 = none)"), run.out());
        assertEquals("", run.err());
        assertEquals("", warnings.toString(StandardCharsets.UTF_8), "a '%' in a description must be written '%%'");
    }

    @Test
    void aFilterThatSelectsNothingIsBadInput() {
        CommandRun run = CommandRun.of("demo", "--scenarios", "yolo");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no scenario matches 'yolo'"), run.err());
        assertEquals("", run.out());
    }
}
