package io.modelqos.af.security;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Development certificates with BouncyCastle: a CA, server certificates with SANs, client certificates, and the
 * PKCS#10 certificate signing request of a key pair (the form CAPIF onboarding asks for). Keys are EC P-256, written
 * as PKCS#8 PEM; certificates and requests as PEM. Never for production: the CA key sits next to what it signs.
 *
 * <pre>{@code
 * DevCertificates.Issued ca = DevCertificates.ca("ModelQoS dev CA", Duration.ofDays(365));
 * DevCertificates.Issued server = DevCertificates.server(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"),
 *         Duration.ofDays(365));
 * Files.writeString(dir.resolve("server.crt"), server.certificatePem());
 * }</pre>
 */
public final class DevCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE = "SHA256withECDSA";

    /** A certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        public String certificatePem() {
            return pem(certificate);
        }

        public String keyPem() {
            return privateKeyPem(key);
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal() + "]";
        }
    }

    /** The files of {@link #writeDevelopmentSet}, by name, with what each is. */
    public static final Map<String, String> FILES;

    static {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("ca.crt", "the development CA: trust it in clients (tls.nef.trustFile, tls.clients.trustFile, the SDK)"
                + " and for client certificates (tls.callbacks.clientCaFile)");
        files.put("ca.key", "the CA's private key (signs the others; keep it out of any deployment)");
        files.put("server.crt", "the AF's server certificate (tls.server.certFile), SANs localhost, 127.0.0.1, ::1");
        files.put("server.key", "its private key (tls.server.keyFile)");
        files.put("client.crt", "the AF's client certificate towards the NEF (tls.nef.certFile)");
        files.put("client.key", "its private key (tls.nef.keyFile)");
        files.put("nef-client.crt", "a client certificate for the NEF (or a test) to present on callbacks");
        files.put("nef-client.key", "its private key");
        files.put("af.csr", "a PKCS#10 request for the AF's key pair, as CAPIF onboarding asks for it");
        files.put("af.key", "the private key of that request");
        FILES = java.util.Collections.unmodifiableMap(files);
    }

    private DevCertificates() {
    }

    /** A new EC P-256 key pair. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is missing from this JVM", e);
        }
    }

    /** A self-signed CA. */
    public static Issued ca(String commonName, Duration validity) {
        KeyPair keys = newKeyPair();
        X500Name name = name(commonName);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys, validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new Issued(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the CA certificate", e);
        }
    }

    /** A TLS server certificate issued by {@code ca}, with DNS and IP address SANs. */
    public static Issued server(Issued ca, String commonName, List<String> dnsNames, List<String> ipAddresses,
                                Duration validity) {
        return leaf(ca, commonName, KeyPurposeId.id_kp_serverAuth, sans(dnsNames, ipAddresses), validity);
    }

    /** A TLS client certificate issued by {@code ca}. */
    public static Issued client(Issued ca, String commonName, Duration validity) {
        return leaf(ca, commonName, KeyPurposeId.id_kp_clientAuth, null, validity);
    }

    /**
     * A PKCS#10 certificate signing request for {@code keys}, with subject {@code CN=commonName} and, when given, the
     * DNS names as a requested subjectAltName extension; signed with the key pair's own private key.
     */
    public static PKCS10CertificationRequest csr(KeyPair keys, String commonName, List<String> dnsNames) {
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(name(commonName),
                    keys.getPublic());
            if (dnsNames != null && !dnsNames.isEmpty()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, sans(dnsNames, List.of()));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(signer(keys.getPrivate()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the CSR", e);
        }
    }

    /**
     * Writes the development set ({@link #FILES}) into {@code dir}: a CA, the AF's server certificate for localhost
     * plus {@code extraDnsNames} and {@code extraIps}, the AF's client certificate, one for the NEF, and a CSR for the
     * AF's key pair with subject {@code CN=afId}. Private keys are readable by the owner only (where the file system
     * has POSIX permissions). Refuses to overwrite an existing file unless {@code overwrite}.
     *
     * @return the files written, in order
     */
    public static List<Path> writeDevelopmentSet(Path dir, String afId, List<String> extraDnsNames, List<String> extraIps,
                                                 Duration validity, boolean overwrite) throws IOException {
        Files.createDirectories(dir);
        if (!overwrite) {
            for (String file : FILES.keySet()) {
                if (Files.exists(dir.resolve(file))) {
                    throw new FileAlreadyExistsException(dir.resolve(file).toString(), null,
                            "exists; choose another directory or overwrite");
                }
            }
        }
        List<String> dns = new ArrayList<>(List.of("localhost"));
        extraDnsNames.stream().filter(n -> !dns.contains(n)).forEach(dns::add);
        List<String> ips = new ArrayList<>(List.of("127.0.0.1", "::1"));
        extraIps.stream().filter(n -> !ips.contains(n)).forEach(ips::add);

        Issued ca = ca("ModelQoS development CA", validity);
        Issued server = server(ca, dns.get(0), dns, ips, validity);
        Issued client = client(ca, afId, validity);
        Issued nef = client(ca, "nef", validity);
        KeyPair afKeys = newKeyPair();
        PKCS10CertificationRequest request = csr(afKeys, afId, extraDnsNames);

        List<Path> written = new ArrayList<>();
        write(dir, "ca.crt", ca.certificatePem(), false, written);
        write(dir, "ca.key", ca.keyPem(), true, written);
        write(dir, "server.crt", server.certificatePem() + ca.certificatePem(), false, written);
        write(dir, "server.key", server.keyPem(), true, written);
        write(dir, "client.crt", client.certificatePem(), false, written);
        write(dir, "client.key", client.keyPem(), true, written);
        write(dir, "nef-client.crt", nef.certificatePem(), false, written);
        write(dir, "nef-client.key", nef.keyPem(), true, written);
        write(dir, "af.csr", pem(request), false, written);
        write(dir, "af.key", privateKeyPem(afKeys.getPrivate()), true, written);
        return written;
    }

    /** PEM of a certificate, a CSR or a public key. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) of a private key. */
    public static String privateKeyPem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Issued leaf(Issued ca, String commonName, KeyPurposeId purpose, GeneralNames sans, Duration validity) {
        KeyPair keys = newKeyPair();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(
                    ca.certificate().getSubjectX500Principal().getEncoded()), name(commonName), keys, validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()));
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            return new Issued(sign(builder, ca.key()), keys.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the certificate of " + commonName, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                java.util.Date.from(now.minus(Duration.ofMinutes(5))), java.util.Date.from(now.plus(validity)), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + SIGNATURE, e);
        }
    }

    private static GeneralNames sans(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : ipAddresses) {
            if (!isIpLiteral(ip)) {
                throw new IllegalArgumentException("not an IP address: " + ip);
            }
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static boolean isIpLiteral(String s) {
        if (!s.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(s); // a literal: no lookup happens
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static X500Name name(String commonName) {
        if (commonName == null || commonName.isBlank() || commonName.matches(".*[,=+<>#;\"\\\\].*")) {
            throw new IllegalArgumentException("a common name without , = + < > # ; \" or \\ is required: " + commonName);
        }
        return new X500Name("CN=" + commonName.strip());
    }

    private static void write(Path dir, String name, String content, boolean secret, List<Path> written) throws IOException {
        Path file = dir.resolve(name);
        if (secret) {
            // Created owner-only before the key is written, so it is never readable by others, not even briefly.
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: the operator protects it
            }
        }
        Files.writeString(file, content);
        written.add(file);
    }
}
