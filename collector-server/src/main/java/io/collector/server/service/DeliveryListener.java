package io.collector.server.service;

import io.collector.server.position.Cursor;

/**
 * Told of every batch a client takes and every acknowledgement, on the request's thread; must be quick and never
 * throw. The metrics use it.
 */
public interface DeliveryListener {

    /** Listens to nothing. */
    DeliveryListener NONE = new DeliveryListener() {
        @Override
        public void delivered(ClientIdentity client, Message message) {
        }

        @Override
        public void acknowledged(ClientIdentity client, Cursor cursor) {
        }
    };

    /** {@code client} took {@code message}, a batch with an id (possibly emptied by the client's filter). */
    void delivered(ClientIdentity client, Message message);

    /** {@code client} acknowledged a batch; {@code cursor} is where it now stands. */
    void acknowledged(ClientIdentity client, Cursor cursor);
}
