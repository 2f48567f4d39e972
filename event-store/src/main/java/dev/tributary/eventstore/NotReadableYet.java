package dev.tributary.eventstore;

/**
 * A stored event this version of the code cannot read yet, though nothing is wrong with it: its type,
 * its aggregate type, or its schema version is newer than any this code knows. A later version (a
 * rolling deploy in progress) reads it. Readers hold it rather than apply it half understood: the
 * projector holds its aggregate as {@code awaiting-upgrade}, the command service answers 503.
 */
public class NotReadableYet extends UndecodableEventException {

    private final String aggregate;
    private final long version;

    public NotReadableYet(String aggregate, long version, String why) {
        super(aggregate + "@" + version + " " + why + "; a newer version of Tributary reads it");
        this.aggregate = aggregate;
        this.version = version;
    }

    /** The aggregate's partition key. */
    public String aggregate() {
        return aggregate;
    }

    public long version() {
        return version;
    }
}
