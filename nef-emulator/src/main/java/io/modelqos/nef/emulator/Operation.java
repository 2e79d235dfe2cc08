package io.modelqos.nef.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The operations as named in fault configurations ({@code "create"}, {@code "read"}, ...): the six
 * AsSessionWithQoS operations, of which create, read, modify and delete are also those of the
 * PCF's application sessions (a fault on "create" hits both faces), then the BSF's binding lookup
 * ({@code "bind"}), the NRF's discovery ({@code "discover"}) and its token endpoint
 * ({@code "token"}).
 */
public enum Operation {
    CREATE("CreateASSessionWithQoSSubscription"),
    READ("FetchIndASSessionWithQoSSubscription"),
    LIST("FetchAllASSessionWithQoSSubscriptions"),
    REPLACE("UpdateIndASSessionWithQoSSubscription"),
    MODIFY("ModifyIndASSessionWithQoSSubscription"),
    DELETE("DeleteIndASSessionWithQoSSubscription"),
    BIND("GetPCFBindings"),
    DISCOVER("SearchNFInstances"),
    TOKEN("AccessTokenRequest");

    private final String operationId;

    Operation(String operationId) {
        this.operationId = operationId;
    }

    /**
     * The operationId in TS29122_AsSessionWithQoS.yaml, or for bind, discover and token in their
     * own file (the PCF's ids: {@link RequestValidation#operationId}).
     */
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
                + "\" (create, read, list, replace, modify, delete, bind, discover, token)");
    }
}
