package io.modelqos.af.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TLS of the AF's listeners and clients, from PEM files (section {@code tls} of the configuration). Every part is
 * optional: without {@code server} the northbound listener is plain HTTP (a warning at start).
 *
 * <pre>{@code
 * tls:
 *   server:    {certFile: af.crt, keyFile: af.key}                    # the northbound listener
 *   callbacks: {port: 8443, clientCaFile: nef-ca.crt}                  # the NEF's callbacks: own listener, mTLS
 *   nef:       {trustFile: nef-ca.crt, certFile: client.crt, keyFile: client.key}   # towards the NEF (mTLS)
 *   clients:   {trustFile: ca.crt}                                     # JWKS and webhooks
 * }</pre>
 *
 * @param server    the certificate of the northbound listener
 * @param callbacks the listener of the NEF's notifications: a port of its own and the CA of the NEF's client certificate
 * @param nef       the NEF client: the CA it trusts and the client certificate it presents
 * @param clients   the other clients (JWKS, webhooks): the CA they trust instead of the JDK's
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TlsOptions(ServerTls server, CallbackListener callbacks, ClientTls nef, ClientTls clients) {

    public static final TlsOptions NONE = new TlsOptions(null, null, null, null);

    /**
     * @param certFile the certificate chain (PEM), leaf first
     * @param keyFile  its private key (PEM, PKCS#8 or PKCS#1)
     */
    public record ServerTls(String certFile, String keyFile) {
    }

    /**
     * @param port         a listener of its own for {@code /nef-callbacks/v1/...}; null = the northbound listener
     *                     serves them too. With a port, the northbound listener no longer serves callbacks.
     * @param certFile     the callback listener's certificate; null = the server's
     * @param keyFile      its key; null = the server's
     * @param clientCaFile the CA(s) of the NEF's client certificate (PEM); when set, a callback must come over TLS with
     *                     a client certificate issued by them (required at the handshake on a listener of its own)
     * @param tls          false = a listener of its own in plain HTTP, whatever the server's TLS (the embedded NEF
     *                     emulator, which trusts no private CA, uses one); default true
     */
    public record CallbackListener(Integer port, String certFile, String keyFile, String clientCaFile, Boolean tls) {
    }

    /**
     * @param trustFile  the CA(s) to trust (PEM); null = the JDK's trust store
     * @param certFile   the client certificate to present (PEM); null = none
     * @param keyFile    its private key (PEM)
     * @param verifyHost whether the server's name must match its certificate (default true)
     */
    public record ClientTls(String trustFile, String certFile, String keyFile, Boolean verifyHost) {
        public boolean verifyHostOrDefault() {
            return verifyHost == null || verifyHost;
        }
    }

    public ServerTls serverOrNull() {
        return server == null || server.certFile() == null ? null : server;
    }

    /** Whether NEF callbacks are served on a listener of their own. */
    public boolean separateCallbackListener() {
        return callbacks != null && callbacks.port() != null;
    }

    /** Whether a callback must carry a verified client certificate. */
    public boolean callbackClientCertRequired() {
        return callbacks != null && callbacks.clientCaFile() != null && !callbacks.clientCaFile().isBlank();
    }

    /** The certificate of the callback listener: its own, else the server's (null = plain HTTP). */
    public ServerTls callbackServerOrNull() {
        if (callbacks != null && Boolean.FALSE.equals(callbacks.tls())) {
            return null;
        }
        if (callbacks != null && callbacks.certFile() != null) {
            return new ServerTls(callbacks.certFile(), callbacks.keyFile());
        }
        return serverOrNull();
    }

    /** These options with the NEF's callbacks on a plain listener of their own, on any free port. */
    public TlsOptions withPlainCallbackListener() {
        return new TlsOptions(server, new CallbackListener(0, null, null, null, false), nef, clients);
    }

    /** Configuration problems, each naming its key; a certificate and its key must be a pair. */
    public List<String> problems() {
        List<String> problems = new java.util.ArrayList<>();
        if (server != null) {
            pair(problems, "tls.server", server.certFile(), server.keyFile());
        }
        if (callbacks != null) {
            if (callbacks.port() != null && (callbacks.port() < 0 || callbacks.port() > 65535)) {
                problems.add("tls.callbacks.port: " + callbacks.port() + " is not a TCP port (0..65535)");
            }
            if (callbacks.certFile() != null || callbacks.keyFile() != null) {
                pair(problems, "tls.callbacks", callbacks.certFile(), callbacks.keyFile());
            }
            readable(problems, "tls.callbacks.clientCaFile", callbacks.clientCaFile());
            if (callbackClientCertRequired() && callbackServerOrNull() == null) {
                problems.add("tls.callbacks.clientCaFile: client certificates need TLS on the callback listener"
                        + " (tls.server or tls.callbacks certFile/keyFile)");
            }
        }
        client(problems, "tls.nef", nef);
        client(problems, "tls.clients", clients);
        return problems;
    }

    private static void client(List<String> problems, String name, ClientTls tls) {
        if (tls == null) {
            return;
        }
        readable(problems, name + ".trustFile", tls.trustFile());
        if (tls.certFile() != null || tls.keyFile() != null) {
            pair(problems, name, tls.certFile(), tls.keyFile());
        }
    }

    private static void pair(List<String> problems, String name, String certFile, String keyFile) {
        if (certFile == null || keyFile == null) {
            problems.add(name + ": certFile and keyFile go together");
            return;
        }
        boolean bothReadable = readable(problems, name + ".certFile", certFile)
                & readable(problems, name + ".keyFile", keyFile);
        if (bothReadable) {
            KeyCertificateMatch.problem(Path.of(certFile), Path.of(keyFile))
                    .ifPresent(wrong -> problems.add(name + ".keyFile: " + wrong));
        }
    }

    /** Whether {@code file} (null: none) can be read; a problem when it cannot. */
    private static boolean readable(List<String> problems, String name, String file) {
        if (file != null && !Files.isReadable(Path.of(file))) {
            problems.add(name + ": cannot read " + file);
            return false;
        }
        return true;
    }
}
