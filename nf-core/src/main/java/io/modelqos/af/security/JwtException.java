package io.modelqos.af.security;

/**
 * A bearer token that is not acceptable. The message is one of a fixed set of reasons and never holds any part of
 * the token, so it may be logged and sent back in a problem's {@code detail}.
 */
public final class JwtException extends Exception {
    public JwtException(String reason) {
        super(reason, null, false, false);
    }
}
