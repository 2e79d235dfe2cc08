package io.modelqos.nef.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The six AsSessionWithQoS operations, as named in fault configurations ({@code "create"},
 * {@code "read"}, ...).
 */
public enum Operation {
    CREATE("CreateASSessionWithQoSSubscription"),
    READ("FetchIndASSessionWithQoSSubscription"),
    LIST("FetchAllASSessionWithQoSSubscriptions"),
    REPLACE("UpdateIndASSessionWithQoSSubscription"),
    MODIFY("ModifyIndASSessionWithQoSSubscription"),
    DELETE("DeleteIndASSessionWithQoSSubscription");

    private final String operationId;

    Operation(String operationId) {
        this.operationId = operationId;
    }

    /** The operationId in TS29122_AsSessionWithQoS.yaml. */
    public String operationId() {
        return operationId;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Operation fromJson(String name) {
        for (Operation op : values()) {
            if (op.name().equalsIgnoreCase(name) || op.operationId.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation \"" + name
                + "\" (create, read, list, replace, modify, delete)");
    }
}
