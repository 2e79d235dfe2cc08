package io.modelqos.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies that the SSE parser follows the event-stream rules for fields, comments and dispatch. */
class SseParserTest {

    private static List<SseParser.Message> parse(SseParser parser, String stream) {
        List<SseParser.Message> messages = new ArrayList<>();
        for (String line : stream.split("\n", -1)) {
            SseParser.Message message = parser.line(line);
            if (message != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    @Test
    void dispatchesAMessageOnABlankLine() {
        List<SseParser.Message> messages = parse(new SseParser(), "id: 1\nevent: io.modelqos.delivery.qos-granted\ndata: {}\n\n");

        assertEquals(List.of(new SseParser.Message("1", "io.modelqos.delivery.qos-granted", "{}")), messages);
    }

    @Test
    void joinsDataLinesWithNewlines() {
        List<SseParser.Message> messages = parse(new SseParser(), "data: {\"a\":\ndata:1}\n\n");

        assertEquals("{\"a\":\n1}", messages.get(0).data());
    }

    @Test
    void namesAMessageWithoutEventFieldMessage() {
        assertEquals("message", parse(new SseParser(), "data: x\n\n").get(0).event());
    }

    @Test
    void ignoresCommentsUnknownFieldsAndBlankLinesWithoutData() {
        List<SseParser.Message> messages = parse(new SseParser(), ": keep-alive\n\nfoo: bar\nevent: ignored\n\ndata: y\n\n");

        assertEquals(List.of(new SseParser.Message("", "message", "y")), messages);
    }

    @Test
    void keepsTheLastEventIdForLaterMessagesAndAfterANewStream() {
        SseParser parser = new SseParser();
        parse(parser, "id: 7\ndata: a\n\n");
        parser.newStream();

        assertEquals("7", parser.lastEventId());
        assertEquals("7", parse(parser, "data: b\n\n").get(0).id());
    }

    @Test
    void dropsAMessageCutOffByTheEndOfAStream() {
        SseParser parser = new SseParser();
        parse(parser, "id: 3\ndata: half");
        parser.newStream();

        assertEquals(List.of(new SseParser.Message("3", "message", "whole")), parse(parser, "data: whole\n\n"));
    }

    @Test
    void readsRetryOnlyWhenItIsDigits() {
        SseParser parser = new SseParser();
        assertNull(parser.retryMillis());
        parse(parser, "retry: soon\n");
        assertNull(parser.retryMillis());
        parse(parser, "retry: 1500\n");
        assertEquals(1500L, parser.retryMillis());
    }

    @Test
    void takesAValueWithoutTheOneLeadingSpaceAndAFieldWithoutColon() {
        List<SseParser.Message> messages = parse(new SseParser(), "data:no space\ndata:  two spaces\ndata\n\n");

        assertEquals("no space\n two spaces\n", messages.get(0).data());
    }

    @Test
    void skipsAByteOrderMarkAtTheStartOfTheStream() {
        assertEquals("1", parse(new SseParser(), "\uFEFFid: 1\ndata: x\n\n").get(0).id());
    }
}
