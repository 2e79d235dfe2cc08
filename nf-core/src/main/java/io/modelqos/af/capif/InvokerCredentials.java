package io.modelqos.af.capif;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * What onboarding with a CAPIF core function leaves the AF: its API invoker id, the address of its onboarding (for
 * updates and offboarding), the certificate CAPIF issued for its key and that private key, all PEM.
 *
 * @param capifRoot      the CAPIF core function that onboarded the AF
 * @param apiInvokerId   the API invoker id CAPIF assigned
 * @param onboardingUri  {@code {capifRoot}/api-invoker-management/v1/onboardedInvokers/{onboardingId}}
 * @param certificatePem the certificate CAPIF issued (PEM; may be empty when CAPIF issued none)
 * @param privateKeyPem  the AF's private key (PKCS#8 PEM)
 * @param onboardedAt    when the AF onboarded
 */
public record InvokerCredentials(URI capifRoot, String apiInvokerId, URI onboardingUri, String certificatePem,
                                 String privateKeyPem, Instant onboardedAt) {

    public InvokerCredentials {
        Objects.requireNonNull(capifRoot, "capifRoot == null");
        Objects.requireNonNull(apiInvokerId, "apiInvokerId == null");
        Objects.requireNonNull(onboardingUri, "onboardingUri == null");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem == null");
        certificatePem = certificatePem == null ? "" : certificatePem;
    }

    /** Whether CAPIF issued a certificate the AF can present as its TLS client certificate. */
    public boolean hasCertificate() {
        return certificatePem.contains("-----BEGIN CERTIFICATE-----");
    }

    /** The certificate's notAfter, or null when there is none or it cannot be read. */
    public Instant certificateExpiry() {
        if (!hasCertificate()) {
            return null;
        }
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            return c.getNotAfter().toInstant();
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** Never print the key. */
    @Override
    public String toString() {
        return "InvokerCredentials[" + apiInvokerId + " at " + onboardingUri + "]";
    }
}
