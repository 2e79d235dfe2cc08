package io.modelqos.nef.emulator;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The CAPIF core function's certificate authority: a P-256 key and self-signed certificate made
 * at start (in memory only), which signs the PKCS#10 requests invokers send at onboarding into
 * client certificates (subject CN = the invoker id). Key generation and signing run where the
 * caller runs them; the first use loads BouncyCastle classes, so the emulator makes the CA on a
 * worker thread.
 */
final class CapifCertificateAuthority {

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();

    CapifCertificateAuthority(Duration validity) {
        this.validity = validity;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=ModelQoS NEF emulator CAPIF CA");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer()));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the CAPIF CA", e);
        }
    }

    /**
     * Signs a throwaway request once, so that the class loading of the PEM, PKCS#10 and verifier
     * code (tens of milliseconds on a cold JVM) happens here, on the worker that builds the CA, and
     * not in the first onboarding on an event loop.
     */
    void warmUp() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair throwaway = generator.generateKeyPair();
            PKCS10CertificationRequest csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=warm-up"), throwaway.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(throwaway.getPrivate()));
            sign(pem(csr), "warm-up");
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot warm up the CAPIF CA", e);
        }
    }

    /** PEM of the CA certificate (what a client would trust for CAPIF-issued certificates). */
    String certificatePem() {
        return pem(certificate);
    }

    /**
     * The invoker id a certificate was issued to (its subject CN), or null when this CA did not
     * issue it (another issuer, or a signature this CA's key did not make).
     */
    String invokerIdOf(X509Certificate presented) {
        if (!presented.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return null;
        }
        try {
            presented.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            return null;
        }
        RDN[] commonNames = X500Name.getInstance(presented.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return commonNames.length == 1 ? IETFUtils.valueToString(commonNames[0].getFirst().getValue()) : null;
    }

    /**
     * Signs a PEM PKCS#10 request into a client certificate for {@code invokerId}.
     *
     * @throws IllegalArgumentException naming why the request is not a usable, correctly signed CSR
     */
    String sign(String csrPem, String invokerId) {
        PKCS10CertificationRequest csr = parse(csrPem);
        PublicKey publicKey = publicKey(csr.getSubjectPublicKeyInfo());
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
                throw new IllegalArgumentException("the certificate request's signature does not verify");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException("the certificate request's signature cannot be checked: " + e.getMessage());
        }
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name(certificate.getSubjectX500Principal().getName()), serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(validity)), new X500Name("CN=" + invokerId), publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return pem(new JcaX509CertificateConverter().getCertificate(builder.build(signer())));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the certificate of " + invokerId, e);
        }
    }

    private static PKCS10CertificationRequest parse(String csrPem) {
        if (csrPem == null || !csrPem.contains("-----BEGIN CERTIFICATE REQUEST-----")) {
            throw new IllegalArgumentException("must be a PEM PKCS#10 certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
        }
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the PEM certificate request cannot be decoded: " + e.getMessage());
        }
        throw new IllegalArgumentException("the PEM block is not a PKCS#10 certificate request");
    }

    /** A JDK public key: BouncyCastle's verifier builder fails on EC SubjectPublicKeyInfo with the JDK providers. */
    private static PublicKey publicKey(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        String jdkName;
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            jdkName = "EC";
        } else if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            jdkName = "RSA";
        } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            jdkName = "Ed25519";
        } else {
            throw new IllegalArgumentException("unsupported key algorithm " + algorithm + " (EC, RSA or Ed25519)");
        }
        try {
            return KeyFactory.getInstance(jdkName).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the request's public key cannot be read: " + e.getMessage());
        }
    }

    private ContentSigner signer() throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private BigInteger serial() {
        return new BigInteger(64, random).abs().add(BigInteger.ONE);
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
