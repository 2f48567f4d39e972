package dev.tributary.bench;

import dev.tributary.embedded.LocalPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Copies every non-empty read-model table of one database into another the fastest way Postgres
 * offers: {@code COPY} into a staging table, then one {@code INSERT … SELECT … ON CONFLICT DO UPDATE}
 * per table, parents before children, in one transaction. Reading the source is not timed.
 */
final class CopyUpsert {

    private static final String TABLES = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN ('flyway_schema_history', 'dead_letter')
            ORDER BY (SELECT count(*) FROM pg_constraint f WHERE f.conrelid = c.oid AND f.contype = 'f'), c.relname""";
    private static final String COLUMNS = """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position""";
    private static final String KEY = """
            SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = ?::regclass AND i.indisprimary""";

    private CopyUpsert() {
    }

    /** Seconds the copy into {@code target} took. */
    static double copy(String source, String target) throws Exception {
        var dumps = new LinkedHashMap<String, byte[]>();
        var columns = new LinkedHashMap<String, List<String>>();
        var keys = new LinkedHashMap<String, List<String>>();
        try (var from = DriverManager.getConnection(source, LocalPostgres.USER, "")) {
            for (String table : strings(from, TABLES, null)) {
                var out = new ByteArrayOutputStream();
                List<String> names = strings(from, COLUMNS, table);
                long rows = from.unwrap(PGConnection.class).getCopyAPI().copyOut(
                        "COPY " + table + " (" + String.join(", ", names) + ") TO STDOUT (FORMAT binary)", out);
                if (rows > 0) {
                    dumps.put(table, out.toByteArray());
                    columns.put(table, names);
                    keys.put(table, strings(from, KEY, table));
                }
            }
        }
        try (var to = DriverManager.getConnection(target, LocalPostgres.USER, "")) {
            to.setAutoCommit(false);
            var copier = to.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            for (var dump : dumps.entrySet()) {
                String table = dump.getKey();
                String names = String.join(", ", columns.get(table));
                try (var statement = to.createStatement()) {
                    statement.execute("CREATE TEMP TABLE staging_" + table + " (LIKE " + table + ") ON COMMIT DROP");
                    copier.copyIn("COPY staging_" + table + " (" + names + ") FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(dump.getValue()));
                    statement.execute("INSERT INTO " + table + " (" + names + ") SELECT " + names + " FROM staging_" + table
                            + " ON CONFLICT (" + String.join(", ", keys.get(table)) + ") " + onConflict(columns.get(table), keys.get(table)));
                }
            }
            to.commit();
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static String onConflict(List<String> columns, List<String> key) {
        var rest = new ArrayList<>(columns);
        rest.removeAll(key);
        return rest.isEmpty() ? "DO NOTHING"
                : "DO UPDATE SET " + rest.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
    }

    private static List<String> strings(Connection connection, String sql, String parameter) throws Exception {
        try (var statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            var rows = statement.executeQuery();
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
