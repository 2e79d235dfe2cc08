package io.modelqos.af.nef;

import io.vertx.core.Future;

import java.util.Objects;

/**
 * A bearer token the NEF's operator handed out, given once (e.g. {@code MODELQOS_NEF_TOKEN}): every call presents it.
 * Nothing fresher can be had, so a token the NEF refuses stays the token: the call it was refused on is repeated once
 * by {@link NefExchange} and its second 401 is the NEF's answer, not the start of a loop.
 */
public final class StaticAccessToken implements AccessTokens {

    private final Future<String> token;

    /** @param token the token, surrounding whitespace ignored; must not be blank */
    public StaticAccessToken(String token) {
        Objects.requireNonNull(token, "token == null");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the NEF token is blank");
        }
        this.token = Future.succeededFuture(token.strip());
    }

    @Override
    public Future<String> token() {
        return token;
    }

    /** Nothing to forget: the operator's token is the only one there is. */
    @Override
    public void invalidate(String rejected) {
    }

    /** Never print the token. */
    @Override
    public String toString() {
        return "StaticAccessToken[***]";
    }
}
