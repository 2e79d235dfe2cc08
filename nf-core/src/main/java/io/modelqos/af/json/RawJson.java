package io.modelqos.af.json;

import com.fasterxml.jackson.core.io.SerializedString;

import java.nio.charset.StandardCharsets;

/** JSON already written, to be copied as it is into other documents ({@code JsonGenerator.writeRawValue}). */
public final class RawJson {
    private RawJson() {
    }

    /** {@code utf8} as a value that every later write copies as bytes: its UTF-8 form is encoded once, now. */
    public static SerializedString of(byte[] utf8) {
        SerializedString json = new SerializedString(new String(utf8, StandardCharsets.UTF_8));
        json.asUnquotedUTF8();
        return json;
    }
}
