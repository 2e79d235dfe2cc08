package io.modelqos.af.pcf;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.net.URI;

/** What a PCF, BSF or NRF answered: the request's URI, the status, the headers and the body (null when empty). */
record SbiAnswer(URI uri, int status, MultiMap headers, Buffer body) {

    String header(String name) {
        return headers == null ? null : headers.get(name);
    }

    boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
