package io.modelqos.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.openapi.t8.model.AlternativeServiceRequirementsData;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscriptionPatch;
import io.modelqos.openapi.t8.model.FlowInfo;
import io.modelqos.openapi.t8.model.PaQosMonitoringReport;
import io.modelqos.openapi.t8.model.PeriodicityInfo;
import io.modelqos.openapi.t8.model.QosMonitoringInformation;
import io.modelqos.openapi.t8.model.QosMonitoringReport;
import io.modelqos.openapi.t8.model.ReportingFrequency;
import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.Snssai;
import io.modelqos.openapi.t8.model.TimeWindow;
import io.modelqos.openapi.t8.model.UsageThreshold;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.modelqos.openapi.validation.ExamplePayloads;
import io.modelqos.openapi.validation.ExamplePayloads.Example;
import io.modelqos.openapi.validation.SpecValidator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.ParameterizedType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The generated T8 models, serialised with {@link T8Json}, produce what the specs accept. */
class GeneratedModelTest {

    private static final ObjectMapper MAPPER = T8Json.mapper();

    /** A GBR request as the AF builds it: 1.92 Gbps downlink through altQosReqs. */
    static AsSessionWithQoSSubscription gbrCreateRequest() {
        return new AsSessionWithQoSSubscription()
                .notificationDestination("https://af.modelqos.example/af/v1/notifications/dl-1")
                .dnn("internet")
                .snssai(new Snssai().sst(1).sd("000001"))
                .supportedFeatures("830")
                .ueIpv4Addr("10.45.0.2")
                .addFlowInfoItem(new FlowInfo().flowId(1)
                        .addFlowDescriptionsItem("permit out ip from 10.0.0.10 443 to 10.45.0.2")
                        .addFlowDescriptionsItem("permit in ip from 10.45.0.2 to 10.0.0.10 443"))
                .addAltQosReqsItem(new AlternativeServiceRequirementsData()
                        .altQosParamSetRef("gbr-1920m").gbrDl("1.92 Gbps").gbrUl("10 Mbps").pdb(100).per("1E-6"))
                .usageThreshold(new UsageThreshold().duration(900).downlinkVolume(21_474_836_480L))
                .qosDuration(900)
                .events(List.of(UserPlaneEvent.SUCCESSFUL_RESOURCES_ALLOCATION, UserPlaneEvent.FAILED_RESOURCES_ALLOCATION,
                        UserPlaneEvent.QOS_GUARANTEED, UserPlaneEvent.QOS_NOT_GUARANTEED, UserPlaneEvent.USAGE_REPORT,
                        UserPlaneEvent.QOS_MONITORING, UserPlaneEvent.SESSION_TERMINATION))
                .qosMonDatRate(new QosMonitoringInformation()
                        .addReqQosMonParamsItem(RequestedQosMonitoringParameter.DOWNLINK_DATA_RATE)
                        .addRepFreqsItem(ReportingFrequency.PERIODIC)
                        .repPeriod(5));
    }

    @Test
    void gbrRequestSerialisesWithoutEmptyArraysOrUnsetDefaults() throws Exception {
        JsonNode json = MAPPER.valueToTree(gbrCreateRequest());

        assertEquals("1.92 Gbps", json.at("/altQosReqs/0/gbrDl").asText());
        assertEquals("10 Mbps", json.at("/altQosReqs/0/gbrUl").asText());
        assertEquals("1E-6", json.at("/altQosReqs/0/per").asText());
        assertEquals(21_474_836_480L, json.at("/usageThreshold/downlinkVolume").asLong());
        assertEquals("DOWNLINK_DATA_RATE", json.at("/qosMonDatRate/reqQosMonParams/0").asText());
        assertFalse(json.has("avrgWndw"), "avrgWndw was not set and must not be sent: " + json);
        assertFalse(json.has("self"), "self is set by the NEF");
        List<String> empties = new ArrayList<>();
        collectEmptyContainersAndNulls(json, "", empties);
        assertTrue(empties.isEmpty(), "empty arrays/objects or nulls in " + empties + ": " + json);
    }

    @Test
    void averagingWindowIsSentOnlyWhenSet() {
        assertNull(new AsSessionWithQoSSubscription().getAvrgWndw(), "schema default must not be pre-set");
        assertNull(new AsSessionWithQoSSubscriptionPatch().getAvrgWndw(), "schema default must not be pre-set");
        JsonNode json = MAPPER.valueToTree(gbrCreateRequest().avrgWndw(2000));
        assertEquals(2000, json.path("avrgWndw").asInt());
    }

