package io.modelqos.af.security;

import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * The JDK's TLS, started once off the event loops. The first TLS client a JVM makes loads and initialises JSSE and
 * its key-exchange providers while it writes its first ClientHello: 55-60 ms, on the event loop that opens the
 * first connection to a NEF, a CAPIF core or a webhook over HTTPS (the blocked-thread checker, at 50 ms, caught it in
 * {@code InvokerTlsTest}). A handshake begun here, on a worker, up to its first ClientHello, pays that before any
 * request does; nothing is sent.
 */
public final class TlsWarmUp {
    private TlsWarmUp() {
    }

    /** Starts a client handshake in memory; a failure only means the first connection pays it, so it is logged. */
    public static void run() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            SSLEngine engine = context.createSSLEngine("warm-up.invalid", 443);
            engine.setUseClientMode(true);
            engine.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out); // the ClientHello, with its key shares
            engine.closeOutbound();
        } catch (GeneralSecurityException | SSLException | RuntimeException e) {
            LoggerFactory.getLogger(TlsWarmUp.class).warn("warming up TLS failed; the first connection pays it: {}",
                    e.toString());
        }
    }
}
