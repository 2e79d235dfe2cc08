package io.modelqos.af.delivery;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryIdsTest {
    /** The northbound contract's DeliveryId. */
    private static final Pattern CONTRACT = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    @Test
    void idsSortAsTheirCreationTimesDo() {
        DeliveryIds ids = new DeliveryIds(new Random(7));
        Random times = new Random(8);
        List<Instant> created = new ArrayList<>();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            // From 1970 to about 2500: every bit of the time part matters somewhere.
            Instant at = Instant.ofEpochMilli(Math.floorMod(times.nextLong(), 16_725_225_600_000L));
            created.add(at);
            made.add(ids.next(at));
        }
        for (int i = 1; i < made.size(); i++) {
            int byTime = created.get(i - 1).compareTo(created.get(i));
            int byId = made.get(i - 1).compareTo(made.get(i));
            if (byTime != 0) {
                assertEquals(Integer.signum(byTime), Integer.signum(byId),
                        created.get(i - 1) + " and " + created.get(i) + " gave " + made.get(i - 1) + " and " + made.get(i));
            }
        }
    }

    @Test
    void idsOfTheSameMillisecondDifferAndFitTheContract() {
        DeliveryIds ids = new DeliveryIds();
        Instant now = Instant.parse("2026-12-03T20:30:00.123456Z");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = ids.next(now);
            assertTrue(CONTRACT.matcher(id).matches(), id);
            assertEquals(22, id.length(), id);
            assertTrue(id.startsWith("d-"), id);
            assertTrue(seen.add(id), "made twice: " + id);
        }
        String one = ids.next(now);
        String later = ids.next(now.plusMillis(1));
        assertNotEquals(one.substring(0, 10), later.substring(0, 10), "the time part moves with the millisecond");
        assertTrue(one.compareTo(later) < 0);
    }

    @Test
    void callbackIdsNameTheirDeliveryAndCarry128RandomBits() {
        DeliveryIds ids = new DeliveryIds();
        String delivery = ids.next(Instant.parse("2026-12-03T20:30:00.123Z"));
        String callback = ids.callbackId(delivery);
        assertEquals(45, callback.length(), callback);
        assertTrue(callback.startsWith(delivery + "~"), callback);
        assertTrue(Pattern.matches("[A-Za-z0-9_-]{22}", callback.substring(23)), callback);
        assertEquals(delivery, DeliveryIds.deliveryIdOf(callback));
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(secrets.add(ids.callbackId(delivery).substring(23)), "a secret repeated");
        }
    }

    @Test
    void callbackIdsOfTheOlderFormNameNoDelivery() {
        // Time (8 characters), then 128 bits: what the NEF holds for deliveries created before the id was in front.
        assertNull(DeliveryIds.deliveryIdOf("0Mzu3d7kQ2hZ9y0x1w2v3u4t5s6r7A"));
        assertNull(DeliveryIds.deliveryIdOf("~no-id-in-front"));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryIds().callbackId("d-with~tilde"));
    }

    @Test
    void aCallbackIdIsTheSameOnlyWhenEveryCharacterIs() {
        String issued = new DeliveryIds().callbackId("d-0Mzu3d7kQ2hZ9y0x1w2v");
        assertTrue(DeliveryIds.sameCallbackId(issued, new String(issued.toCharArray())));
        assertFalse(DeliveryIds.sameCallbackId(issued, issued.substring(0, issued.length() - 1)));
        assertFalse(DeliveryIds.sameCallbackId(issued, issued.substring(0, issued.length() - 1) + "?"));
    }
}
