package io.modelqos.af.engine;

import io.modelqos.af.problem.AfProblem;
import io.modelqos.qos.BitRate;
import io.vertx.core.Future;

/**
 * Admits or refuses a tenant's new delivery before anything is stored or asked of the network, given the largest GBR
 * (downlink) the delivery would ask for: null admits it, a problem refuses it (e.g. a per-tenant GBR cap). It may need
 * the store, so it answers with a future.
 */
@FunctionalInterface
public interface Admission {
    Admission ALL = (tenant, gbrDl) -> Future.succeededFuture();

    /** Completes with null to admit, with the problem to refuse. */
    Future<AfProblem> check(String tenant, BitRate gbrDl);
}
