package dev.tributary.domains.shop.command.product;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.domain.AggregateNotFound;
import dev.tributary.domain.CommandRejected;
import dev.tributary.domain.Decider;
import dev.tributary.domains.shop.command.product.ProductCommand.AddProduct;
import dev.tributary.domains.shop.command.product.ProductCommand.ChangePrice;
import dev.tributary.domains.shop.command.product.ProductCommand.ChangeCategory;
import dev.tributary.domains.shop.command.product.ProductCommand.Discontinue;
import dev.tributary.domains.shop.command.product.ProductCommand.ReleaseStock;
import dev.tributary.domains.shop.command.product.ProductCommand.ReserveStock;
import dev.tributary.domains.shop.command.product.ProductCommand.Restock;
import dev.tributary.domains.shop.command.product.ProductState.Discontinued;
import dev.tributary.domains.shop.command.product.ProductState.Listed;
import dev.tributary.domains.shop.command.product.ProductState.Unlisted;
import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.ProductEvent;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductCategoryChanged;
import dev.tributary.domains.shop.events.ProductEvent.ProductDiscontinued;
import dev.tributary.domains.shop.events.ProductEvent.ProductPriceChanged;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.ProductEvent.StockReleased;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import java.util.List;

/**
 * The Product aggregate's rules. The invariant: stock reserved never exceeds stock available, so
 * nothing is oversold. A discontinued product takes no orders and no restocks, but cancelled orders
 * still give their units back.
 */
public final class ProductDecider implements Decider<ProductCommand, ProductState, ProductEvent> {

    public static final ProductDecider INSTANCE = new ProductDecider();

    @Override
    public ProductState initialState() {
        return new Unlisted();
    }

    @Override
    public List<ProductEvent> decide(ProductCommand command, ProductState state) {
        return switch (command) {
            case AddProduct add -> switch (state) {
                case Unlisted ignored -> List.of(new ProductAdded(add.productId(), add.sku(), add.name(), add.price(), add.category()));
                case Listed ignored -> throw rejected(command, "is already in the catalog", "listed");
                case Discontinued ignored -> throw rejected(command, "is already in the catalog", "discontinued");
            };
            case ChangePrice change -> {
                var listed = listed(command, state);
                yield listed.price().equals(change.price()) ? List.of()
                        : List.of(new ProductPriceChanged(change.productId(), change.price()));
            }
            case ChangeCategory change -> {
                var listed = listed(command, state);
                yield listed.category().equals(change.category()) ? List.of()
                        : List.of(new ProductCategoryChanged(change.productId(), change.category()));
            }
            case Restock restock -> {
                listed(command, state);
                yield List.of(new ProductRestocked(restock.productId(), restock.quantity()));
            }
            case Discontinue discontinue -> {
                listed(command, state);
                yield List.of(new ProductDiscontinued(discontinue.productId()));
            }
            case ReserveStock reserve -> {
                var listed = listed(command, state);
                if (listed.available() < reserve.quantity()) {
                    throw new CommandRejected("product " + reserve.productId() + " has " + listed.available()
                            + " available, " + reserve.quantity() + " asked", "available: " + listed.available());
                }
                yield List.of(new StockReserved(reserve.productId(), reserve.orderId(), reserve.quantity()));
            }
            case ReleaseStock release -> switch (state) {
                case Unlisted ignored -> throw new AggregateNotFound(Shop.product(release.productId()));
                case Listed ignored -> List.of(new StockReleased(release.productId(), release.orderId(), release.quantity()));
                case Discontinued ignored -> List.of(new StockReleased(release.productId(), release.orderId(), release.quantity()));
            };
        };
    }

    @Override
    public ProductState evolve(ProductState state, ProductEvent event) {
        return switch (event) {
            case ProductAdded added -> new Listed(added.sku(), added.name(), added.price(), 0, added.category());
            case ProductPriceChanged changed -> state instanceof Listed l
                    ? new Listed(l.sku(), l.name(), changed.price(), l.available(), l.category()) : state;
            case ProductCategoryChanged changed -> state instanceof Listed l
                    ? new Listed(l.sku(), l.name(), l.price(), l.available(), changed.category()) : state;
            case ProductRestocked restocked -> withAvailable(state, restocked.quantity());
            case StockReserved reserved -> withAvailable(state, -reserved.quantity());
            case StockReleased released -> withAvailable(state, released.quantity());
            case ProductDiscontinued ignored -> new Discontinued(available(state));
        };
    }

    @Override
    public Class<ProductEvent> eventType() {
        return ProductEvent.class;
    }

    private static ProductState withAvailable(ProductState state, long delta) {
        return switch (state) {
            case Listed l -> new Listed(l.sku(), l.name(), l.price(), l.available() + delta, l.category());
            case Discontinued d -> new Discontinued(d.available() + delta);
            case Unlisted u -> u;
        };
    }

    private static long available(ProductState state) {
        return switch (state) {
            case Listed l -> l.available();
            case Discontinued d -> d.available();
            case Unlisted ignored -> 0;
        };
    }

    private static Listed listed(ProductCommand command, ProductState state) {
        return switch (state) {
            case Listed listed -> listed;
            case Unlisted ignored -> throw new AggregateNotFound(Shop.product(command.productId()));
            case Discontinued ignored -> throw rejected(command, "is discontinued", "discontinued");
        };
    }

    private static CommandRejected rejected(ProductCommand command, String why, String state) {
        return new CommandRejected("product " + command.productId() + " " + why, state);
    }
}
