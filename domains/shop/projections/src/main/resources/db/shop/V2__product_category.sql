-- Products have a category (ProductAdded schema 2, ProductCategoryChanged). Every product added before
-- has none: its ProductAdded is schema 1, which reads as 'uncategorized', so that is what the rows
-- already here hold. A rebuild of the shop's projection computes the same from the events.
ALTER TABLE products ADD COLUMN category text NOT NULL DEFAULT 'uncategorized';
CREATE INDEX products_category_idx ON products (category);
