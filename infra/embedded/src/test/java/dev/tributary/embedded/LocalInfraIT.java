package dev.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class LocalInfraIT {

    @Test
    void dynamodb_local_keeps_its_tables_on_disk_across_a_restart(@TempDir Path dir) {
        int port = Ports.free();
        try (var dynamo = LocalDynamo.start(port, dir); var client = dynamo.client()) {
            client.createTable(t -> t.tableName("kept")
                    .billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            client.putItem(p -> p.tableName("kept").item(Map.of("id", AttributeValue.fromS("kept"))));
        }
        try (var dynamo = LocalDynamo.start(port, dir); var client = dynamo.client()) {
            var item = client.getItem(g -> g.tableName("kept").key(Map.of("id", AttributeValue.fromS("kept")))).item();
            assertThat(item).containsEntry("id", AttributeValue.fromS("kept"));
        }
    }

    @Test
    void dynamodb_local_listens_on_loopback_only() throws Exception {
        var dynamo = SharedLocalInfra.dynamo();
        var external = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address)
                .findFirst();
        try (var ignored = new Socket(InetAddress.getLoopbackAddress(), dynamo.endpoint().getPort())) {
            assertThat(ignored.isConnected()).isTrue();
        }
        if (external.isPresent()) {
            assertThat(canConnect(external.get(), dynamo.endpoint().getPort())).isFalse();
        }
    }

    @Test
    void postgres_keeps_committed_rows_across_a_restart(@TempDir Path dir) throws Exception {
        int port = Ports.free();
        try (var postgres = LocalPostgres.start(port, dir.resolve("pg"));
             var c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "")) {
            c.createStatement().execute("CREATE TABLE kept (id int)");
            c.createStatement().execute("INSERT INTO kept VALUES (42)");
            var fsync = c.createStatement().executeQuery("SHOW fsync");
            fsync.next();
            assertThat(fsync.getString(1)).isEqualTo("on");
        }
        try (var postgres = LocalPostgres.start(port, dir.resolve("pg"));
             var c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "")) {
            var rows = c.createStatement().executeQuery("SELECT id FROM kept");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    private static boolean canConnect(InetAddress address, int port) {
        try (var socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(address, port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
