package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Verifies that the CAPIF CA names the invoker of a certificate it issued, and of no other. */
class CapifCertificateAuthorityTest {

    private final CapifCertificateAuthority ca = new CapifCertificateAuthority(Duration.ofHours(1));

    @Test
    void aCertificateItIssuedNamesItsInvoker() throws Exception {
        String issued = ca.sign(TestPki.csr(TestPki.newKeys(), "modelqos-af"), "INV0123456789abcdef");

        assertEquals("INV0123456789abcdef", ca.invokerIdOf(TestPki.certificate(issued)));
    }

    @Test
    void aCertificateOfAnotherCaOfTheSameNameNamesNoInvoker() throws Exception {
        TestPki.Issued lookalikeCa = TestPki.ca("ModelQoS NEF emulator CAPIF CA");
        TestPki.Issued forged = TestPki.client(lookalikeCa, "INV0123456789abcdef");

        assertNull(ca.invokerIdOf(forged.certificate()), "same issuer name, another key");
        assertNull(ca.invokerIdOf(TestPki.certificate(new CapifCertificateAuthority(Duration.ofHours(1))
                .sign(TestPki.csr(TestPki.newKeys(), "x"), "INV0123456789abcdef"))), "another emulator's CAPIF CA");
    }
}
