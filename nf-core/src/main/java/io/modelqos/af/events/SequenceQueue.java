package io.modelqos.af.events;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * Event sequences, first in first out, as plain longs: a delivery relaying rate reports keeps up to
 * {@link EventOutbox#MAX_HISTORY} of them, which as boxed {@code Long}s in a deque took 20 bytes each instead of 8.
 * Not thread-safe (confined, like the outbox).
 */
final class SequenceQueue {
    private long[] ring = new long[8];
    private int head;
    private int size;

    void add(long sequence) {
        if (size == ring.length) {
            long[] grown = new long[ring.length * 2];
            int firstPart = Math.min(size, ring.length - head);
            System.arraycopy(ring, head, grown, 0, firstPart);
            System.arraycopy(ring, 0, grown, firstPart, size - firstPart);
            ring = grown;
            head = 0;
        }
        ring[(head + size) % ring.length] = sequence;
        size++;
    }

    /** The oldest sequence, removed. */
    long poll() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        long first = ring[head];
        head = (head + 1) % ring.length;
        size--;
        return first;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    @Override
    public String toString() {
        long[] in = new long[size];
        for (int i = 0; i < size; i++) {
            in[i] = ring[(head + i) % ring.length];
        }
        return Arrays.toString(in);
    }
}
