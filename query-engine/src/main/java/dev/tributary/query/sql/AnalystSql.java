package dev.tributary.query.sql;

import dev.tributary.kit.http.InvalidRequest;
import dev.tributary.query.analyst.AnalystQuery;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plain SQL for analysts, made safe in layers:
 * <ol>
 *   <li>read as Postgres's tokens ({@link SqlTokens}), it must be exactly one statement, a query
 *       (SELECT, WITH, VALUES or TABLE) with no INSERT, UPDATE, DELETE or MERGE in it, and balanced
 *       parentheses;</li>
 *   <li>it may call no function that acts on the server (pg_*, set_config, dblink, lo_*, sequences,
 *       functions that run SQL given as text), however quoted, qualified or commented; everything else
 *       Postgres has, such as {@code AT TIME ZONE} and every date/time function, is allowed;</li>
 *   <li>it runs as the analyst's queries do ({@link dev.tributary.query.analyst.AnalystAnswers}): read-only,
 *       as {@code tributary_reader}, with a timeout, a row cap and caps on the answer.</li>
 * </ol>
 */
@Singleton
public final class AnalystSql {

    private static final Set<String> QUERIES = Set.of("select", "with", "values", "table");
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "merge");
    private static final Pattern SERVER_FUNCTIONS = Pattern.compile(
            "pg_\\w+|set_config|dblink\\w*|lo_\\w+|nextval|setval|currval|query_to_xml\\w*|cursor_to_xml\\w*|table_to_xml\\w*|schema_to_xml\\w*|database_to_xml\\w*|txid_\\w+|ts_stat|ts_rewrite");

    private final Duration timeout;
    private final int rowCap;

    AnalystSql(@Value("${tributary.query.sql-timeout:5s}") Duration timeout,
               @Value("${tributary.query.sql-row-cap:10000}") int rowCap) {
        this.timeout = timeout;
        this.rowCap = rowCap;
    }

    /** @throws Rejected saying why the text may not run */
    public AnalystQuery query(String text) {
        List<SqlTokens.Token> tokens;
        try {
            tokens = SqlTokens.read(text);
        } catch (SqlTokens.Unreadable e) {
            throw new Rejected("not SQL this service can read: " + e.getMessage());
        }
        int end = oneStatement(tokens);
        var statement = tokens.subList(0, end);
        check(statement);
        String sql = end == tokens.size() ? text : text.substring(0, tokens.get(end).start());
        return new AnalystQuery(sql, List.of(), rowCap, timeout);
    }

    /** Where the one statement ends: at its first semicolon, or at the end. */
    private static int oneStatement(List<SqlTokens.Token> tokens) {
        int statements = 0;
        int end = -1;
        boolean open = false;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).is(";")) {
                open = true;
            } else if (open) {
                statements++;
                end = end < 0 ? i : end;
                open = false;
            }
        }
        statements += open ? 1 : 0;
        if (statements != 1) {
            throw new Rejected("send exactly one statement, not " + statements);
        }
        return end < 0 ? tokens.size() : end;
    }

    private static void check(List<SqlTokens.Token> tokens) {
        var first = tokens.stream().filter(t -> !t.is("(")).findFirst().orElseThrow();
        if (first.kind() != SqlTokens.Kind.WORD || !QUERIES.contains(first.text())) {
            throw new Rejected("only a SELECT may run here (a query starting with SELECT, WITH, VALUES or TABLE); this starts with "
                    + first.text().toUpperCase(Locale.ROOT));
        }
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            depth += token.is("(") ? 1 : token.is(")") ? -1 : 0;
            if (depth < 0) {
                throw new Rejected("a ) closes no (");
            }
            if (token.kind() == SqlTokens.Kind.WORD && WRITES.contains(token.text())) {
                throw new Rejected("only a SELECT may run here; this one has " + token.text().toUpperCase(Locale.ROOT) + " in it");
            }
            boolean name = token.kind() == SqlTokens.Kind.WORD || token.kind() == SqlTokens.Kind.NAME;
            boolean called = i + 1 < tokens.size() && tokens.get(i + 1).is("(") || i > 0 && tokens.get(i - 1).is(".");
            if (name && called && SERVER_FUNCTIONS.matcher(token.text().toLowerCase(Locale.ROOT)).matches()) {
                throw new Rejected("the function " + token.text() + " acts on the server and may not be called here");
            }
        }
        if (depth != 0) {
            throw new Rejected("a ( is not closed");
        }
    }

    /** The SQL may not run: why, for the analyst. */
    public static final class Rejected extends InvalidRequest {
        Rejected(String message) {
            super(message);
        }
    }
}
