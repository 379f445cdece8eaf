package dev.etcdsop.testbed;

/**
 * The member holding Patroni's leader key, the address it runs on, and its PostgreSQL timeline: a failover or
 * switchover changes the name and the timeline.
 */
public record PatroniLeader(String name, String address, int timeline) {
}
