package dev.tributary.readmodel.projection;

import static dev.tributary.readmodel.projection.Shape.AT;
import static dev.tributary.readmodel.projection.Shape.VERSION;

import dev.tributary.readmodel.projection.Shape.Column;
import dev.tributary.readmodel.projection.Shape.Rows;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UpdateSetFirstStep;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.SQLDataType;

/**
 * Updates of an aggregate's own row that apply only to a row older than the event, and stamp it with
 * the event's time and version. Their rows are (id, at, version, values...).
 */
public record VersionedUpdate<R extends TableRecord<R>>(Table<R> table, TableField<R, UUID> key, TableField<R, OffsetDateTime> updatedAt,
                                                  TableField<R, Long> version) {

    static final Column<UUID> ID = new Column<>("id", SQLDataType.UUID);

    public Shape shape(String name, List<Column<?>> values, BiFunction<UpdateSetFirstStep<R>, Rows, UpdateSetMoreStep<R>> change) {
        var columns = Stream.concat(Stream.<Column<?>>of(ID, AT, VERSION), values.stream()).toList();
        return Shape.of(name, columns, (db, v) -> change.apply(db.update(table), v)
                .set(updatedAt, v.get(AT))
                .set(version, v.get(VERSION))
                .from(v.table())
                .where(key.eq(v.get(ID)))
                .and(version.lt(v.get(VERSION))));
    }
}