    @Test
    void gbrRequestIsValidForProjectSpec() throws Exception {
        String body = MAPPER.writeValueAsString(gbrCreateRequest());
        SpecValidator.project().validateSchema("AsSessionWithQoSSubscription", body).assertValid();
        SpecValidator.project().validateRequest(SpecValidator.HttpRequest.of("POST",
                "/3gpp-as-session-with-qos/v1/modelqos-af/subscriptions", "application/json", body)).assertValid();
    }

    @Test
    void gbrRequestIsValidForOfficialSpec() throws Exception {
        var dir = SpecValidator.officialSpecDir();
        assumeTrue(dir.isPresent(), "official 3GPP files not configured (-D" + SpecValidator.OFFICIAL_DIR_PROPERTY + "): NOT RUN");
        String body = MAPPER.writeValueAsString(gbrCreateRequest());
        SpecValidator.official(dir.get()).validateSchema("AsSessionWithQoSSubscription", body).assertValid();
    }

    @Test
    void notificationWithUnknownEventAndAttributeIsRead() throws Exception {
        String json = "{\"transaction\":\"https://nef.example/3gpp-as-session-with-qos/v1/af/subscriptions/1\","
                + "\"eventReports\":[{\"event\":\"SOME_FUTURE_EVENT\",\"someFutureAttribute\":{\"x\":1}},"
                + "{\"event\":\"QOS_MONITORING\",\"qosMonDatRateReps\":[{\"dlDataRate\":\"1.87 Gbps\",\"flows\":[{\"medCompN\":1}]}]}],"
                + "\"someFutureTopLevel\":true}";
        UserPlaneNotificationData n = MAPPER.readValue(json, UserPlaneNotificationData.class);
        assertEquals(UserPlaneEvent.UNKNOWN_DEFAULT_OPEN_API, n.getEventReports().get(0).getEvent());
        UserPlaneEventReport monitoring = n.getEventReports().get(1);
        assertEquals(UserPlaneEvent.QOS_MONITORING, monitoring.getEvent());
        assertEquals("1.87 Gbps", monitoring.getQosMonDatRateReps().get(0).getDlDataRate());
        assertEquals(1, monitoring.getQosMonDatRateReps().get(0).getFlows().get(0).getMedCompN());
    }

    @Test
    void userPlaneEventHasTheSeventeenStandardValuesAndAFallback() {
        List<String> values = Arrays.stream(UserPlaneEvent.values()).map(UserPlaneEvent::toString).toList();
        assertEquals(List.of("SESSION_TERMINATION", "LOSS_OF_BEARER", "RECOVERY_OF_BEARER", "RELEASE_OF_BEARER",
                "USAGE_REPORT", "FAILED_RESOURCES_ALLOCATION", "QOS_GUARANTEED", "QOS_NOT_GUARANTEED", "QOS_MONITORING",
                "SUCCESSFUL_RESOURCES_ALLOCATION", "ACCESS_TYPE_CHANGE", "PLMN_CHG", "L4S_NOT_AVAILABLE", "L4S_AVAILABLE",
                "BAT_OFFSET_INFO", "RT_DELAY_TWO_QOS_FLOWS", "PACK_DELAY_VAR", "unknown_default_open_api"), values);
        assertEquals(UserPlaneEvent.L4S_AVAILABLE, UserPlaneEvent.fromValue("L4S_AVAILABLE"));
    }

    /** The two QosMonitoringReport schemas must not be swapped by the generator's renaming. */
    @Test
    void qosMonitoringReportClassesMatchTheirSchemas() throws Exception {
        // TS 29.514 QosMonitoringReport: flows + lists of delays; TS 29.122 one: aggregated rates.
        assertEquals(List.class, PaQosMonitoringReport.class.getDeclaredField("flows").getType());
        assertEquals(String.class, QosMonitoringReport.class.getDeclaredField("ulAggrDataRate").getType());
        assertEquals(PaQosMonitoringReport.class, listElement(UserPlaneEventReport.class, "qosMonDatRateReps"));
        assertEquals(PaQosMonitoringReport.class, listElement(UserPlaneEventReport.class, "aggrDataRateRpts"));
        assertEquals(QosMonitoringReport.class, listElement(UserPlaneEventReport.class, "qosMonReports"));
        assertEquals(QosMonitoringReport.class, listElement(UserPlaneEventReport.class, "rttMonReports"));
        // Published defect corrected in the project file: rTLatencyInd boolean, periodInfo present.
        assertEquals(Boolean.class, AsSessionWithQoSSubscription.class.getDeclaredField("rTLatencyInd").getType());
        assertEquals(PeriodicityInfo.class, AsSessionWithQoSSubscription.class.getDeclaredField("periodInfo").getType());
    }

