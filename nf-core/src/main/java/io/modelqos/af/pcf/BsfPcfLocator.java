package io.modelqos.af.pcf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.southbound.SessionFailure;
import io.modelqos.openapi.n5.model.PcfBinding;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The PCF the BSF binds to the UE's PDU session (TS 29.521 Nbsf_Management, {@code GET …/pcfBindings} by the UE's
 * address or GPSI, the DNN and the S-NSSAI). The BSF is configured or found through the NRF; one the NRF named that
 * stops answering is looked up again.
 */
final class BsfPcfLocator implements PcfLocator {
    private static final Logger LOG = LoggerFactory.getLogger(BsfPcfLocator.class);
    static final String SCOPE = "nbsf-management";

    private final SbiExchange exchange;
    private final BsfRoot bsf;
    private final String dnn;
    private final int sst;
    private final String sd;
    private final ObjectMapper json;

    BsfPcfLocator(SbiExchange exchange, BsfRoot bsf, String dnn, int sst, String sd, ObjectMapper json) {
        this.exchange = exchange;
        this.bsf = bsf;
        this.dnn = dnn;
        this.sst = sst;
        this.sd = sd;
        this.json = json;
    }

    @Override
    public Future<URI> pcfFor(DeliveryRequest.UeAddress ue) {
        return bsf.apiRoot().compose(root -> exchange.call(SbiExchange.SbiCall.of("bsf", "pcf-binding", HttpMethod.GET,
                        bindingQuery(root, ue), SCOPE, "BSF"))
                .recover(e -> {
                    bsf.failed(root);
                    return Future.failedFuture(e);
                })
                .compose(answer -> binding(root, ue, answer)));
    }

    private Future<URI> binding(URI root, DeliveryRequest.UeAddress ue, SbiAnswer answer) {
        if (answer.status() == 204 || answer.status() == 404) {
            return Future.failedFuture(new SessionFailure(SessionFailure.Kind.REJECTED, "the BSF holds no PCF binding"
                    + " for UE " + ue.key() + " on DNN " + dnn + ": the UE has no PDU session there", "NO_PCF_BINDING",
                    null, null));
        }
        if (answer.status() != 200 || answer.body() == null) {
            if (answer.status() >= 500) {
                bsf.failed(root);
            }
            return Future.failedFuture(new SessionFailure(answer.status() >= 500 || answer.status() == 429
                    ? SessionFailure.Kind.PEER_ERROR : SessionFailure.Kind.REJECTED,
                    "the BSF answered " + answer.status() + " to the PCF binding look-up", "BSF_HTTP_" + answer.status(),
                    null, null));
        }
        PcfBinding binding;
        try {
            binding = json.readValue(answer.body().getBytes(), PcfBinding.class);
        } catch (java.io.IOException e) {
            return Future.failedFuture(new SessionFailure(SessionFailure.Kind.UNAVAILABLE,
                    "the BSF's answer is not a PcfBinding", "BSF_ANSWER_UNREADABLE", null, e));
        }
        URI pcf = NfApiRoots.of(binding, root.getScheme());
        if (pcf == null) {
            return Future.failedFuture(new SessionFailure(SessionFailure.Kind.UNAVAILABLE,
                    "the BSF's binding names no PCF address (neither pcfFqdn nor pcfIpEndPoints)",
                    "BSF_ANSWER_UNREADABLE", null, null));
        }
        LOG.debug("BSF binds UE {} to PCF {}", ue.key(), pcf);
        return Future.succeededFuture(pcf);
    }

    URI bindingQuery(URI root, DeliveryRequest.UeAddress ue) {
        StringBuilder q = new StringBuilder(root.toString().replaceAll("/+$", ""))
                .append("/nbsf-management/v1/pcfBindings?");
        if (ue.ipv4Addr() != null) {
            q.append("ipv4Addr=").append(encode(ue.ipv4Addr()));
        } else if (ue.ipv6Addr() != null) {
            // A UE's IPv6 address lies in its PDU session's /64 prefix (TS 23.501 clause 5.8.2.2.3).
            q.append("ipv6Prefix=").append(encode(Ipv6Prefixes.slash64(ue.ipv6Addr())));
        } else {
            q.append("gpsi=").append(encode(ue.gpsi()));
        }
        q.append("&dnn=").append(encode(dnn));
        String snssai = "{\"sst\":" + sst + (sd == null ? "" : ",\"sd\":\"" + sd + "\"") + "}";
        q.append("&snssai=").append(encode(snssai));
        return URI.create(q.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public Future<Void> check() {
        return bsf.apiRoot().mapEmpty();
    }

    @Override
    public String describe() {
        return bsf.describe();
    }
}
