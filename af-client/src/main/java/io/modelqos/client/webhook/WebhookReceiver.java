package io.modelqos.client.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpHandler;
import io.modelqos.client.DeliveryEventListener;
import io.modelqos.client.internal.Json;
import io.modelqos.client.model.DeliveryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * Receives the delivery events the AF POSTs to a request's {@code notificationUri}: checks
 * {@code Authorization: Bearer <notificationToken>} in constant time, accepts
 * {@code application/cloudevents+json} (and {@code application/json}), reads the structured CloudEvent
 * and hands each event to the listener once, recognising repeats by source and id among the most
 * recent events. Thread-safe.
 *
 * <p>With the JDK's built-in web server:
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.create(notificationToken);
 * HttpServer server = HttpServer.create(new InetSocketAddress(8081), 0);
 * server.createContext("/modelqos/events", receiver.httpHandler(event -> log.info("{}", event)));
 * server.start();
 * }</pre>
 * Other servers call {@link #receive} with the request's headers and body and answer 204, or the
 * status of the {@link WebhookRejectedException}.
 */
public final class WebhookReceiver {

    /** How many recent event ids are remembered by default to recognise repeats. */
    public static final int DEFAULT_DEDUP_CAPACITY = 10_000;

    private final byte[] expectedTokenDigest;
    private final RecentIds recent;

    private WebhookReceiver(String expectedToken, int dedupCapacity) {
        this.expectedTokenDigest = sha256(expectedToken);
        this.recent = new RecentIds(dedupCapacity);
    }

    /** A receiver for the given notification token, remembering {@value #DEFAULT_DEDUP_CAPACITY} event ids. */
    public static WebhookReceiver create(String expectedToken) {
        return create(expectedToken, DEFAULT_DEDUP_CAPACITY);
    }

    /** A receiver for the given notification token, remembering the given number of recent event ids. */
    public static WebhookReceiver create(String expectedToken, int dedupCapacity) {
        Objects.requireNonNull(expectedToken, "expectedToken == null");
        if (expectedToken.isBlank()) {
            throw new IllegalArgumentException("expectedToken is blank");
        }
        if (dedupCapacity < 1) {
            throw new IllegalArgumentException("dedupCapacity must be at least 1, was " + dedupCapacity);
        }
        return new WebhookReceiver(expectedToken, dedupCapacity);
    }

    /**
     * Checks one webhook call and hands its event to the listener, unless it was handled before.
     *
     * @param authorization the request's {@code Authorization} header, or null
     * @param contentType   the request's {@code Content-Type} header, or null
     * @param body          the request body
     * @return true when the listener got the event, false when it was a repeat (answer 2xx all the same)
     * @throws WebhookRejectedException when the call must be refused; answer with its status
     */
    public boolean receive(String authorization, String contentType, byte[] body, DeliveryEventListener listener) {
        checkAuthorization(authorization);
        checkContentType(contentType);
        return dispatch(parse(body), listener);
    }

    /**
     * A handler for the JDK's {@code com.sun.net.httpserver.HttpServer} that answers 204 when the event
     * was taken (or was a repeat), 401, 415, 400 or 413 when it is refused, 405 for other methods
     * than POST and 500 when the listener throws (so that the AF sends the event again).
     */
    public HttpHandler httpHandler(DeliveryEventListener listener) {
        return new WebhookHttpHandler(this, Objects.requireNonNull(listener, "listener == null"));
    }

    void checkAuthorization(String authorization) {
        String scheme = "Bearer ";
        boolean bearer = authorization != null && authorization.length() > scheme.length()
                && authorization.regionMatches(true, 0, scheme, 0, scheme.length());
        // Both sides are hashed, so the comparison takes the same time whatever the token's length.
        byte[] given = sha256(bearer ? authorization.substring(scheme.length()).strip() : "");
        if (!MessageDigest.isEqual(given, expectedTokenDigest) || !bearer) {
            throw new WebhookRejectedException(401, authorization == null
                    ? "no Authorization header" : "the bearer token is not the notification token");
        }
    }

    void checkContentType(String contentType) {
        String mediaType = contentType == null ? ""
                : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/cloudevents+json") && !mediaType.equals("application/json")) {
            throw new WebhookRejectedException(415, "content type must be application/cloudevents+json, was "
                    + (contentType == null ? "none" : contentType));
        }
    }

    DeliveryEvent parse(byte[] body) {
        DeliveryEvent event;
        try {
            event = Json.mapper().readValue(body, DeliveryEvent.class);
        } catch (IOException e) {
            throw new WebhookRejectedException(400, "the body is not a CloudEvent in JSON: " + reason(e), e);
        }
        if (event == null) {
            throw new WebhookRejectedException(400, "the body is empty");
        }
        if (!"1.0".equals(event.specVersion())) {
            throw new WebhookRejectedException(400, "specversion must be 1.0, was " + event.specVersion());
        }
        if (isBlank(event.id()) || isBlank(event.source()) || event.type() == null) {
            throw new WebhookRejectedException(400, "the CloudEvent lacks one of id, source and type");
        }
        return event;
    }

    boolean dispatch(DeliveryEvent event, DeliveryEventListener listener) {
        String key = event.source() + '\n' + event.id();
        if (!recent.claim(key)) {
            return false;
        }
        try {
            listener.onEvent(event);
            return true;
        } catch (RuntimeException | Error e) {
            recent.release(key);
            throw e;
        }
    }

    private static String reason(IOException e) {
        return e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
