package io.modelqos.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.openapi.capif.model.APIInvokerEnrolmentDetails;
import io.modelqos.openapi.capif.model.AccessTokenErr;
import io.modelqos.openapi.capif.model.AccessTokenRsp;
import io.modelqos.openapi.capif.model.AefProfile;
import io.modelqos.openapi.capif.model.DiscoveredAPIs;
import io.modelqos.openapi.capif.model.InterfaceDescription;
import io.modelqos.openapi.capif.model.OnboardingInformation;
import io.modelqos.openapi.capif.model.Protocol;
import io.modelqos.openapi.capif.model.SecurityInformation;
import io.modelqos.openapi.capif.model.SecurityMethod;
import io.modelqos.openapi.capif.model.ServiceAPIDescription;
import io.modelqos.openapi.capif.model.ServiceSecurity;
import io.modelqos.openapi.capif.model.Version;
import io.modelqos.openapi.validation.ExamplePayloads;
import io.modelqos.openapi.validation.SpecValidator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CAPIF models (io.modelqos.openapi.capif.model): what the AF sends is what the CAPIF files
 * accept, what a CAPIF core function answers is read, and the common types are the T8/N5 classes.
 */
class CapifGeneratedModelTest {

    private static final ObjectMapper MAPPER = T8Json.mapper();
    private static final String NOTIFICATIONS = "https://af.modelqos.example/af/v1/capif-notifications";

    static APIInvokerEnrolmentDetails onboardingRequest() {
        return new APIInvokerEnrolmentDetails()
                .onboardingInformation(new OnboardingInformation().apiInvokerPublicKey(
                        "-----BEGIN CERTIFICATE REQUEST-----\nMIIBDzCBtgIBADAWMRQwEgYDVQQDDAttb2RlbHFvcy1hZg==\n-----END CERTIFICATE REQUEST-----\n"))
                .notificationDestination(NOTIFICATIONS)
                .apiInvokerInformation("ModelQoS AF")
                .supportedFeatures("0");
    }

    static ServiceSecurity trustRequest() {
        return new ServiceSecurity()
                .addSecurityInfoItem(new SecurityInformation().aefId("AEF-1").apiId("as-session-with-qos")
                        .addPrefSecurityMethodsItem(SecurityMethod.OAUTH).addPrefSecurityMethodsItem(SecurityMethod.PKI))
                .notificationDestination(NOTIFICATIONS);
    }

    @Test
    void requestsAreValidForTheProjectFiles() throws Exception {
        SpecValidator.project().validateSchema(SpecValidator.CAPIF_INVOKER_ROOT_FILE, "APIInvokerEnrolmentDetails",
                MAPPER.writeValueAsString(onboardingRequest())).assertValid();
        SpecValidator.project().validateSchema(SpecValidator.CAPIF_SECURITY_ROOT_FILE, "ServiceSecurity",
                MAPPER.writeValueAsString(trustRequest())).assertValid();
        JsonNode onboarding = MAPPER.readTree(MAPPER.writeValueAsString(onboardingRequest()));
        assertTrue(onboarding.path("apiInvokerId").isMissingNode(), "no invoker id in an onboarding request");
        assertTrue(onboarding.path("requestTestNotification").isMissingNode(), "nothing unset is sent: " + onboarding);
    }

    @Test
    void requestsAreValidForTheOfficialFiles() throws Exception {
        var dir = SpecValidator.officialSpecDir();
        assumeTrue(dir.isPresent(), "official 3GPP files not configured (-D" + SpecValidator.OFFICIAL_DIR_PROPERTY + "): NOT RUN");
        SpecValidator official = SpecValidator.official(dir.get());
        official.validateSchema(SpecValidator.CAPIF_INVOKER_ROOT_FILE, "APIInvokerEnrolmentDetails",
                MAPPER.writeValueAsString(onboardingRequest())).assertValid();
        official.validateSchema(SpecValidator.CAPIF_SECURITY_ROOT_FILE, "ServiceSecurity",
                MAPPER.writeValueAsString(trustRequest())).assertValid();
    }

