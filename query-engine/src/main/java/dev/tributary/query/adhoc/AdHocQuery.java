package dev.tributary.query.adhoc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An ad-hoc query as JSON: a table, the columns to return, filters, grouping, aggregates, order and
 * a limit. Compiled to SQL only through an allow-list of tables and columns, with bind values.
 */
@Serdeable
public record AdHocQuery(
        @NotBlank String table,
        @Nullable @Size(max = 50) List<String> fields,
        @Nullable @Size(max = 50) List<@Valid Filter> filters,
        @Nullable @Size(max = 20) List<String> groupBy,
        @Nullable @Size(max = 20) List<@Valid Aggregate> aggregates,
        @Nullable @Size(max = 10) List<@Valid Order> orderBy,
        @Nullable @Min(1) @Max(AdHocQuery.MAX_LIMIT) Integer limit) {

    public static final int MAX_LIMIT = 1000;

    /**
     * @param op    one of = &lt;&gt; &lt; &gt; &lt;= &gt;= in between like "is null" "is not null"
     * @param value a single value; a list for {@code in}; two values for {@code between}; none for the null tests
     */
    @Serdeable
    public record Filter(@NotBlank String field,
                         @NotBlank @Pattern(regexp = "=|<>|<|>|<=|>=|in|between|like|is null|is not null") String op,
                         @Nullable Object value) {
    }

    /** @param field a column, or {@code *} for count */
    @Serdeable
    public record Aggregate(@NotBlank @Pattern(regexp = "count|sum|avg|min|max") String fn, @NotBlank String field,
                            @Nullable @Pattern(regexp = "[a-z][a-z0-9_]{0,62}") String as) {
    }

    /** @param field a column or an aggregate's name */
    @Serdeable
    public record Order(@NotBlank String field, @Nullable @Pattern(regexp = "asc|desc") String dir) {
    }
}
