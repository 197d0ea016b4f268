package io.collector.server.entry;

/** How the parser hands rows entries on: see {@link ChangeEvent}. */
public enum EntryForm {
    /** Entries with their RowChange as bytes: for TCP clients, and the compact form in the store. */
    SERIALIZED,
    /** Entries with their RowChange as the object the parser built: for a consumer that reads rows in process. */
    PARSED
}
