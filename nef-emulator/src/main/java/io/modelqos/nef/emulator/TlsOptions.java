package io.modelqos.nef.emulator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * HTTPS for the emulator's one port: a PEM server certificate (chain) and its PEM private key. Off
 * (plain HTTP) unless both files are given. With CAPIF enabled too, the listener requests (does not
 * require) client certificates of the CAPIF CA, and the NEF serves a request authorised by a CAPIF
 * access token only to the API invoker the token was issued to ({@link InvokerCertificateCheck}).
 *
 * <pre>{@code
 * {"certFile": "server.crt", "keyFile": "server.key"}
 * }</pre>
 */
public class TlsOptions {

    private String certFile;
    private String keyFile;

    /** The two PEM texts, read. */
    record ServerPem(String certificate, String privateKey) {
        @Override
        public String toString() {
            return "ServerPem[certificate, privateKey=***]";
        }
    }

    /** Whether the emulator serves https. */
    @JsonIgnore
    public boolean isEnabled() {
        return certFile != null && keyFile != null;
    }

    public String getCertFile() {
        return certFile;
    }

    /** The server certificate, PEM; the CA certificates after it are sent as its chain. Null for plain HTTP. */
    public TlsOptions setCertFile(String certFile) {
        this.certFile = file(certFile, "tls.certFile");
        return this;
    }

    public String getKeyFile() {
        return keyFile;
    }

    /** The server certificate's private key, unencrypted PEM (PKCS#8, or RSA / EC PRIVATE KEY). Null for plain HTTP. */
    public TlsOptions setKeyFile(String keyFile) {
        this.keyFile = file(keyFile, "tls.keyFile");
        return this;
    }

    /**
     * The command line's {@code --tls-cert} and {@code --tls-key}, over what a config file set: both or neither (null).
     *
     * @throws IllegalArgumentException naming the flag that is missing
     */
    public TlsOptions fromFlags(String certFile, String keyFile) {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: " + (certFile == null
                    ? "--tls-cert is missing" : "--tls-key is missing"));
        }
        return certFile == null ? this : setCertFile(certFile).setKeyFile(keyFile);
    }

    /** Checks what the setters cannot check alone: both files or neither. */
    void validate() {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException(certFile == null
                    ? "tls.certFile is missing: tls.keyFile " + keyFile + " needs the certificate it is the key of"
                    : "tls.keyFile is missing: tls.certFile " + certFile + " needs its private key");
        }
    }

    /**
     * Reads both files, checking that each holds what its field says. Blocking: the emulator calls it
     * on a worker at start.
     *
     * @throws IllegalArgumentException naming the field whose file cannot be read or holds something else
     */
    ServerPem read() {
        String certificate = read(certFile, "tls.certFile");
        if (!certificate.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("tls.certFile: " + certFile + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        String key = read(keyFile, "tls.keyFile");
        if (!key.matches("(?s).*-----BEGIN (RSA |EC )?PRIVATE KEY-----.*")) {
            throw new IllegalArgumentException("tls.keyFile: " + keyFile + " holds no unencrypted PEM private key"
                    + " (-----BEGIN PRIVATE KEY-----, or RSA or EC PRIVATE KEY)");
        }
        return new ServerPem(certificate, key);
    }

    private static String read(String file, String field) {
        try {
            return Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(field + ": no such file " + file, e);
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException(field + ": cannot read " + file + " (" + e + ")", e);
        }
    }

    private static String file(String file, String field) {
        if (file != null && file.isBlank()) {
            throw new IllegalArgumentException(field + " must name a file (or be absent for plain HTTP)");
        }
        return file;
    }

    @Override
    public String toString() {
        return "TlsOptions[certFile=" + certFile + ", keyFile=" + keyFile + "]";
    }
}
