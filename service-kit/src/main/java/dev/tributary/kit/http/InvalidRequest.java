package dev.tributary.kit.http;

/**
 * A request this service understood but cannot take as it is: answered with 400 and a problem whose
 * detail is this exception's message, which must say what to change. Nothing was written.
 */
public abstract class InvalidRequest extends IllegalArgumentException {

    protected InvalidRequest(String message) {
        super(message);
    }
}
