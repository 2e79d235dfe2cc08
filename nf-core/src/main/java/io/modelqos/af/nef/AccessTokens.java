package io.modelqos.af.nef;

import io.vertx.core.Future;

/**
 * Where the bearer tokens the AF presents to its NEF come from: an OAuth2 token endpoint ({@link OAuth2TokenSource}),
 * a token the operator handed out, or a CAPIF core function. {@link NefExchange} asks for a token before each call and,
 * when the NEF answers 401, invalidates it and asks once more.
 */
public interface AccessTokens {

    /** A token to present now; fails with a reason (never containing a token or secret) when none can be had. */
    Future<String> token();

    /** Forgets {@code rejected}, which the NEF refused, so that the next {@link #token()} gets a fresh one if it can. */
    void invalidate(String rejected);
}
