package dev.tributary.readmodel;

import static dev.tributary.readmodel.jooq.Tables.DEAD_LETTER;
import static dev.tributary.readmodel.jooq.Tables.PROJECTION_POSITION;
import static dev.tributary.readmodel.jooq.Tables.SHARD_PROGRESS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * The registry of the read model: the engine's own tables, and every registered domain's migrations,
 * projections and tables. Every list that names tables derives from it: what a rebuild compares, what
 * analysts may read (the reader role's grants, the ad-hoc allow-list), and which tables exist at all.
 */
public final class ReadModels {

    /** The engine's tables: positions and open dead letters are compared; stream progress is bookkeeping. */
    public static final List<ReadModelTable> ENGINE = List.of(
            ReadModelTable.internal(PROJECTION_POSITION, List.of(PROJECTION_POSITION.AGGREGATE, PROJECTION_POSITION.VERSION)),
            ReadModelTable.internal(DEAD_LETTER, List.of(DEAD_LETTER.AGGREGATE, DEAD_LETTER.VERSION, DEAD_LETTER.STATE)),
            ReadModelTable.bookkeeping(SHARD_PROGRESS));

    private static final ReadModels LOADED = new ReadModels(ServiceLoader.load(DomainReadModel.class).stream()
            .map(ServiceLoader.Provider::get).toList());

    private final List<DomainReadModel> domains;
    private final List<DomainProjection> projections;
    private final List<ReadModelTable> tables;

    public ReadModels(List<DomainReadModel> domains) {
        this.domains = domains.stream().sorted(java.util.Comparator.comparing(DomainReadModel::domain)).toList();
        this.projections = this.domains.stream().flatMap(d -> d.projections().stream()).toList();
        var tables = new ArrayList<>(ENGINE);
        var owners = new HashMap<String, String>();
        ENGINE.forEach(t -> owners.put(t.name(), "the engine"));
        var names = new HashSet<String>();
        for (DomainReadModel domain : this.domains) {
            if (!domain.domain().matches("[a-z][a-z0-9]{0,30}")) {
                throw new IllegalStateException("a domain's name is a lower-case ASCII word, not " + domain.domain());
            }
            for (DomainProjection projection : domain.projections()) {
                if (!names.add(projection.name())) {
                    throw new IllegalStateException("two projections are named " + projection.name());
                }
                for (ReadModelTable table : projection.tables()) {
                    String previous = owners.putIfAbsent(table.name(), projection.name());
                    if (previous != null) {
                        throw new IllegalStateException("table " + table.name() + " is claimed by " + previous + " and " + projection.name());
                    }
                    tables.add(table);
                }
            }
        }
        this.tables = List.copyOf(tables);
    }

    /** The domains on the classpath. */
    public static ReadModels loaded() {
        return LOADED;
    }

    public List<DomainReadModel> domains() {
        return domains;
    }

    public List<DomainProjection> projections() {
        return projections;
    }

    /** Every claimed table, the engine's first. */
    public List<ReadModelTable> tables() {
        return tables;
    }

    /** The tables a rebuild's verification compares, in a fixed order. */
    public List<ReadModelTable> compared() {
        return tables.stream().filter(ReadModelTable::isCompared).toList();
    }

    /** The tables analysts may read. */
    public List<ReadModelTable> exposed() {
        return tables.stream().filter(ReadModelTable::exposed).toList();
    }

    /**
     * Tables of {@code schema} that nothing claims (Flyway's histories aside): a migration created a
     * table and no projection lists it, so no rebuild would compare it and no analyst could read it.
     */
    public Set<String> unclaimed(DSLContext sql, String schema) {
        var claimed = new HashSet<String>();
        tables.forEach(t -> claimed.add(t.name()));
        var unclaimed = new TreeSet<String>();
        sql.fetch("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname NOT LIKE 'flyway\\_%'", schema)
                .forEach(r -> {
                    String name = r.get(0, String.class);
                    if (!claimed.contains(name)) {
                        unclaimed.add(name);
                    }
                });
        return unclaimed;
    }
}
