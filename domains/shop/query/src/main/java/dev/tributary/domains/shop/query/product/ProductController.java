package dev.tributary.domains.shop.query.product;

import dev.tributary.query.paging.Cursor;
import dev.tributary.query.paging.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** The catalogue for apps, with stock. */
@Controller("/products")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"reader", "analyst", "admin"})
class ProductController {

    private final JooqProductReads products;

    ProductController(JooqProductReads products) {
        this.products = products;
    }

    /**
     * Products by name.
     *
     * @param q        text found in the name or the sku, ignoring case
     * @param lowStock only listed products with at most this many units available
     * @param after    the {@code next} cursor of the previous page
     * @param limit    1 to 100
     */
    @Get
    Page<ProductView> search(@Nullable @QueryValue @Size(max = 200) String q,
                             @Nullable @QueryValue @Min(0) Long lowStock,
                             @Nullable @QueryValue String after,
                             @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return products.search(q, lowStock, after == null ? null : Cursor.decode(after), limit);
    }
}
