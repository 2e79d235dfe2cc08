package io.modelqos.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.openapi.n5.model.AccessTokenErr;
import io.modelqos.openapi.n5.model.AccessTokenRsp;
import io.modelqos.openapi.n5.model.AfEventNotification;
import io.modelqos.openapi.n5.model.AppSessionContext;
import io.modelqos.openapi.n5.model.AppSessionContextReqData;
import io.modelqos.openapi.n5.model.EventsNotification;
import io.modelqos.openapi.n5.model.ExtendedProblemDetails;
import io.modelqos.openapi.n5.model.NFProfile;
import io.modelqos.openapi.n5.model.NFType;
import io.modelqos.openapi.n5.model.PcfBinding;
import io.modelqos.openapi.n5.model.QosNotifType;
import io.modelqos.openapi.n5.model.SearchResult;
import io.modelqos.openapi.n5.model.TerminationCause;
import io.modelqos.openapi.n5.model.TerminationInfo;
import io.modelqos.openapi.t8.model.AccumulatedUsage;
import io.modelqos.openapi.t8.model.AfEvent;
import io.modelqos.openapi.t8.model.AfEventSubscription;
import io.modelqos.openapi.t8.model.AfNotifMethod;
import io.modelqos.openapi.t8.model.AlternativeServiceRequirementsData;
import io.modelqos.openapi.t8.model.EventsSubscReqData;
import io.modelqos.openapi.t8.model.MediaComponent;
import io.modelqos.openapi.t8.model.MediaSubComponent;
import io.modelqos.openapi.t8.model.PaQosMonitoringInformation;
import io.modelqos.openapi.t8.model.PaQosMonitoringReport;
import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.Snssai;
import io.modelqos.openapi.t8.model.UsageThreshold;
import io.modelqos.openapi.validation.ExamplePayloads;
import io.modelqos.openapi.validation.SpecValidator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The N5 models (io.modelqos.openapi.n5.model): they reuse the T8 classes for every type the two
 * closures share, and what the AF builds from them is what the N5 files accept.
 */
class N5GeneratedModelTest {

    private static final ObjectMapper MAPPER = T8Json.mapper();
    private static final String SESSIONS = "https://pcf.operator.example/npcf-policyauthorization/v1/app-sessions";

    /**
     * Same simple name in both packages, different schemas: TS 29.571 ProblemDetails/InvalidParam
     * (N5) against the TS 29.122 ones (T8).
     */
    private static final Set<String> SAME_NAME_OTHER_SCHEMA = Set.of("ProblemDetails", "InvalidParam");

    /** An N5 create as a trusted AF builds it: one media component, the events it follows. */
    static AppSessionContext createRequest() {
        String notifUri = "https://af.modelqos.example/af/v1/pcf-notifications/dl-1";
        return new AppSessionContext().ascReqData(new AppSessionContextReqData()
                .afAppId("modelqos-model-delivery")
                .dnn("internet")
                .sliceInfo(new Snssai().sst(1).sd("000001"))
                .ueIpv4("10.45.0.2")
                .suppFeat("0")
                .notifUri(notifUri)
                .medComponents(Map.of("1", new MediaComponent().medCompN(1)
                        .marBwDl("1.92 Gbps").mirBwDl("1.92 Gbps").marBwUl("10 Mbps").mirBwUl("10 Mbps")
                        .addAltSerReqsDataItem(new AlternativeServiceRequirementsData()
                                .altQosParamSetRef("gbr-960m").gbrDl("960 Mbps").gbrUl("5 Mbps").pdb(150).per("1E-6"))
                        .medSubComps(Map.of("1", new MediaSubComponent().fNum(1)
                                .addFDescsItem("permit out ip from 10.0.0.10 443 to 10.45.0.2")
                                .addFDescsItem("permit in ip from 10.45.0.2 to 10.0.0.10 443")))))
                .evSubsc(new EventsSubscReqData()
                        .addEventsItem(new AfEventSubscription().event(AfEvent.SUCCESSFUL_RESOURCES_ALLOCATION))
                        .addEventsItem(new AfEventSubscription().event(AfEvent.FAILED_RESOURCES_ALLOCATION))
                        .addEventsItem(new AfEventSubscription().event(AfEvent.QOS_NOTIF))
                        .addEventsItem(new AfEventSubscription().event(AfEvent.USAGE_REPORT))
                        .addEventsItem(new AfEventSubscription().event(AfEvent.QOS_MONITORING)
                                .notifMethod(AfNotifMethod.PERIODIC).repPeriod(5))
                        .notifUri(notifUri)
                        .addReqQosMonParamsItem(RequestedQosMonitoringParameter.DOWNLINK_DATA_RATE)
                        .qosMonDatRate(new PaQosMonitoringInformation().repThreshDatRateDl("1.5 Gbps"))
                        .usgThres(new UsageThreshold().duration(900).downlinkVolume(21_474_836_480L))));
    }

