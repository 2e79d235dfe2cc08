package io.modelqos.client;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.UeId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verifies that listing sends the filter as query parameters and follows the pages to the last. */
class DeliveryListingTest {

    private static final String PATH = "/model-delivery/v1/deliveries";

    @RegisterExtension
    static final WireMockExtension AF = WireMockClients.wireMock();

    private static String page(String nextPageToken, String... ids) {
        List<String> items = new ArrayList<>();
        for (String id : ids) {
            items.add(Bodies.deliveryJson(id, "QOS_GRANTED"));
        }
        return "{\"items\": [" + String.join(",", items) + "]"
                + (nextPageToken == null ? "" : ", \"nextPageToken\": \"" + nextPageToken + "\"") + "}";
    }

    @Test
    void iteratesOverThreePagesFollowingNextPageToken() {
        AF.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("pageToken", absent())
                .willReturn(okJson(page("p2", "d-1", "d-2"))));
        AF.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("pageToken", equalTo("p2"))
                .willReturn(okJson(page("p3", "d-3", "d-4"))));
        AF.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("pageToken", equalTo("p3"))
                .willReturn(okJson(page(null, "d-5"))));
        ModelQosClient client = WireMockClients.clientFor(AF).build();

        List<String> ids = new ArrayList<>();
        for (Delivery delivery : client.deliveries().list(DeliveryFilter.all()
                .withUe(UeId.ipv4("10.45.0.2")).withState(DeliveryState.QOS_GRANTED).withPageSize(2))) {
            ids.add(delivery.deliveryId());
        }

        assertEquals(List.of("d-1", "d-2", "d-3", "d-4", "d-5"), ids);
        AF.verify(3, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("ue", equalTo("10.45.0.2"))
                .withQueryParam("state", equalTo("QOS_GRANTED"))
                .withQueryParam("pageSize", equalTo("2")));
    }

    @Test
    void fetchesNothingUntilIteratedAndStopsAtAnEmptyLastPage() {
        AF.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"items\": []}")));
        ModelQosClient client = WireMockClients.clientFor(AF).build();

        Iterable<Delivery> deliveries = client.deliveries().list(DeliveryFilter.all());
        assertEquals(0, AF.getAllServeEvents().size());

        Iterator<Delivery> iterator = deliveries.iterator();
        assertFalse(iterator.hasNext());
        assertThrows(NoSuchElementException.class, iterator::next);
        AF.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("pageSize", absent()));
    }

    @Test
    void refusesAPageSizeOutsideTheContract() {
        assertThrows(IllegalArgumentException.class, () -> DeliveryFilter.all().withPageSize(501));
        assertThrows(IllegalArgumentException.class, () -> DeliveryFilter.all().withState(DeliveryState.UNKNOWN));
    }
}
