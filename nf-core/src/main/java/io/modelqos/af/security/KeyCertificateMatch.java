package io.modelqos.af.security;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a PEM private key belongs to the first (leaf) certificate of a PEM chain, checked at start so that a
 * mismatched pair is a configuration error naming the files rather than a failed TLS handshake at the first call. The
 * key signs a few bytes that the certificate's public key must verify. Reads files: for start-up, never on an event loop.
 */
public final class KeyCertificateMatch {

    private static final byte[] CHALLENGE = "modelqos key and certificate".getBytes(StandardCharsets.US_ASCII);

    private KeyCertificateMatch() {
    }

    /**
     * What is wrong with the pair, in words that follow the key's name in a configuration problem; empty when the key
     * is the certificate's, or when its algorithm is one this check does not know (the handshake will tell).
     */
    public static Optional<String> problem(Path certFile, Path keyFile) {
        X509Certificate leaf;
        try (InputStream in = Files.newInputStream(certFile)) {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (chain.isEmpty() || !(chain.iterator().next() instanceof X509Certificate first)) {
                return Optional.of("its certificate file " + certFile + " holds no PEM certificate");
            }
            leaf = first;
        } catch (IOException | GeneralSecurityException e) {
            return Optional.of("its certificate file " + certFile + " holds no readable PEM certificate");
        }
        PrivateKey key;
        try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            Object read = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else if (read instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                return Optional.of(keyFile + " holds no unencrypted PEM private key (PKCS#8 or PKCS#1)");
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of(keyFile + " holds no readable PEM private key");
        }
        String algorithm = signatureAlgorithm(key);
        if (algorithm == null) {
            return Optional.empty();
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(CHALLENGE);
            if (verifier.verify(signature)) {
                return Optional.empty();
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // A key of one kind and a certificate of another: no match either.
        }
        return Optional.of(keyFile + " is not the private key of the certificate in " + certFile
                + " (" + leaf.getSubjectX500Principal().getName() + ")");
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "ED25519", "EDDSA" -> "Ed25519";
            default -> null;
        };
    }
}
