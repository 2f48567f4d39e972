package dev.tributary.query.analyst;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.StringJoiner;

/**
 * Runs an analyst's query from a server-side cursor and writes its rows to an {@link AnswerBody} as they
 * arrive. Its columns are described first (the query under {@code LIMIT 0}); it then runs wrapped, each
 * value of no fixed size selected as text cut by Postgres to one character over the value cap. A fetch
 * holds at most {@value #FETCH_BYTES} bytes of values however wide the rows.
 */
final class CappedRows {

    static final long FETCH_BYTES = 8L * 1024 * 1024;
    private static final int MOST_ROWS_A_FETCH = 1000;

    private CappedRows() {
    }

    /** The query's columns, named uniquely in order: a repeated name gets {@code _2}, {@code _3}... */
    private static List<Column> describe(Connection connection, AnalystQuery query) throws SQLException {
        String sql = "SELECT * FROM (\n" + query.sql() + "\n) AS q LIMIT 0";
        try (var statement = statement(connection, sql, query); var rows = execute(statement, sql, query)) {
            var meta = rows.getMetaData();
            var columns = new ArrayList<Column>();
            var taken = new HashSet<String>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnLabel(i);
                for (int n = 2; !taken.add(name); n++) {
                    name = meta.getColumnLabel(i) + "_" + n;
                }
                columns.add(Column.of(name, meta.getColumnTypeName(i)));
            }
            return columns;
        }
    }

    /** Writes the rows, up to the row cap and the body's byte cap; says in the body why it stopped early. */
    static void write(Connection connection, AnalystQuery query, int valueChars, AnswerBody body)
            throws SQLException, AnswerPipe.ReaderGone, InterruptedException {
        var columns = describe(connection, query);
        String sql = wrapped(query.sql(), columns, valueChars);
        try (var statement = statement(connection, sql, query)) {
            statement.setFetchSize(fetchSize(columns, valueChars));
            statement.setMaxRows(query.rowCap() + 1);
            try (var rows = execute(statement, sql, query)) {
                body.begin(columns.stream().map(Column::name).toList());
                int count = 0;
                while (rows.next()) {
                    if (++count > query.rowCap()) {
                        body.truncated("only the first " + query.rowCap() + " rows are answered");
                        break;
                    }
                    if (!row(rows, columns, valueChars, body)) {
                        break;
                    }
                }
            }
        }
    }

    private static boolean row(ResultSet rows, List<Column> columns, int valueChars, AnswerBody body)
            throws SQLException, AnswerPipe.ReaderGone, InterruptedException {
        if (!body.rowStart()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!body.value(i, columns.get(i).read(rows, i + 1, valueChars), valueChars)) {
                return false;
            }
        }
        return body.rowEnd();
    }

    static int fetchSize(List<Column> columns, int valueChars) {
        long row = 64 + columns.stream().mapToLong(c -> c.maxBytes(valueChars)).sum();
        return (int) Math.clamp(FETCH_BYTES / row, 1, MOST_ROWS_A_FETCH);
    }

    private static String wrapped(String sql, List<Column> columns, int valueChars) {
        if (columns.isEmpty()) {
            return "SELECT FROM (\n" + sql + "\n) AS q";
        }
        var select = new StringJoiner(", ", "SELECT ", "");
        var aliases = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < columns.size(); i++) {
            select.add(columns.get(i).select("q.c" + i, valueChars));
            aliases.add("c" + i);
        }
        return select + " FROM (\n" + sql + "\n) AS q" + aliases;
    }

    private static Statement statement(Connection connection, String sql, AnalystQuery query) throws SQLException {
        if (query.binds().isEmpty()) {
            return connection.createStatement();
        }
        var prepared = connection.prepareStatement(sql);
        for (int i = 0; i < query.binds().size(); i++) {
            prepared.setObject(i + 1, query.binds().get(i));
        }
        return prepared;
    }

    private static ResultSet execute(Statement statement, String sql, AnalystQuery query) throws SQLException {
        return statement instanceof PreparedStatement prepared ? prepared.executeQuery() : statement.executeQuery(sql);
    }
}
