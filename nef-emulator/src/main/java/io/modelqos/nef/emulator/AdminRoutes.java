package io.modelqos.nef.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Supplier;

/**
 * The emulator's own control API (not part of TS 29.122, no authentication):
 * <ul>
 *   <li>{@code GET /emulator/v1/faults} - the faults in force ({@link FaultOptions} JSON);</li>
 *   <li>{@code PUT /emulator/v1/faults} - replace them; 200 with what is now in force;</li>
 *   <li>{@code DELETE /emulator/v1/faults} - no faults any more (RNG re-seeded); 204;</li>
 *   <li>{@code GET /emulator/v1/state} - {@link EmulatorState};</li>
 *   <li>with CAPIF enabled: {@code GET /emulator/v1/capif/invokers} - the onboarded invoker ids and
 *       counts, and {@code DELETE /emulator/v1/capif/invokers/{apiInvokerId}} - revokes an invoker
 *       (its onboarding, security context and tokens), 204, or 404 if it is not onboarded.</li>
 * </ul>
 */
final class AdminRoutes {

    static final String BASE = "/emulator/v1";

    private final FaultInjector faults;
    private final Supplier<EmulatorState> state;
    private final CapifCore capif;

    AdminRoutes(FaultInjector faults, Supplier<EmulatorState> state) {
        this(faults, state, null);
    }

    AdminRoutes(FaultInjector faults, Supplier<EmulatorState> state, CapifCore capif) {
        this.faults = faults;
        this.state = state;
        this.capif = capif;
    }

    void mount(Router router) {
        router.get(BASE + "/faults").handler(ctx -> json(ctx, 200, faults.current()));
        router.put(BASE + "/faults").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(this::putFaults);
        router.delete(BASE + "/faults").handler(ctx -> {
            faults.clear();
            ctx.response().setStatusCode(204).end();
        });
        router.get(BASE + "/state").handler(ctx -> json(ctx, 200, state.get()));
        if (capif != null) {
            router.get(BASE + "/capif/invokers").handler(ctx -> json(ctx, 200, java.util.Map.of(
                    "invokers", capif.invokerIds(), "onboarded", capif.onboardedCount(),
                    "onboardingsPerformed", capif.onboardingsPerformed())));
            router.delete(BASE + "/capif/invokers/:apiInvokerId").handler(ctx -> {
                if (!capif.revoke(ctx.pathParam("apiInvokerId"))) {
                    throw ApiException.notFound("no onboarded API invoker " + ctx.pathParam("apiInvokerId"));
                }
                ctx.response().setStatusCode(204).end();
            });
        }
    }

    private void putFaults(RoutingContext ctx) {
        FaultOptions parsed;
        try {
            parsed = EmulatorOptions.json().readValue(ctx.body().buffer() == null ? "" : ctx.body().asString(),
                    FaultOptions.class);
        } catch (JsonMappingException e) {
            String pointer = e.getPath().isEmpty() ? "/" : "/" + String.join("/", e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex())).toList());
            Throwable root = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String reason = root == e ? e.getOriginalMessage() : root.getMessage();
            throw ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, pointer, reason);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, "not valid JSON: " + e.getOriginalMessage(), List.of());
        }
        if (parsed == null) {
            throw ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, "a FaultOptions JSON object is required", List.of());
        }
        faults.apply(parsed);
        json(ctx, 200, faults.current());
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(EmulatorOptions.json().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
