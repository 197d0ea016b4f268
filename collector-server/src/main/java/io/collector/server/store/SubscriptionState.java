package io.collector.server.store;

/**
 * What one subscription of a store is doing, for the admin API and the expiry of unused subscriptions.
 *
 * @param id          the subscription (client) id; "" is the store's default subscription (the Kafka publisher)
 * @param mode        whether it reads the shared ring or catches up on its own
 * @param unusedNanos time since its last get, poll, ack or rollback (or since it was created)
 */
public record SubscriptionState(String id, Mode mode, long unusedNanos) {

    /** Where a subscription reads from. */
    public enum Mode {
        /** Reads the shared ring. */
        ATTACHED,
        /** Left the ring for lagging (policy detach); its catch-up reader starts once it reads again. */
        DETACHED,
        /** Left the ring; its own binlog reader catches up from its cursor until it can rejoin. */
        CATCHING_UP
    }
}
