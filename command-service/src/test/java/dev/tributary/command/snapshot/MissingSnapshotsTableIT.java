package dev.tributary.command.snapshot;

import dev.tributary.domains.shop.events.Shop;
import dev.tributary.domains.shop.command.product.ProductAggregate;
import dev.tributary.domains.shop.command.order.OrderAggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tributary.command.CommandServiceFixture;
import dev.tributary.command.handling.Aggregates;
import dev.tributary.domains.shop.command.order.OrderDecider;
import dev.tributary.domains.shop.command.order.OrderState;
import dev.tributary.domains.shop.command.product.ProductDecider;
import dev.tributary.domains.shop.command.product.ProductState.Listed;
import dev.tributary.events.AggregateId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Snapshots are an optimisation, so a snapshots table that is missing (not yet created, or misnamed)
 * must cost speed only: the service starts with a warning naming the table, and every command works.
 */
class MissingSnapshotsTableIT {

    @Test
    void without_its_snapshots_table_the_service_starts_with_a_warning_and_every_command_still_works() {
        String missing = "no-such-snapshots-" + UUID.randomUUID();
        var logged = new ListAppender<ILoggingEvent>();
        logged.start();
        var loggers = new Logger[] {logger("dev.tributary.command.eventstore.EventStoreCheck"), logger(Snapshots.class.getName())};
        for (Logger logger : loggers) {
            logger.addAppender(logged);
        }
        try (var service = new CommandServiceFixture(Map.of(
                "tributary.dynamodb.snapshots-table", missing,
                "tributary.command.snapshot-every", 2))) {
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("the snapshots table '" + missing + "' does not exist")
                        .contains("TRIBUTARY_DYNAMODB_SNAPSHOTS_TABLE");
            });

            UUID customer = service.customer();
            UUID product = service.product(5);
            for (int i = 0; i < 6; i++) {
                CommandServiceFixture.ok(service.post("/products/" + product + "/restock", "{\"quantity\":1}"));
            }
            UUID order = CommandServiceFixture.created(service.post("/orders",
                    "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":4}]}"));
            CommandServiceFixture.ok(service.post("/orders/" + order + "/pay", null));
            CommandServiceFixture.ok(service.post("/orders/" + order + "/cancel", null));
            service.bean(DynamoSnapshots.class).flush();

            var aggregates = service.bean(Aggregates.class);
            var loaded = aggregates.load(Shop.product(product), ProductAggregate.INSTANCE);
            assertThat(loaded.version()).isEqualTo(10);
            assertThat(((Listed) loaded.state()).available()).isEqualTo(11);
            assertThat(loaded.state()).isEqualTo(Histories.fold(service, Shop.product(product), ProductAggregate.INSTANCE));
            assertThat(aggregates.load(Shop.order(order), OrderAggregate.INSTANCE).state()).isInstanceOf(OrderState.Cancelled.class);
            assertThatThrownBy(() -> service.dynamo.describeTable(d -> d.tableName(missing)))
                    .as("nothing creates it behind the operator's back").isInstanceOf(ResourceNotFoundException.class);
            assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("cannot read snapshots from table " + missing))
                    .as("failures are warned about at most once a minute").hasSize(1);
        } finally {
            for (Logger logger : loggers) {
                logger.detachAppender(logged);
            }
        }
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
