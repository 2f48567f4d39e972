package dev.tributary.query.sql;

import dev.tributary.kit.http.InvalidRequest;
import dev.tributary.query.report.ReadOnlyQueries;
import dev.tributary.query.report.Report;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import dev.tributary.query.consistency.Databases;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.ParserException;

/**
 * Plain SQL for analysts, made safe in layers:
 * <ol>
 *   <li>jOOQ's parser must read exactly one SELECT (CTEs, joins and window functions allowed);</li>
 *   <li>the re-rendered query may call no function that acts on the server (pg_*, set_config, dblink,
 *       lo_*, sequences);</li>
 *   <li>it runs as {@link ReadOnlyQueries} do, with a row cap.</li>
 * </ol>
 */
@Singleton
public final class AnalystSql {

    private static final Pattern SERVER_FUNCTIONS = Pattern.compile(
            "(?i)\"?\\b(pg_\\w+|set_config|dblink\\w*|lo_\\w+|nextval|setval|currval|query_to_xml\\w*|txid_\\w+)\\b\"?\\s*\\(");

    private final DSLContext sql;
    private final Duration timeout;
    private final int rowCap;

    AnalystSql(Databases databases, @Value("${tributary.query.sql-timeout:5s}") Duration timeout,
               @Value("${tributary.query.sql-row-cap:10000}") int rowCap) {
        this.sql = databases.reports().sql();
        this.timeout = timeout;
        this.rowCap = rowCap;
    }

    /** @return the rows, and whether the row cap cut them short */
    public Result run(String text) {
        String checked = check(text);
        try {
            return ReadOnlyQueries.run(sql, timeout, db -> {
                var records = db.resultQuery(checked).maxRows(rowCap + 1).fetch();
                var columns = List.of(records.fields()).stream().map(org.jooq.Field::getName).toList();
                List<List<Object>> rows = new ArrayList<>();
                records.stream().limit(rowCap).forEach(r -> rows.add(java.util.Arrays.asList(r.intoArray())));
                return new Result(new Report(columns, rows), records.size() > rowCap);
            });
        } catch (DataAccessException e) {
            String state = e.sqlState();
            if (state != null && (state.startsWith("42") || state.startsWith("22") || state.startsWith("25"))) {
                throw new Rejected("Postgres refused the query: " + rootMessage(e));
            }
            throw e;
        }
    }

    private static String check(String text) {
        Query[] queries;
        try {
            var parser = DSL.using(SQLDialect.POSTGRES, new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED));
            queries = parser.parser().parse(text).queries();
        } catch (ParserException e) {
            throw new Rejected("not SQL this service can read: " + e.getMessage());
        }
        if (queries.length != 1) {
            throw new Rejected("send exactly one statement, not " + queries.length);
        }
        if (!(queries[0] instanceof Select<?>)) {
            throw new Rejected("only a SELECT may run here; this is " + queries[0].getClass().getSimpleName().replaceAll("Impl$", ""));
        }
        String rendered = DSL.using(SQLDialect.POSTGRES).renderInlined(queries[0]);
        var function = SERVER_FUNCTIONS.matcher(rendered);
        if (function.find()) {
            throw new Rejected("the function " + function.group(1) + " acts on the server and may not be called here");
        }
        return rendered;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** @param truncated true when the query returned more rows than the cap and only the first were kept */
    public record Result(Report report, boolean truncated) {
    }

    /** The SQL may not run: why, for the analyst. */
    public static final class Rejected extends InvalidRequest {
        Rejected(String message) {
            super(message);
        }
    }
}
