package io.modelqos.af.delivery;

/** What the AF asked the network for: the best variant at its sized rates. */
public record RequestedQos(String variantId, String payloadRate, String gbrDl, long latencyBudgetMs, double availability) {
    public RequestedQos {
        variantId = Shared.text(variantId);
        payloadRate = Shared.text(payloadRate);
        gbrDl = Shared.text(gbrDl);
    }
}
