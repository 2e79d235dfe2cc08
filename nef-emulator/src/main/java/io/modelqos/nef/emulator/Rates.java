package io.modelqos.nef.emulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.modelqos.qos.BitRate;
import java.io.IOException;

/**
 * How the emulated network reads and writes a TS 29.571 {@link BitRate}: it counts whole bits per second (a
 * fraction is dropped when read, a rate beyond a {@code long} is refused) and writes rates exactly, without the
 * rounding of {@link BitRate#toString()}, e.g. {@code "123.456789 Mbps"}.
 *
 * <pre>{@code
 * Rates.parse("1.5 Gbps").wholeBitsPerSecond() // 1_500_000_000
 * Rates.parse("0.5 bps")                       // 0 bps
 * BitRate.ofBitsPerSecond(123_456_789).toExactString() // "123.456789 Mbps"
 * }</pre>
 */
final class Rates {

    private Rates() {
    }

    /**
     * Reads the text form in whole bits per second.
     *
     * @throws IllegalArgumentException if the text does not match {@link BitRate#PATTERN} or is too large
     */
    static BitRate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("bit rate is null");
        }
        if (!BitRate.isValid(text)) {
            throw new IllegalArgumentException("not a TS 29.571 BitRate (e.g. \"500 Mbps\"): \"" + text + "\"");
        }
        try {
            return BitRate.ofBitsPerSecond(BitRate.parse(text).wholeBitsPerSecond());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("bit rate too large: \"" + text + "\"", e);
        }
    }

    /**
     * The rate in whole bits per second, for a rate given from code.
     *
     * @throws IllegalArgumentException if it is too large
     */
    static BitRate whole(BitRate rate) {
        try {
            return BitRate.ofBitsPerSecond(rate.wholeBitsPerSecond());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("bit rate too large: \"" + rate.toExactString() + "\"", e);
        }
    }

    /** The exact text form, computed only if a log line is written. */
    static Object forLog(BitRate rate) {
        return new Object() {
            @Override
            public String toString() {
                return rate.toExactString();
            }
        };
    }

    /**
     * For the emulator's own mappers (options, state): rates written exactly and read with {@link #parse}; a bare
     * JSON integer is read as bits per second.
     */
    static Module jacksonModule() {
        return new SimpleModule("emulator-rates")
                .addSerializer(BitRate.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(BitRate rate, JsonGenerator gen, SerializerProvider provider) throws IOException {
                        gen.writeString(rate.toExactString());
                    }
                })
                .addDeserializer(BitRate.class, new JsonDeserializer<>() {
                    @Override
                    public BitRate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        try {
                            if (p.currentToken() == JsonToken.VALUE_STRING) {
                                return parse(p.getText());
                            }
                            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                                // a bare integer is bits per second, as the emulator has always read it
                                long bps = p.getLongValue();
                                if (bps < 0) {
                                    throw new IllegalArgumentException("a bit rate cannot be negative: " + bps);
                                }
                                return BitRate.ofBitsPerSecond(bps);
                            }
                        } catch (IllegalArgumentException e) {
                            throw ctxt.instantiationException(BitRate.class, e);
                        }
                        return (BitRate) ctxt.handleUnexpectedToken(BitRate.class, p);
                    }
                });
    }
}