    @Test
    void answersOfACapifCoreFunctionAreRead() throws Exception {
        APIInvokerEnrolmentDetails onboarded = MAPPER.readValue(example("TS29222_CAPIF_API_Invoker_Management_API.APIInvokerEnrolmentDetails.onboarded-201.json"),
                APIInvokerEnrolmentDetails.class);
        assertEquals("INV7f3c2a9e41d84c0b", onboarded.getApiInvokerId());
        assertTrue(onboarded.getOnboardingInformation().getApiInvokerCertificate().startsWith("-----BEGIN CERTIFICATE-----"));

        DiscoveredAPIs discovered = MAPPER.readValue(example("TS29222_CAPIF_Discover_Service_API.DiscoveredAPIs.as-session-with-qos.json"), DiscoveredAPIs.class);
        ServiceAPIDescription api = discovered.getServiceAPIDescriptions().get(0);
        assertEquals("3gpp-as-session-with-qos", api.getApiName());
        AefProfile aef = api.getAefProfiles().get(0);
        assertEquals(Protocol.HTTP_1_1, aef.getProtocol());
        assertEquals(java.util.List.of(SecurityMethod.OAUTH, SecurityMethod.PKI), aef.getSecurityMethods());
        Version v1 = aef.getVersions().get(0);
        assertEquals("v1", v1.getApiVersion());
        assertEquals("/{scsAsId}/subscriptions", v1.getResources().get(0).getUri());
        InterfaceDescription where = aef.getInterfaceDescriptions().get(0);
        assertEquals("127.0.0.1", where.getIpv4Addr());
        assertEquals(8443, where.getPort());

        ServiceSecurity trusted = MAPPER.readValue(example("TS29222_CAPIF_Security_API.ServiceSecurity.trusted-201.json"), ServiceSecurity.class);
        assertEquals(SecurityMethod.OAUTH, trusted.getSecurityInfo().get(0).getSelSecurityMethod());
        AccessTokenRsp token = MAPPER.readValue(example("TS29222_CAPIF_Security_API.AccessTokenRsp.token.json"), AccessTokenRsp.class);
        assertEquals(AccessTokenRsp.TokenTypeEnum.BEARER, token.getTokenType());
        assertEquals(3600, token.getExpiresIn());
        AccessTokenErr error = MAPPER.readValue(example("TS29222_CAPIF_Security_API.AccessTokenErr.invalid-scope.json"), AccessTokenErr.class);
        assertEquals(AccessTokenErr.ErrorEnum.INVALID_SCOPE, error.getError());
    }

    @Test
    void anUnknownSecurityMethodOrProtocolIsReadAsTheFallback() throws Exception {
        AefProfile aef = MAPPER.readValue("{\"aefId\":\"a\",\"versions\":[{\"apiVersion\":\"v1\"}],\"protocol\":\"HTTP_3\","
                + "\"securityMethods\":[\"SOME_FUTURE_METHOD\"],\"domainName\":\"nef.example\",\"someFutureAttribute\":1}", AefProfile.class);
        assertEquals(Protocol.UNKNOWN_DEFAULT_OPEN_API, aef.getProtocol());
        assertEquals(SecurityMethod.UNKNOWN_DEFAULT_OPEN_API, aef.getSecurityMethods().get(0));
    }

    /** The TS 29.122 common types are the T8 classes; no class duplicates a T8 or N5 one. */
    @Test
    void commonTypesAreTheT8AndN5Classes() throws Exception {
        assertEquals(io.modelqos.openapi.t8.model.WebsockNotifConfig.class,
                APIInvokerEnrolmentDetails.class.getDeclaredField("websockNotifConfig").getType());
        Set<String> capif = classNames("io/modelqos/openapi/capif/model");
        assertTrue(capif.containsAll(Set.of("APIInvokerEnrolmentDetails", "DiscoveredAPIs", "ServiceSecurity", "AccessTokenRsp")), "capif models: " + capif);
        Set<String> elsewhere = new TreeSet<>(classNames("io/modelqos/openapi/t8/model"));
        elsewhere.addAll(classNames("io/modelqos/openapi/n5/model"));
        Set<String> both = capif.stream().filter(elsewhere::contains).collect(Collectors.toCollection(TreeSet::new));
        // CAPIF's own OAuth 2.0 messages (TS 29.222), not the NRF's (TS 29.510) of the same name.
        assertEquals(Set.of("AccessTokenErr", "AccessTokenRsp"), both, "classes in two packages");
    }

    @Test
    void listsStayNullUntilSet() {
        assertNull(new AefProfile().getSecurityMethods());
        assertNull(new ServiceSecurity().getSecurityInfo());
    }

    private static String example(String name) {
        return ExamplePayloads.read("valid/" + name);
    }

    private static Set<String> classNames(String packageDir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target/classes").resolve(packageDir))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
