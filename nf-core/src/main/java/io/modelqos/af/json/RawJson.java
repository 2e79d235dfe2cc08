package io.modelqos.af.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
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

    /** Member {@code name} with {@code json} copied as it is, or {@code null} when there is none. */
    public static void field(JsonGenerator g, String name, SerializedString json) throws IOException {
        g.writeFieldName(name);
        if (json == null) {
            g.writeNull();
        } else {
            g.writeRawValue(json);
        }
    }
}
