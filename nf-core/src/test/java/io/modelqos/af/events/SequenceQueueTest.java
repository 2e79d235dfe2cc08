package io.modelqos.af.events;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SequenceQueueTest {

    @Test
    void keepsOrderAcrossGrowthAndWrapAroundAsADequeDoes() {
        SequenceQueue queue = new SequenceQueue();
        ArrayDeque<Long> expected = new ArrayDeque<>();
        Random random = new Random(7);
        long next = 1;
        for (int step = 0; step < 20_000; step++) {
            // Mostly adds early on, then as many polls as adds: the ring grows, wraps and empties again.
            boolean add = expected.isEmpty() || random.nextInt(100) < (step < 10_000 ? 70 : 45);
            if (add) {
                queue.add(next);
                expected.addLast(next++);
            } else {
                assertEquals(expected.pollFirst(), queue.poll());
            }
            assertEquals(expected.size(), queue.size());
            assertEquals(expected.isEmpty(), queue.isEmpty());
        }
        while (!expected.isEmpty()) {
            assertEquals(expected.pollFirst(), queue.poll());
        }
        assertThrows(NoSuchElementException.class, queue::poll);
    }
}
