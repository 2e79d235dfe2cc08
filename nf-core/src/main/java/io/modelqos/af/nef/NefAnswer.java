package io.modelqos.af.nef;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.net.URI;

/**
 * An answer of the NEF: the URI that gave it, status, headers, body (null when empty). What {@link NefExchange}
 * hands back once retries, redirects and token renewal are over, and what {@link NefAnswerDecoder} reads.
 */
record NefAnswer(URI uri, int status, MultiMap headers, Buffer body) {
    String header(String name) {
        return headers.get(name);
    }
}
