package dev.tributary.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event type's stored name: what its items carry in {@code type}, for as long as they are kept. The
 * class may be renamed or moved; this may never change, and no two event types may share it. Every
 * registered event record carries it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventName {

    /** A capitalized ASCII word such as {@code CustomerRegistered}. */
    String value();
}
