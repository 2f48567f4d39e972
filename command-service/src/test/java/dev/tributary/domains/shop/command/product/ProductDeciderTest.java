package dev.tributary.domains.shop.command.product;

import static dev.tributary.command.handling.DeciderSpec.given;

import dev.tributary.domains.shop.command.product.ProductCommand.AddProduct;
import dev.tributary.domains.shop.command.product.ProductCommand.ChangePrice;
import dev.tributary.domains.shop.command.product.ProductCommand.Discontinue;
import dev.tributary.domains.shop.command.product.ProductCommand.ReleaseStock;
import dev.tributary.domains.shop.command.product.ProductCommand.ReserveStock;
import dev.tributary.domains.shop.command.product.ProductCommand.Restock;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductDiscontinued;
import dev.tributary.domains.shop.events.ProductEvent.ProductPriceChanged;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.ProductEvent.StockReleased;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductDeciderTest {

    private static final ProductDecider PRODUCT = ProductDecider.INSTANCE;
    private static final Money PRICE = new Money(1999, "EUR");
    private final UUID id = UUID.randomUUID();
    private final UUID order = UUID.randomUUID();
    private final ProductAdded added = new ProductAdded(id, "SKU-1", "Engine", PRICE, "uncategorized");
    private final ProductRestocked ten = new ProductRestocked(id, 10);

    @Test
    void a_new_product_joins_the_catalog_once() {
        given(PRODUCT).when(new AddProduct(id, "SKU-1", "Engine", PRICE, "uncategorized")).then(added);
        given(PRODUCT, added).when(new AddProduct(id, "SKU-1", "Engine", PRICE, "uncategorized")).thenRejectedIn("listed");
        given(PRODUCT, added, new ProductDiscontinued(id)).when(new AddProduct(id, "SKU-1", "Engine", PRICE, "uncategorized"))
                .thenRejectedIn("discontinued");
    }

    @Test
    void a_listed_product_changes_price_unless_it_is_the_same() {
        var newPrice = new Money(2499, "EUR");
        given(PRODUCT, added).when(new ChangePrice(id, newPrice)).then(new ProductPriceChanged(id, newPrice));
        given(PRODUCT, added).when(new ChangePrice(id, PRICE)).thenNothingChanges();
    }

    @Test
    void a_listed_product_is_restocked() {
        given(PRODUCT, added).when(new Restock(id, 10)).then(ten);
    }

    @Test
    void stock_is_reserved_up_to_what_is_available_and_never_beyond() {
        given(PRODUCT, added, ten).when(new ReserveStock(id, order, 10)).then(new StockReserved(id, order, 10));
        given(PRODUCT, added, ten).when(new ReserveStock(id, order, 11)).thenRejectedIn("available: 10");
        given(PRODUCT, added, ten, new StockReserved(id, UUID.randomUUID(), 8))
                .when(new ReserveStock(id, order, 3)).thenRejectedIn("available: 2");
        given(PRODUCT, added).when(new ReserveStock(id, order, 1)).thenRejectedIn("available: 0");
    }

    @Test
    void released_stock_can_be_reserved_again() {
        var other = UUID.randomUUID();
        given(PRODUCT, added, ten, new StockReserved(id, other, 10), new StockReleased(id, other, 10))
                .when(new ReserveStock(id, order, 10)).then(new StockReserved(id, order, 10));
    }

    @Test
    void a_discontinued_product_takes_no_orders_restocks_or_price_changes() {
        var gone = new ProductDiscontinued(id);
        given(PRODUCT, added, ten, gone).when(new ReserveStock(id, order, 1)).thenRejectedIn("discontinued");
        given(PRODUCT, added, gone).when(new Restock(id, 5)).thenRejectedIn("discontinued");
        given(PRODUCT, added, gone).when(new ChangePrice(id, new Money(1, "EUR"))).thenRejectedIn("discontinued");
        given(PRODUCT, added, gone).when(new Discontinue(id)).thenRejectedIn("discontinued");
    }

    @Test
    void a_cancelled_order_gives_stock_back_even_to_a_discontinued_product() {
        given(PRODUCT, added, ten, new StockReserved(id, order, 4), new ProductDiscontinued(id))
                .when(new ReleaseStock(id, order, 4)).then(new StockReleased(id, order, 4));
    }

    @Test
    void a_listed_product_is_discontinued() {
        given(PRODUCT, added).when(new Discontinue(id)).then(new ProductDiscontinued(id));
    }

    @Test
    void commands_on_an_unknown_product_are_not_found() {
        given(PRODUCT).when(new ChangePrice(id, PRICE)).thenNotFound();
        given(PRODUCT).when(new Restock(id, 1)).thenNotFound();
        given(PRODUCT).when(new Discontinue(id)).thenNotFound();
        given(PRODUCT).when(new ReserveStock(id, order, 1)).thenNotFound();
        given(PRODUCT).when(new ReleaseStock(id, order, 1)).thenNotFound();
    }
}
