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
    void overN5TheSameScenariosComeOutAsPredicted() throws Exception {
        CommandRun run = CommandRun.of("demo", "--southbound", "pcf", "--scenarios",
                "mobilenet@33ms,resnet-50@100ms,googlenet@1s", "--json");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        JsonNode json = JSON.readTree(run.out());
        assertEquals("pcf", json.get("southbound").asText());
        assertTrue(json.get("allAsPredicted").asBoolean(), run.out());
        // In the table's order: GoogleNet in 1 s granted, ResNet-50 in 100 ms refused, MobileNet in 33 ms as INT8.
        assertEquals("GRANTED", json.get("scenarios").get(0).get("answer").get("outcome").asText());
        assertEquals("REJECTED", json.get("scenarios").get(1).get("answer").get("outcome").asText());
        assertEquals("mobilenet-224-int8", json.get("scenarios").get(2).get("answer").get("variantId").asText());
    }

    @Test
    void aSouthboundOtherThanNefOrPcfIsRefused() {
        CommandRun run = CommandRun.of("demo", "--southbound", "smf");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("--southbound must be nef or pcf"), run.err());
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

    @Test
    void withUiKeepsTheAfUpAndPrintsAWorkingDashboardUrlUntilStopped() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine commandLine = ModelQosCommand.commandLine();
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        int[] exitCode = {-1};
        Thread demo = new Thread(() -> exitCode[0] = commandLine.execute("demo", "--scenarios", "googlenet@33ms", "--ui"),
                "demo-under-test");
        demo.start();
        try {
            java.util.regex.Pattern dashboard = java.util.regex.Pattern.compile("Dashboard: (http://\\S+/ui/)");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            java.util.regex.Matcher url = dashboard.matcher(out.toString());
            while (!url.find()) {
                assertTrue(demo.isAlive() && System.nanoTime() < deadline, "no dashboard URL: " + out + err);
                Thread.sleep(100);
                url = dashboard.matcher(out.toString());
            }
            assertTrue(out.toString().contains("Summary: all 1 scenarios as predicted"), out.toString());

            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI page = java.net.URI.create(url.group(1));
            var html = http.send(java.net.http.HttpRequest.newBuilder(page).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, html.statusCode());
            assertTrue(html.body().contains("<title>ModelQoS deliveries</title>"), html.body());
            // What the dashboard reads: the scenario's delivery (beside the run's warm-up), still listed after the run.
            var list = http.send(java.net.http.HttpRequest.newBuilder(page.resolve("/model-delivery/v1/deliveries"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode());
            assertTrue(JSON.readTree(list.body()).get("items").findValuesAsText("name").contains("googlenet"),
                    list.body());
        } finally {
            demo.interrupt();   // what Ctrl-C's hook does: release the wait
            demo.join(30_000);
        }
        assertEquals(0, exitCode[0], out.toString() + err);
    }
}
