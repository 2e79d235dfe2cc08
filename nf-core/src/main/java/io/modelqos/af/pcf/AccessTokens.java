package io.modelqos.af.pcf;

import io.vertx.core.Future;

/** Access tokens for the service-based interfaces the AF calls, by OAuth2 scope (e.g. {@code npcf-policyauthorization}). */
interface AccessTokens {

    /** No tokens: the peers take calls without one. */
    AccessTokens NONE = new AccessTokens() {
        @Override
        public Future<String> token(String scope, String targetNfType) {
            return Future.succeededFuture(null);
        }

        @Override
        public void invalidate(String scope, String token) {
        }
    };

    /** A valid token for {@code scope} towards an NF of {@code targetNfType} (null when none is needed). */
    Future<String> token(String scope, String targetNfType);

    /** Forgets {@code token} (the peer answered 401 to it), so the next call gets a new one. */
    void invalidate(String scope, String token);
}
