package io.modelqos.nef.emulator;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The NRF (TS 29.510): discovery ({@code GET {apiRoot}/nnrf-disc/v1/nf-instances}: fault injection
 * (operation {@code discover}), contract validation, then the {@link NfDirectory} profiles) and the
 * access token endpoint ({@code POST {apiRoot}/oauth2/token}, operation {@code token}, shared with
 * the NEF's client credentials; see {@link TokenEndpoint}). Discovery needs no token.
 */
final class NrfRoutes {

    static final String INSTANCES = ApiContract.Api.NRF_DISCOVERY.basePath + "/nf-instances";
    static final String TOKEN = "/oauth2/token";

    private final NfDirectory directory;
    private final RequestValidation validation;
    private final FaultInjector faults;
    private final TokenEndpoint tokens;

    NrfRoutes(NfDirectory directory, RequestValidation validation, FaultInjector faults, TokenEndpoint tokens) {
        this.directory = directory;
        this.validation = validation;
        this.faults = faults;
        this.tokens = tokens;
    }

    void mount(Router router) {
        router.get(INSTANCES)
                .handler(faults.before(Operation.DISCOVER))
                .handler(validation.validate(Operation.DISCOVER))
                .handler(this::discover);
    }

    /** The token route, mounted by whoever serves tokens (the NRF, or the NEF's OAuth2 alone). */
    static void mountToken(Router router, FaultInjector faults, TokenEndpoint tokens) {
        router.post(TOKEN).handler(BodyHandler.create().setBodyLimit(16 * 1024))
                .handler(faults.before(Operation.TOKEN))
                .handler(tokens::issue);
    }

    private void discover(RoutingContext ctx) {
        List<String> services = new ArrayList<>();
        for (String value : ctx.queryParam("service-names")) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    services.add(name.trim());
                }
            }
        }
        var result = directory.discover(ctx.request().getParam("target-nf-type"), services);
        if (faults.dropAfterCommit(Operation.DISCOVER)) {
            ctx.request().connection().close();
            return;
        }
        ctx.response().putHeader("Cache-Control", "max-age=" + result.getValidityPeriod());
        HttpJson.json(ctx, 200, result);
    }
}
