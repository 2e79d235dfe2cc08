package io.modelqos.openapi.validation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.openapi.validation.ExamplePayloads.Example;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every valid example is accepted and every invalid example rejected (for the documented reason)
 * by the project's files and, when {@code threegpp.spec.dir} is set, by the official Rel-18 files.
 */
class ExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Events the AF handles; each must have a valid notification example. */
    private enum HandledEvent {
        SUCCESSFUL_RESOURCES_ALLOCATION, FAILED_RESOURCES_ALLOCATION, QOS_GUARANTEED, QOS_NOT_GUARANTEED,
        USAGE_REPORT, QOS_MONITORING, SESSION_TERMINATION
    }

    @TestFactory
    Stream<DynamicTest> validExamplesAcceptedByProjectSpec() {
        return accepted(SpecValidator.project());
    }

    @TestFactory
    Stream<DynamicTest> validExamplesAcceptedByOfficialSpec() {
        return withOfficial(ExamplesTest::accepted);
    }

    @TestFactory
    Stream<DynamicTest> invalidExamplesRejectedByProjectSpec() {
        return rejected(SpecValidator.project());
    }

    @TestFactory
    Stream<DynamicTest> invalidExamplesRejectedByOfficialSpec() {
        return withOfficial(ExamplesTest::rejected);
    }

    @Test
    void everyInvalidExampleDocumentsItsExpectedError() {
        Set<String> files = ExamplePayloads.invalid().stream().map(Example::fileName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>(expectedErrors().keySet());
        assertEquals(files, documented, "invalid/*.json and invalid/" + ExamplePayloads.EXPECTED_ERRORS_FILE + " must list the same files");
    }

    @Test
    void validNotificationExamplesCoverEveryEventTheAfHandles() throws Exception {
        Set<HandledEvent> missing = EnumSet.allOf(HandledEvent.class);
        for (Example e : ExamplePayloads.valid()) {
            if (!e.schemaName().equals("UserPlaneNotificationData")) {
                continue;
            }
            for (JsonNode report : JSON.readTree(e.json()).path("eventReports")) {
                missing.removeIf(ev -> ev.name().equals(report.path("event").asText()));
            }
        }
        assertTrue(missing.isEmpty(), "no valid notification example for " + missing);
    }

    /** The N5 events the AF follows; each must have a valid EventsNotification example. */
    private enum HandledPcfEvent {
        SUCCESSFUL_RESOURCES_ALLOCATION, FAILED_RESOURCES_ALLOCATION, QOS_NOTIF, USAGE_REPORT, QOS_MONITORING
    }

    @Test
    void validPcfNotificationExamplesCoverEveryEventTheAfFollows() throws Exception {
        Set<HandledPcfEvent> missing = EnumSet.allOf(HandledPcfEvent.class);
        for (Example e : ExamplePayloads.valid()) {
            if (!e.specFile().equals(SpecValidator.PCF_ROOT_FILE) || !e.schemaName().equals("EventsNotification")) {
                continue;
            }
            for (JsonNode n : JSON.readTree(e.json()).path("evNotifs")) {
                missing.removeIf(ev -> ev.name().equals(n.path("event").asText()));
            }
        }
        assertTrue(missing.isEmpty(), "no valid EventsNotification example for " + missing);
    }

    @Test
    void everyAfMessageHasAValidExample() {
        Set<String> schemas = new HashSet<>();
        ExamplePayloads.valid().forEach(e -> schemas.add(e.specFile() + "#" + e.schemaName()));
        for (String s : List.of(
                "TS29122_AsSessionWithQoS.yaml#AsSessionWithQoSSubscription",
                "TS29122_AsSessionWithQoS.yaml#AsSessionWithQoSSubscriptionPatch",
                "TS29122_AsSessionWithQoS.yaml#UserPlaneNotificationData",
                "TS29122_AsSessionWithQoS.yaml#ProblemDetailsAsSessionWithQos",
                "TS29122_CommonData.yaml#ProblemDetails",
                // N5
                "TS29514_Npcf_PolicyAuthorization.yaml#AppSessionContext",
                "TS29514_Npcf_PolicyAuthorization.yaml#AppSessionContextUpdateDataPatch",
                "TS29514_Npcf_PolicyAuthorization.yaml#EventsNotification",
                "TS29514_Npcf_PolicyAuthorization.yaml#TerminationInfo",
                "TS29514_Npcf_PolicyAuthorization.yaml#ExtendedProblemDetails",
                "TS29521_Nbsf_Management.yaml#PcfBinding",
                "TS29510_Nnrf_NFDiscovery.yaml#SearchResult",
                "TS29510_Nnrf_AccessToken.yaml#AccessTokenRsp",
                "TS29510_Nnrf_AccessToken.yaml#AccessTokenErr")) {
            assertTrue(schemas.contains(s), "no valid example for " + s);
        }
    }

    @Test
    void fileNamesMapToSchemas() {
        assertEquals(List.of("TS29122_AsSessionWithQoS.yaml", "UserPlaneNotificationData"),
                List.of(ExamplePayloads.schemaOf("UserPlaneNotificationData.qos-guaranteed.json")));
        assertEquals(List.of("TS29122_CommonData.yaml", "ProblemDetails"),
                List.of(ExamplePayloads.schemaOf("TS29122_CommonData.ProblemDetails.bad-request.json")));
    }

    /**
     * Known defect of the published file: rTLatencyInd of AsSessionWithQoSSubscription is parsed
     * as {type: boolean, $ref: PeriodicityInfo}. The project files follow the intent (boolean).
     */
    @Test
    void projectSpecTypesRtLatencyIndAsBoolean() {
        SpecValidator.project().validateSchema("AsSessionWithQoSSubscription", RT_LATENCY_BOOLEAN).assertValid();
        SpecValidator.project().validateSchema("AsSessionWithQoSSubscription", RT_LATENCY_PERIOD_INFO).assertInvalid();
    }

    @Test
    void officialSpecStillHasTheRtLatencyIndDefect() {
        SpecValidator official = official();
        // If this fails, the official files were fixed: drop the workaround notes (YAML header,
        // examples/README.md) and let examples use rTLatencyInd.
        official.validateSchema("AsSessionWithQoSSubscription", RT_LATENCY_BOOLEAN).assertInvalid();
    }

    private static final String RT_LATENCY_BOOLEAN =
            "{\"notificationDestination\":\"https://af.example/n\",\"rTLatencyInd\":true,\"periodInfo\":{\"periodDl\":10}}";
    private static final String RT_LATENCY_PERIOD_INFO =
            "{\"notificationDestination\":\"https://af.example/n\",\"rTLatencyInd\":{\"periodDl\":10}}";

    // ------------------------------------------------------------------------------------------

    /** The official validator; the calling test is skipped (not passed) when none is configured. */
    static SpecValidator official() {
        var dir = SpecValidator.officialSpecDir();
        assumeTrue(dir.isPresent(), "official 3GPP files not configured (-D" + SpecValidator.OFFICIAL_DIR_PROPERTY
                + "=<folder with the Rel-18 YAML files>): official check NOT RUN");
        return SpecValidator.official(dir.get());
    }

    /**
     * The tests {@code factory} makes for the official validator, or one skipped test saying
     * that the official check did not run.
     */
    static Stream<DynamicTest> withOfficial(java.util.function.Function<SpecValidator, Stream<DynamicTest>> factory) {
        if (SpecValidator.officialSpecDir().isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("official 3GPP files not configured", ExamplesTest::official));
        }
        return factory.apply(official());
    }

    private static Stream<DynamicTest> accepted(SpecValidator validator) {
        return ExamplePayloads.valid().stream().map(e -> DynamicTest.dynamicTest(
                "accepted: " + e.fileName(), () -> e.validate(validator).assertValid()));
    }

    private static Stream<DynamicTest> rejected(SpecValidator validator) {
        Map<String, String> expected = expectedErrors();
        return ExamplePayloads.invalid().stream().map(e -> DynamicTest.dynamicTest("rejected: " + e.fileName(), () -> {
            SpecValidator.Result result = e.validate(validator);
            assertFalse(result.isValid(), "accepted although invalid: " + e.fileName() + " (" + validator.label() + ")");
            String want = expected.get(e.fileName());
            if (want == null) {
                fail("no expected error documented for " + e.fileName());
            }
            String needle = want.startsWith("/") ? "[Path '" + want + "']" : want;
            String errors = String.join("\n", result.errors());
            assertTrue(errors.contains(needle), "rejected, but not for " + needle + ":\n" + result);
        }));
    }

    private static Map<String, String> expectedErrors() {
        try {
            return JSON.readValue(ExamplePayloads.read("invalid/" + ExamplePayloads.EXPECTED_ERRORS_FILE),
                    new TypeReference<Map<String, String>>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
