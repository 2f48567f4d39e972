package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Orders and products as apps read them, from rows as the projector writes them. */
class AppReadsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static QueryFixture query;

    @BeforeAll
    static void start() {
        query = QueryFixture.shared();
    }


    @Test
    void an_order_comes_with_its_lines_and_status_history() throws Exception {
        var order = UUID.randomUUID();
        var product = UUID.randomUUID();
        insertOrder(order, UUID.randomUUID(), "paid", "2026-11-20T09:00:00Z");
        QueryFixture.execute(
                "INSERT INTO order_lines VALUES ('" + order + "', 1, '" + product + "', 3, 1000)",
                "INSERT INTO order_status_history VALUES ('" + order + "', 1, 'placed', '2026-11-20T09:00:00Z')",
                "INSERT INTO order_status_history VALUES ('" + order + "', 2, 'paid', '2026-11-20T09:05:00Z')");

        var body = json(query.get("/orders/" + order).body());

        assertThat(body.get("status").asText()).isEqualTo("paid");
        assertThat(body.get("total").get("minor").asLong()).isEqualTo(3000);
        assertThat(body.get("lines").get(0).get("productId").asText()).isEqualTo(product.toString());
        assertThat(body.get("lines").get(0).get("quantity").asLong()).isEqualTo(3);
        assertThat(body.get("history").findValuesAsText("status")).containsExactly("placed", "paid");
        assertThat(query.get("/orders/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void a_customer_s_orders_page_by_cursor_newest_first_without_repeats_or_gaps() throws Exception {
        var customer = UUID.randomUUID();
        var expected = new ArrayList<String>();
        for (int day = 1; day <= 7; day++) {
            var order = UUID.randomUUID();
            insertOrder(order, customer, day % 2 == 0 ? "cancelled" : "placed", "2026-11-0" + day + "T12:00:00Z");
            expected.addFirst(order.toString());
        }

        var seen = new ArrayList<String>();
        String next = null;
        int pages = 0;
        do {
            var page = json(query.get("/customers/" + customer + "/orders?limit=3" + (next == null ? "" : "&after=" + next)).body());
            page.get("items").forEach(o -> seen.add(o.get("id").asText()));
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        } while (next != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
        var cancelledInRange = json(query.get("/customers/" + customer
                + "/orders?status=cancelled&from=2026-11-03T00:00:00Z&to=2026-11-07T00:00:00Z").body());
        assertThat(cancelledInRange.get("items").findValuesAsText("placedAt"))
                .containsExactly("2026-11-06T12:00:00Z", "2026-11-04T12:00:00Z");
    }

    @Test
    void products_are_found_by_name_or_sku_and_by_low_stock() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        insertProduct("Brass Gear " + tag, "BG-" + tag, 100, 95);
        insertProduct("Steel Gear " + tag, "SG-" + tag, 100, 10);
        insertProduct("Copper Wire", "CW-" + tag, 3, 0);

        var gears = json(query.get("/products?q=gear%20" + tag).body());
        assertThat(gears.get("items").findValuesAsText("name")).containsExactly("Brass Gear " + tag, "Steel Gear " + tag);
        var bySku = json(query.get("/products?q=cw-" + tag).body());
        assertThat(bySku.get("items").findValuesAsText("name")).containsExactly("Copper Wire");
        var low = json(query.get("/products?lowStock=5&q=" + tag).body());
        assertThat(low.get("items").findValuesAsText("sku")).containsExactly("BG-" + tag, "CW-" + tag);
        assertThat(low.get("items").get(0).get("available").asLong()).isEqualTo(5);
    }

    @Test
    void a_page_with_no_match_still_carries_an_empty_items_list() throws Exception {
        String nothing = UUID.randomUUID().toString();
        for (String path : List.of("/products?lowStock=0&q=" + nothing, "/products?q=" + nothing,
                "/customers/" + UUID.randomUUID() + "/orders")) {
            var response = query.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo("{\"items\":[]}");
        }
    }

    @Test
    void bad_paging_input_is_a_400_problem() throws Exception {
        for (String path : List.of("/products?after=not-a-cursor", "/products?limit=0", "/products?limit=101",
                "/customers/" + UUID.randomUUID() + "/orders?status=lost", "/customers/" + UUID.randomUUID() + "/orders?from=yesterday")) {
            var response = query.get(path);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    private static void insertOrder(UUID order, UUID customer, String status, String placedAt) throws Exception {
        QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                + "VALUES ('" + order + "', '" + customer + "', '" + status + "', 3000, 'EUR', '" + placedAt + "', '" + placedAt + "', 1)");
    }

    private static void insertProduct(String name, String sku, long onHand, long reserved) throws Exception {
        QueryFixture.execute("INSERT INTO products (product_id, sku, name, price_minor, currency, on_hand, reserved, added_at, updated_at, version) "
                + "VALUES ('" + UUID.randomUUID() + "', '" + sku + "', '" + name + "', 500, 'EUR', " + onHand + ", " + reserved
                + ", now(), now(), 1)");
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }
}