    @Test
    void createRequestIsValidForTheProjectFiles() throws Exception {
        String body = MAPPER.writeValueAsString(createRequest());
        SpecValidator.project(SpecValidator.PCF_ROOT_FILE).validateRequest(
                SpecValidator.HttpRequest.of("POST", SESSIONS, "application/json", body)).assertValid();
        JsonNode json = MAPPER.readTree(body);
        assertEquals("1.92 Gbps", json.at("/ascReqData/medComponents/1/marBwDl").asText());
        assertTrue(json.at("/ascReqData/evSubsc/avrgWndw").isMissingNode(), "avrgWndw was not set and must not be sent");
        assertTrue(json.at("/ascReqData/medComponents/1/codecs").isMissingNode(), "no empty lists on the wire: " + json);
    }

    @Test
    void createRequestIsValidForTheOfficialFiles() throws Exception {
        var dir = SpecValidator.officialSpecDir();
        assumeTrue(dir.isPresent(), "official 3GPP files not configured (-D" + SpecValidator.OFFICIAL_DIR_PROPERTY + "): NOT RUN");
        String body = MAPPER.writeValueAsString(createRequest());
        SpecValidator.official(dir.get(), SpecValidator.PCF_ROOT_FILE).validateRequest(
                SpecValidator.HttpRequest.of("POST", SESSIONS, "application/json", body)).assertValid();
    }

    /** The types both closures reach are the T8 classes, so the adapters share their mapping code. */
    @Test
    void sharedTypesAreTheT8Classes() throws Exception {
        assertEquals(MediaComponent.class, mapValue(AppSessionContextReqData.class, "medComponents"));
        assertEquals(EventsSubscReqData.class, AppSessionContextReqData.class.getDeclaredField("evSubsc").getType());
        assertEquals(Snssai.class, AppSessionContextReqData.class.getDeclaredField("sliceInfo").getType());
        assertEquals(AccumulatedUsage.class, EventsNotification.class.getDeclaredField("usgRep").getType());
        assertEquals(PaQosMonitoringReport.class, listElement(EventsNotification.class, "qosMonDatRateReps"));
        assertEquals(AfEvent.class, AfEventNotification.class.getDeclaredField("event").getType());
        assertEquals(io.modelqos.openapi.t8.model.AcceptableServiceInfo.class,
                ExtendedProblemDetails.class.getDeclaredField("acceptableServInfo").getType());
    }

    /** No class of the n5 package duplicates one of the t8 package (a schema mapping left out would). */
    @Test
    void theN5PackageHoldsNoCopyOfAT8Class() throws IOException {
        Set<String> t8 = classNames("io/modelqos/openapi/t8/model");
        Set<String> n5 = classNames("io/modelqos/openapi/n5/model");
        assertTrue(n5.size() > 50, "n5 models not found: " + n5);
        Set<String> both = n5.stream().filter(t8::contains).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(SAME_NAME_OTHER_SCHEMA, both, "classes in both packages");
    }

    @Test
    void notificationsAreRead() throws Exception {
        EventsNotification usage = MAPPER.readValue(example("EventsNotification.usage-report.json"), EventsNotification.class);
        assertEquals(AfEvent.USAGE_REPORT, usage.getEvNotifs().get(0).getEvent());
        assertEquals(3_700_000_000L, usage.getUsgRep().getDownlinkVolume());
        EventsNotification notGuaranteed = MAPPER.readValue(example("EventsNotification.qos-not-guaranteed.json"), EventsNotification.class);
        assertEquals(QosNotifType.NOT_GUARANTEED, notGuaranteed.getQncReports().get(0).getNotifType());
        assertEquals("gbr-960m", notGuaranteed.getQncReports().get(0).getAltSerReq());
        EventsNotification allocated = MAPPER.readValue(example("EventsNotification.successful-resources-allocation.json"), EventsNotification.class);
        assertEquals("gbr-960m", allocated.getSuccResourcAllocReports().get(0).getAltSerReq());
        TerminationInfo end = MAPPER.readValue(example("TerminationInfo.insufficient-resources.json"), TerminationInfo.class);
        assertEquals(TerminationCause.INSUFFICIENT_QOS_FLOW_RESOURCES, end.getTermCause());
    }

