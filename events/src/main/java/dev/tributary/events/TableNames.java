package dev.tributary.events;

/** The DynamoDB table names of one deployment. */
public record TableNames(String events, String idempotency) {

    public static final TableNames DEFAULTS = new TableNames("tributary-events", "tributary-idempotency");
}