    @Test
    void datesAreWrittenAsIsoStrings() {
        TimeWindow window = new TimeWindow()
                .startTime(OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC))
                .stopTime(OffsetDateTime.of(2026, 3, 1, 12, 15, 0, 0, ZoneOffset.ofHours(1)));
        JsonNode json = MAPPER.valueToTree(window);
        assertEquals("2026-03-01T12:00:00Z", json.path("startTime").asText());
        assertEquals("2026-03-01T12:15:00+01:00", json.path("stopTime").asText());
    }

    /**
     * Every valid example is read into its generated model and written back unchanged, i.e. the
     * models carry every attribute the examples use (except the example of a future event value,
     * which is read as UNKNOWN_DEFAULT_OPEN_API by design, and TestNotification, which is not
     * referenced by the API and therefore has no generated model).
     */
    @TestFactory
    Stream<DynamicTest> validExamplesRoundTripThroughTheModels() {
        return ExamplePayloads.valid().stream()
                .filter(e -> !e.fileName().contains("future"))
                .filter(e -> !e.schemaName().equals("TestNotification")) // validation only, no model
                .map(e -> DynamicTest.dynamicTest(e.fileName(), () -> {
                    Class<?> type = modelClass(e);
                    JsonNode original = MAPPER.readTree(e.json());
                    Object model = MAPPER.treeToValue(original, type);
                    JsonNode written = MAPPER.valueToTree(model);
                    JsonNode expected = withoutNullMembers(original);
                    assertTrue(expected.equals(NUMBERS_BY_VALUE, written),
                            "round trip of " + e.fileName() + "\nexpected: " + expected + "\nwritten:  " + written);
                }));
    }

    // ------------------------------------------------------------------------------------------

    /** The N5 API files' schemas are in the n5 package unless the T8 closure already had them. */
    private static final java.util.Set<String> N5_FILES = java.util.Set.of(SpecValidator.PCF_ROOT_FILE,
            SpecValidator.BSF_ROOT_FILE, SpecValidator.NRF_DISCOVERY_ROOT_FILE, SpecValidator.NRF_TOKEN_ROOT_FILE);

    /** The CAPIF files' schemas are in the capif package (TS 29.122 common types stay T8 classes). */
    private static final java.util.Set<String> CAPIF_FILES = java.util.Set.of(SpecValidator.CAPIF_INVOKER_ROOT_FILE,
            SpecValidator.CAPIF_DISCOVER_ROOT_FILE, SpecValidator.CAPIF_SECURITY_ROOT_FILE);

    private static Class<?> modelClass(Example e) throws ClassNotFoundException {
        if (CAPIF_FILES.contains(e.specFile())) {
            return Class.forName("io.modelqos.openapi.capif.model." + e.schemaName());
        }
        if (N5_FILES.contains(e.specFile())) {
            try {
                return Class.forName("io.modelqos.openapi.n5.model." + e.schemaName());
            } catch (ClassNotFoundException notN5) {
                // a type the N5 models share with the T8 ones
            }
        }
        return Class.forName("io.modelqos.openapi.t8.model." + e.schemaName());
    }

    /** 5163520 read from text is an int, written from a Long field a long: same JSON number. */
    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static Class<?> listElement(Class<?> owner, String field) throws NoSuchFieldException {
        var type = (ParameterizedType) owner.getDeclaredField(field).getGenericType();
        var arg = type.getActualTypeArguments()[0];
        return arg instanceof Class<?> c ? c : (Class<?>) ((java.lang.reflect.AnnotatedType) arg).getType();
    }

    private static void collectEmptyContainersAndNulls(JsonNode node, String path, List<String> out) {
        if (node.isNull()) {
            out.add(path + " (null)");
        } else if (node.isContainerNode() && node.isEmpty()) {
            out.add(path + " (empty)");
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectEmptyContainersAndNulls(node.get(i), path + "/" + i, out);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                collectEmptyContainersAndNulls(f.getValue(), path + "/" + f.getKey(), out);
            }
        }
    }

    /** Merge-patch nulls cannot be carried by the models (documented in T8Json). */
    private static JsonNode withoutNullMembers(JsonNode node) {
        JsonNode copy = node.deepCopy();
        if (copy.isObject()) {
            var obj = (com.fasterxml.jackson.databind.node.ObjectNode) copy;
            List<String> nulls = new ArrayList<>();
            obj.properties().forEach(f -> {
                if (f.getValue().isNull()) {
                    nulls.add(f.getKey());
                }
            });
            obj.remove(nulls);
            obj.properties().forEach(f -> f.setValue(withoutNullMembers(f.getValue())));
        } else if (copy.isArray()) {
            var arr = (com.fasterxml.jackson.databind.node.ArrayNode) copy;
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, withoutNullMembers(arr.get(i)));
            }
        }
        return copy;
    }
}
