-- A test projection: each customer's initial, upper-cased. A name that begins with the digit 9 cannot be
-- applied (the check fails), which the tests use as a projection's bug.
CREATE TABLE customer_initials (
    customer_id uuid    PRIMARY KEY,
    initial     char(1) NOT NULL CHECK (initial <> '9'),
    version     bigint  NOT NULL
);
