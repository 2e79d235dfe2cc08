package io.modelqos.e2e;

import io.modelqos.af.capif.CapifException;
import io.modelqos.af.security.DevCertificates;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.nef.emulator.EmulatorOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.modelqos.e2e.AfThroughCapif.resnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CapifOnTheEmulatorTest} over real TLS: the emulator serves CAPIF and the NEF over https with a server
 * certificate of a test CA, which the AF trusts through {@code capif.trustFile}; the NEF serves a CAPIF token only to
 * the invoker presenting the certificate CAPIF issued it (else 403). The AF onboards, discovers an https NEF and
 * completes a delivery, so its T8 calls carried its invoker certificate; a restart presents the kept one, and after a
 * revocation the new one. An AF that does not trust the emulator's CA does not onboard, and its start says why.
 */
class CapifOverTlsOnTheEmulatorTest extends CapifEmulatorTestBase {
    @TempDir
    static Path pki;
    private static Path trustFile;

    @BeforeAll
    static void startTlsEmulator() throws Exception {
        DevCertificates.Issued ca = DevCertificates.ca("e2e operator CA", Duration.ofDays(1));
        DevCertificates.Issued server = DevCertificates.server(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"),
                Duration.ofDays(1));
        trustFile = Files.writeString(pki.resolve("ca.crt"), ca.certificatePem());
        EmulatorOptions options = AfUnderTest.emulatorOptions();
        options.getTls().setCertFile(Files.writeString(pki.resolve("server.crt"), server.certificatePem()).toString())
                .setKeyFile(Files.writeString(pki.resolve("server.key"), DevCertificates.privateKeyPem(server.key())).toString());
        startEmulator(options);
    }

    private void startAf() throws Exception {
        startAf(Map.of("capif.trustFile", trustFile.toString()));
    }

    @Test
    void theAfOnboardsOverHttpsDiscoversAnHttpsNefAndItsT8CallsCarryItsInvokerCertificate() throws Exception {
        assertTrue(emulator.capifRoot().startsWith("https://127.0.0.1:"), emulator.capifRoot());
        startAf();
        String invoker = af.capif.credentials().apiInvokerId();
        assertEquals(1, onboardings());
        assertTrue(emulator.onboardedInvokerIds().contains(invoker));
        assertEquals(emulator.apiRoot(), af.capif.aef().apiRoot(), "the NEF's https apiRoot came from discovery");

        Delivery created = af.client.deliveries().create(resnet("10.46.1.1"));
        assertEquals(DeliveryState.QOS_GRANTED, created.state(), created.toString());
        assertEquals(1, emulator.liveSubscriptions(invoker).size(), "the NEF took the AF's create over TLS");
        assertEquals(DeliveryState.COMPLETED, af.complete(created).state());
        assertEquals(0, emulator.liveSubscriptions(invoker).size(), "and its delete");

        stopAf();
        startAf();
        assertEquals(1, onboardings(), "the kept onboarding, and its certificate, are reused");
        Delivery again = af.client.deliveries().create(resnet("10.46.1.2"));
        assertEquals(DeliveryState.QOS_GRANTED, again.state(), again.toString());
        assertEquals(DeliveryState.COMPLETED, af.complete(again).state());
    }

    @Test
    void afterARevocationTheNefIsCalledWithTheNewInvokersCertificate() throws Exception {
        startAf();
        String first = af.capif.credentials().apiInvokerId();
        Delivery before = af.client.deliveries().create(resnet("10.46.2.1"));
        assertEquals(DeliveryState.QOS_GRANTED, before.state(), before.toString());

        assertTrue(emulator.revokeInvoker(first));
        int live = emulator.liveSubscriptionCount();

        Delivery after = af.client.deliveries().create(resnet("10.46.2.2"));
        assertEquals(DeliveryState.QOS_GRANTED, after.state(), after.toString());
        assertEquals(2, onboardings(), "one re-onboarding");
        assertNotEquals(first, af.capif.credentials().apiInvokerId());
        assertEquals(live + 1, emulator.liveSubscriptionCount(), "the NEF took the new invoker's token with its certificate");
        assertEquals(DeliveryState.COMPLETED, af.complete(after).state());
        assertEquals(DeliveryState.COMPLETED, af.complete(before).state(), "the delivery granted before the revocation");
    }

    @Test
    void anAfThatDoesNotTrustTheEmulatorsCaDoesNotOnboardAndItsStartSaysWhy() throws Exception {
        Path otherCa = Files.writeString(dir.resolve("other-ca.crt"),
                DevCertificates.ca("some other CA", Duration.ofDays(1)).certificatePem());

        CapifException refused = assertThrows(CapifException.class, () -> AfThroughCapif.start(vertx, dir,
                emulator.capifRoot(), ONBOARDING_TOKEN, Map.of("capif.trustFile", otherCa.toString())));

        assertEquals(CapifException.Operation.ONBOARD, refused.operation());
        assertEquals(0, refused.status(), "no answer came over a connection the AF does not trust");
        assertTrue(refused.getMessage().startsWith("CAPIF onboard " + emulator.capifRoot()), refused.getMessage());
        assertTrue(refused.getMessage().contains("the TLS handshake failed, CAPIF's certificate was not accepted"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("capif.trustFile must hold the CA that issued it"), refused.getMessage());
        assertEquals(0, onboardings());
        assertTrue(Files.notExists(dir.resolve("data/capif/invoker.json")), "no onboarding kept");
    }
}
