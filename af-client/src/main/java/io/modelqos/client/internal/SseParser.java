package io.modelqos.client.internal;

/**
 * Turns the lines of a {@code text/event-stream} into messages, following the WHATWG rules for
 * {@code id}, {@code event}, {@code data}, {@code retry} and comments. Feed it one line at a time,
 * without the line terminator. Not thread-safe; not part of the SDK's API.
 */
public final class SseParser {

    /** One dispatched message: the last event id seen, the event name ("message" if none) and the data. */
    public record Message(String id, String event, String data) {
    }

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String event = "";
    private String lastEventId = "";
    private Long retryMillis;
    private boolean atStreamStart = true;

    /** The message this line completes (a blank line after data), or null. */
    public Message line(String line) {
        if (atStreamStart) {
            atStreamStart = false;
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return null;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                data.append(value).append('\n');
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.length() < 19 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> {
                // unknown fields are ignored
            }
        }
        return null;
    }

    /**
     * Drops a message that was cut off by the end of a connection and prepares for the next stream;
     * the last event id and the retry time are kept, as they are across reconnections.
     */
    public void newStream() {
        data.setLength(0);
        hasData = false;
        event = "";
        atStreamStart = true;
    }

    /** The last event id seen, "" when none. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection time the stream asked for with {@code retry:}, or null. */
    public Long retryMillis() {
        return retryMillis;
    }

    private Message dispatch() {
        if (!hasData) {
            event = "";
            return null;
        }
        data.setLength(data.length() - 1);
        Message message = new Message(lastEventId, event.isEmpty() ? "message" : event, data.toString());
        data.setLength(0);
        hasData = false;
        event = "";
        return message;
    }
}
