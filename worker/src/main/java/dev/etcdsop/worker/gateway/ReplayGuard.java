package dev.etcdsop.worker.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the requests accepted in the last {@code window} so that a captured request sent again is refused: Slack's
 * signature and 5-minute timestamp window alone let a copy through for five minutes. Bounded: past {@code capacity}
 * the oldest entry is dropped, so a flood cannot exhaust memory (it can only shorten the memory of old requests).
 */
final class ReplayGuard {
    private final Duration window;
    private final int capacity;
    /** Insertion order is arrival order, so expired entries are at the head. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    ReplayGuard(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** True the first time {@code key} is offered within the window, false for a replay. */
    synchronized boolean firstSeen(String key, Instant now) {
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isAfter(now.minus(window))) {
                break;
            }
            it.remove();
        }
        if (seen.containsKey(key)) {
            return false;
        }
        if (seen.size() >= capacity) {
            seen.remove(seen.keySet().iterator().next());
        }
        seen.put(key, now);
        return true;
    }
}
