package io.modelqos.af.security;

import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bearer token of a request (RFC 6750 clause 2.1): one {@code Authorization: Bearer <token68>} header.
 */
final class BearerToken {
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    /** Larger than any token this AF accepts (JWTs are refused above {@link JwtVerifier#MAX_TOKEN_CHARS}). */
    static final int MAX_CHARS = JwtVerifier.MAX_TOKEN_CHARS;

    /** What the request carries. */
    sealed interface Presented permits None, Malformed, Token {
    }

    record None() implements Presented {
    }

    /** @param reason why the header is unusable (never quoting it) */
    record Malformed(String reason) implements Presented {
    }

    record Token(String value) implements Presented {
        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    private BearerToken() {
    }

    /** Whether {@code token} can be sent as a bearer token: RFC 6750's token68, at most {@link #MAX_CHARS} characters. */
    static boolean sendable(String token) {
        return !token.isEmpty() && token.length() <= MAX_CHARS && TOKEN68.matcher(token).matches();
    }

    static Presented of(RoutingContext ctx) {
        List<String> headers = ctx.request().headers().getAll("Authorization");
        if (headers.isEmpty()) {
            return new None();
        }
        if (headers.size() > 1) {
            return new Malformed("more than one Authorization header");
        }
        String header = headers.get(0).strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return new Malformed("the Authorization scheme must be Bearer");
        }
        String token = header.substring(space + 1).strip();
        if (!sendable(token)) {
            return new Malformed("the bearer token is malformed");
        }
        return new Token(token);
    }
}
