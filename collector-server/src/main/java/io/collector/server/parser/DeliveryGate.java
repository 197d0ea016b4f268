package io.collector.server.parser;

import io.collector.server.position.GlobalId;
import io.collector.server.position.LogPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which entries the binlog reader hands on: none before the start time; none at or below the last id handed on
 * (a replay on the same server); on a new server, none of the entries of the partially delivered transaction that
 * the old server delivered, recognised by the transaction's GTID and their index in it. Also remembers how far the
 * transaction after the last boundary was delivered, across reconnections. Used by the binlog client's thread.
 */
final class DeliveryGate {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryGate.class);

    private final String destination;
    private long startTimestamp;
    private boolean open;
    private long lastGlobalId = -1;
    /** On a new server: the transaction of which entries up to {@code skipTxIndex} were delivered from the old one. */
    private String skipTxGtid = "";
    private int skipTxIndex = -1;
    /** The transaction after the last boundary: the highest index of its entries delivered (-1: none), its GTID. */
    private int deliveredTxIndex = -1;
    private String deliveredTxGtid = "";

    DeliveryGate(String destination) {
        this.destination = destination;
    }

    /** Starts over from {@code start}; the id threshold never goes down. */
    void restartFrom(StartPoint start) {
        LogPosition at = start.position();
        lastGlobalId = Math.max(lastGlobalId, start.skipUpToGlobalId());
        startTimestamp = start.gateTimestamp();
        open = startTimestamp <= 0;
        deliveredTxIndex = -1;
        deliveredTxGtid = "";
        boolean skip = start.newSource() && at.insideTransaction() && !at.txGtid().isEmpty();
        skipTxGtid = skip ? at.txGtid() : "";
        skipTxIndex = skip ? at.txIndex() : -1;
    }

    /** A transaction starts at {@code timestampMs}: the first one at or after the start time opens the gate. */
    void transactionStarts(long timestampMs) {
        if (!open && timestampMs >= startTimestamp) {
            open = true;
        }
    }

    /** The open transaction's GTID is known: on a new server, it must be the partially delivered one. */
    void transactionGtid(String gtid, String source) {
        if (skipTxIndex >= 0 && !gtid.equals(skipTxGtid)) {
            LOG.warn("[destination={}] entries 0..{} of transaction {} were delivered from the previous source, but"
                    + " {} does not continue with it (its next transaction is {}): that transaction is not on this"
                    + " source and the rest of it is lost", destination, skipTxIndex, skipTxGtid, source, gtid);
            skipTxGtid = "";
            skipTxIndex = -1;
        }
    }

    /**
     * Whether entry {@code index} of transaction {@code txGtid}, with id {@code globalId}, is new. Every entry past
     * the gate counts as delivered in the open transaction from here on.
     */
    boolean deliverable(long globalId, int index, String txGtid) {
        if (!open) {
            return false;
        }
        if (index > deliveredTxIndex) {
            deliveredTxIndex = index;
            deliveredTxGtid = txGtid;
        }
        boolean deliveredBefore = skipTxIndex >= 0 && index <= skipTxIndex && skipTxGtid.equals(txGtid);
        return globalId > lastGlobalId && !deliveredBefore;
    }

    /** An entry with this id was handed on. */
    void handedOn(long globalId) {
        lastGlobalId = globalId;
    }

    /** A transaction ended (or a DDL passed): nothing of the next one is delivered yet. */
    void boundary() {
        deliveredTxIndex = -1;
        deliveredTxGtid = "";
        skipTxGtid = "";
        skipTxIndex = -1;
    }

    /** {@code lastBoundary} with the entries of the next transaction delivered so far, if any. */
    LogPosition resumeAt(LogPosition lastBoundary) {
        if (deliveredTxIndex >= 0) {
            return lastBoundary.withDelivered(deliveredTxGtid, deliveredTxIndex);
        }
        return skipTxIndex >= 0 ? lastBoundary.withDelivered(skipTxGtid, skipTxIndex) : lastBoundary;
    }

    long lastGlobalId() {
        return lastGlobalId;
    }

    /** The binlog file index (as in ids) a new server's first file must take for its ids to exceed all delivered. */
    long nextFileIndex() {
        return lastGlobalId < 0 ? 0 : GlobalId.fileIndex(lastGlobalId) + 1;
    }
}
