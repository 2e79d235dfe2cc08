package io.modelqos.af.capif;

import io.modelqos.af.security.DevCertificates;

import java.security.KeyPair;
import java.util.List;

/**
 * A fresh EC P-256 key pair for onboarding and its PKCS#10 certificate signing request, which CAPIF signs into the
 * AF's client certificate. Key generation takes milliseconds to tens of them: call it on a worker.
 *
 * @param privateKeyPem PKCS#8 PEM, kept in the data directory
 * @param csrPem        the request, sent as {@code onboardingInformation.apiInvokerPublicKey}
 */
public record InvokerKeys(String privateKeyPem, String csrPem) {

    public static InvokerKeys generate(String commonName) {
        KeyPair keys = DevCertificates.newKeyPair();
        return new InvokerKeys(DevCertificates.privateKeyPem(keys.getPrivate()),
                DevCertificates.pem(DevCertificates.csr(keys, commonName, List.of())));
    }

    @Override
    public String toString() {
        return "InvokerKeys[csr]";
    }
}
