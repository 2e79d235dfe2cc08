package io.modelqos.af.pcf;

import io.modelqos.af.delivery.DeliveryRequest;
import io.vertx.core.Future;

import java.net.URI;

/** Finds the PCF that serves a UE's PDU session: its apiRoot. */
interface PcfLocator {

    /** The apiRoot of the PCF for {@code ue}; fails with a SessionFailure when there is none or it cannot be told. */
    Future<URI> pcfFor(DeliveryRequest.UeAddress ue);

    /** Whether the first NF on the way answers (for readiness). */
    Future<Void> check();

    /** What it uses, for the logs and readiness: "PCF http://…", "BSF http://…", "NRF http://…". */
    String describe();

    /** Always the configured PCF. */
    static PcfLocator fixed(URI apiRoot, java.util.function.Supplier<Future<Void>> check) {
        return new PcfLocator() {
            @Override
            public Future<URI> pcfFor(DeliveryRequest.UeAddress ue) {
                return Future.succeededFuture(apiRoot);
            }

            @Override
            public Future<Void> check() {
                return check.get();
            }

            @Override
            public String describe() {
                return "PCF " + apiRoot;
            }
        };
    }
}
