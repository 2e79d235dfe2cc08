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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    void callbackIdsStartWithTheTimeAndCarry128RandomBits() {
        DeliveryIds ids = new DeliveryIds();
        Instant now = Instant.parse("2026-12-03T20:30:00.123Z");
        String delivery = ids.next(now);
        String callback = ids.callbackId(now);
        assertEquals(30, callback.length(), callback);
        assertEquals(delivery.substring(2, 10), callback.substring(0, 8), "the same time part as the delivery's id");
        assertTrue(Pattern.matches("[A-Za-z0-9_-]{22}", callback.substring(8)), callback);
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(secrets.add(ids.callbackId(now).substring(8)), "a secret repeated");
        }
        assertTrue(ids.callbackId(now).compareTo(ids.callbackId(now.plusMillis(1))) < 0);
    }
}