    @Test
    void anUnknownEventOrCauseIsReadAsTheFallback() throws Exception {
        EventsNotification n = MAPPER.readValue("{\"evSubsUri\":\"" + SESSIONS + "/1\",\"evNotifs\":[{\"event\":\"SOME_FUTURE_EVENT\"}],"
                + "\"someFutureAttribute\":1}", EventsNotification.class);
        assertEquals(AfEvent.UNKNOWN_DEFAULT_OPEN_API, n.getEvNotifs().get(0).getEvent());
        TerminationInfo t = MAPPER.readValue("{\"termCause\":\"SOME_FUTURE_CAUSE\",\"resUri\":\"" + SESSIONS + "/1\"}", TerminationInfo.class);
        assertEquals(TerminationCause.UNKNOWN_DEFAULT_OPEN_API, t.getTermCause());
    }

    @Test
    void aForbiddenAnswerCarriesTheAcceptableBandwidth() throws Exception {
        ExtendedProblemDetails p = MAPPER.readValue(example("ExtendedProblemDetails.forbidden-acceptable-bandwidth.json"), ExtendedProblemDetails.class);
        assertEquals("REQUESTED_SERVICE_NOT_AUTHORIZED", p.getCause());
        assertEquals("1.2 Gbps", p.getAcceptableServInfo().getMarBwDl());
        assertEquals("1.2 Gbps", p.getAcceptableServInfo().getAccBwMedComps().get("1").getMirBwDl());
    }

    @Test
    void bsfAndNrfAnswersAreRead() throws Exception {
        PcfBinding binding = MAPPER.readValue(ExamplePayloads.read("valid/TS29521_Nbsf_Management.PcfBinding.binding.json"), PcfBinding.class);
        assertEquals(8081, binding.getPcfIpEndPoints().get(0).getPort());
        SearchResult result = MAPPER.readValue(ExamplePayloads.read("valid/TS29510_Nnrf_NFDiscovery.SearchResult.bsf.json"), SearchResult.class);
        NFProfile bsf = result.getNfInstances().get(0);
        assertEquals(NFType.BSF, bsf.getNfType());
        assertEquals("nbsf-management", bsf.getNfServices().get(0).getServiceName().toString());
        assertEquals("/core", bsf.getNfServices().get(0).getApiPrefix());
        AccessTokenRsp token = MAPPER.readValue(ExamplePayloads.read("valid/TS29510_Nnrf_AccessToken.AccessTokenRsp.token.json"), AccessTokenRsp.class);
        assertEquals(AccessTokenRsp.TokenTypeEnum.BEARER, token.getTokenType());
        assertEquals(3600, token.getExpiresIn());
        AccessTokenErr error = MAPPER.readValue(ExamplePayloads.read("valid/TS29510_Nnrf_AccessToken.AccessTokenErr.invalid-client.json"), AccessTokenErr.class);
        assertEquals(AccessTokenErr.ErrorEnum.INVALID_CLIENT, error.getError());
    }

    @Test
    void schemaDefaultsAreNotPreset() {
        assertNull(new EventsSubscReqData().getAvrgWndw());
        assertNull(new AppSessionContextReqData().getMedComponents(), "maps stay null until set");
    }

    // ------------------------------------------------------------------------------------------

    private static String example(String name) {
        return ExamplePayloads.read("valid/TS29514_Npcf_PolicyAuthorization." + name);
    }

    private static Set<String> classNames(String packageDir) throws IOException {
        Path dir = Path.of("target/classes").resolve(packageDir);
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Class<?> listElement(Class<?> owner, String field) throws NoSuchFieldException {
        return typeArgument(owner, field, 0);
    }

    private static Class<?> mapValue(Class<?> owner, String field) throws NoSuchFieldException {
        return typeArgument(owner, field, 1);
    }

    private static Class<?> typeArgument(Class<?> owner, String field, int index) throws NoSuchFieldException {
        Type arg = ((ParameterizedType) owner.getDeclaredField(field).getGenericType()).getActualTypeArguments()[index];
        return arg instanceof Class<?> c ? c : (Class<?>) ((java.lang.reflect.AnnotatedType) arg).getType();
    }
}
