package io.modelqos.nef.emulator;

import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.n5.model.PcfBinding;
import io.modelqos.openapi.t8.model.Snssai;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The BSF's binding lookup ({@code GET {apiRoot}/nbsf-management/v1/pcfBindings}, TS 29.521): bearer
 * check (scope {@value #SCOPE}), fault injection (operation {@code bind}), contract validation, then
 * 200 with the {@link NfDirectory} binding or 204 when the UE has none.
 */
final class BsfRoutes {

    /** The OAuth2 scope the BSF requires when OAuth2 is enabled. */
    static final String SCOPE = "nbsf-management";
    static final String BINDINGS = ApiContract.Api.BSF.basePath + "/pcfBindings";

    private final NfDirectory directory;
    private final RequestValidation validation;
    private final FaultInjector faults;
    private final TokenEndpoint tokens;

    BsfRoutes(NfDirectory directory, RequestValidation validation, FaultInjector faults, TokenEndpoint tokens) {
        this.directory = directory;
        this.validation = validation;
        this.faults = faults;
        this.tokens = tokens;
    }

    void mount(Router router) {
        router.get(BINDINGS)
                .handler(tokens.requireScope(SCOPE))
                .handler(faults.before(Operation.BIND))
                .handler(validation.validate(Operation.BIND))
                .handler(this::lookup);
    }

    /** The {@code snssai} parameter, which {@link RequestValidation} has checked already. */
    private static Snssai snssai(String json) {
        try {
            return T8Json.mapper().readValue(json, Snssai.class);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, "snssai", "snssai is not a Snssai: " + e.getMessage());
        }
    }

    private void lookup(RoutingContext ctx) {
        String snssai = ctx.request().getParam("snssai");
        NfDirectory.BindingQuery query = new NfDirectory.BindingQuery(ctx.request().getParam("ipv4Addr"),
                ctx.request().getParam("ipv6Prefix"), ctx.request().getParam("macAddr48"), ctx.request().getParam("supi"),
                ctx.request().getParam("gpsi"), ctx.request().getParam("ipDomain"), ctx.request().getParam("dnn"),
                snssai == null ? null : snssai(snssai));
        if (!query.namesUe()) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, "ipv4Addr",
                    "name the UE: ipv4Addr, ipv6Prefix, macAddr48, supi or gpsi");
        }
        Optional<PcfBinding> binding = directory.binding(query);
        if (faults.dropAfterCommit(Operation.BIND)) {
            ctx.request().connection().close();
            return;
        }
        if (binding.isEmpty()) {
            ctx.response().setStatusCode(204).end();
        } else {
            HttpJson.json(ctx, 200, binding.get());
        }
    }
}
