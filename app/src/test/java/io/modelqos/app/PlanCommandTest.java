package io.modelqos.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsThePlanReadably() {
        CommandRun run = CommandRun.of("plan", "--model", "resnet-50", "--precision", "int8", "--latency", "100ms");

        assertEquals(0, run.exitCode(), run.err());
        assertContainsAll(run.out(),
                "ResNet-50 (resnet-50)",
                "  Payload rate     2 Gbps (25 MB x 8 / 100 ms)",
                "  Requested GBR    2.076 Gbps (payload rate x 1.037873 transport overhead)",
                "qosReference mq-gbr-5G-ll: 5QI 131, GBR DL 5 Gbps, GBR UL 100 Mbps, PDB 3 ms, PER 1E-6",
                "Averaging window   100 ms",
                "PDB <= 10 ms",
                "PER <= 1E-6",
                "Usage threshold    29,036,248 bytes",
                "Start window       1000 ms",
                "qosDuration        3 s");
        assertEquals("", run.err());
    }

    @Test
    void listsAlternativesWithTheVariantEachWouldCarry() {
        CommandRun run = CommandRun.of("plan", "--model", "resnet-50", "--latency", "1s");

        assertEquals(0, run.exitCode(), run.err());
        assertContainsAll(run.out(),
                "Primary            resnet-50-fp32 (FP32, 100 MB)",
                "qosReference mq-gbr-1G",
                "Alternatives       altQoSReferences, in order",
                "1. resnet-50-int8 (INT8, 25 MB)",
                "mq-gbr-500M: 5QI 130");
    }

    @Test
    void printsThePlanAsJson() throws Exception {
        CommandRun run = CommandRun.of("plan", "--model", "resnet-50", "--precision", "int8", "--latency", "100ms",
                "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        assertEquals("PLANNED", json.path("outcome").asText());
        assertEquals(100, json.path("request").path("latencyBudgetMs").asInt());
        JsonNode plan = json.path("plan");
        assertEquals("QOS_REFERENCE", plan.path("mode").asText());
        assertEquals("mq-gbr-5G-ll", plan.path("primary").path("ref").asText());
        assertEquals("resnet-50-int8", plan.path("primary").path("variant").path("id").asText());
        assertEquals("2 Gbps", plan.path("primary").path("payloadRate").asText());
        assertEquals("2.076 Gbps", plan.path("primary").path("requestedGbrDl").asText());
        assertEquals(1.037873, plan.path("primary").path("transportOverheadFactor").asDouble());
        assertEquals(131, plan.path("primary").path("qosReference").path("fiveQi").asInt());
        assertEquals(100, plan.path("avrgWndw").asInt());
        assertEquals("1E-6", plan.path("maxPer").asText());
        assertEquals(29_036_248L, plan.path("usageThreshold").path("totalVolume").asLong());
        assertEquals(1000, plan.path("startWindowMs").asInt(), "the AF's default start window");
        assertEquals(3, plan.path("qosDuration").asInt(), "1 s start window + 100 ms + 1 s margin, rounded up");
        assertEquals(0, plan.path("alternatives").size());
    }

    @Test
    void theStartWindowIsPartOfTheQosDuration() throws Exception {
        JsonNode plan = JSON.readTree(CommandRun.of("plan", "--model", "resnet-50", "--latency", "1s",
                "--start-window", "2500ms", "--json").out()).path("plan");
        assertEquals(2500, plan.path("startWindowMs").asInt());
        assertEquals(5, plan.path("qosDuration").asInt());
        assertEquals(2, JSON.readTree(CommandRun.of("plan", "--model", "resnet-50", "--latency", "1s",
                "--start-window", "0ms", "--json").out()).path("plan").path("qosDuration").asInt(), "0: no start window");
    }

    @Test
    void printsIndividualParametersWhenTheNefSupportsThem() throws Exception {
        CommandRun run = CommandRun.of("plan", "--model", "resnet-50", "--latency", "1s", "--features", "830",
                "--json");

        JsonNode plan = JSON.readTree(run.out()).path("plan");
        assertEquals("INDIVIDUAL_PARAMETERS", plan.path("mode").asText());
        assertEquals("resnet-50-fp32@830.299Mbps", plan.path("primary").path("ref").asText());
        assertTrue(plan.path("primary").path("qosReference").isNull());
        assertEquals("resnet-50-int8@207.575Mbps", plan.path("alternatives").path(0).path("ref").asText());
        assertEquals(100, plan.path("primary").path("pdb").asInt());
    }

    @Test
    void reportsTheBestOfferWhenNothingFitsWithExitCodeOne() throws Exception {
        CommandRun text = CommandRun.of("plan", "--model", "vgg16", "--precision", "fp32", "--latency", "33ms");
        CommandRun json = CommandRun.of("plan", "--model", "vgg16", "--precision", "fp32", "--latency", "33ms", "--json");

        assertEquals(1, text.exitCode());
        assertContainsAll(text.out(), "Nothing fits", "Best offer         40 Gbps: vgg16-fp32 (FP32, 552 MB) would need a "
                + "latency budget of 115 ms");
        JsonNode nothing = JSON.readTree(json.out()).path("nothingFits");
        assertEquals("40 Gbps", nothing.path("bestOfferDl").asText());
        assertEquals(115, nothing.path("budgetNeededAtOfferMs").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--latency 10xs                         | '10xs' is not a duration",
            "--latency 100                          | '100' is not a duration",
            "--latency 100ms --bogus                | Unknown option: '--bogus'",
            "--latency 100ms --precision fp16       | --precision",
            "--latency 100ms --availability 1.5     | Invalid value for option '--availability': availability must be within (0, 1)",
            "--latency 100ms --availability abc     | --availability",
            "--latency 100ms --setup-allowance 100ms | Invalid value for option '--setup-allowance'",
            "--latency 100ms --max-latency 50ms     | Invalid value for option '--max-latency'",
            "--latency 100ms --features xyz         | invalid SupportedFeatures 'xyz'",
            "--precision int8                       | Missing required option: '--latency=DURATION'"})
    void rejectsABadFlagWithAClearMessageAndExitCodeTwo(String flags, String message) {
        String[] args = ("plan --model resnet-50 " + flags).trim().split("\\s+");

        CommandRun run = CommandRun.of(args);

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(message), run.err());
        assertTrue(run.err().contains("Try 'modelqos plan --help'"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void rejectsAnUnknownModelNamingTheKnownOnes() {
        CommandRun run = CommandRun.of("plan", "--model", "lenet", "--latency", "1s");

        assertEquals(2, run.exitCode());
        assertContainsAll(run.err(), "Unknown model 'lenet'", "resnet-50", "mobilenet-224");
    }

    private static void assertContainsAll(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "missing \"" + part + "\" in:\n" + text);
        }
    }
}
