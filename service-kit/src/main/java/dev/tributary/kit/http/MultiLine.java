package dev.tributary.kit.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request field whose text may hold line breaks and tabs ({@code \n}, {@code \r}, {@code \t}), such as
 * an analyst's SQL. Every other control character, NUL and lone surrogates are still refused.
 * Nothing a command stores in an event is multi-line.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface MultiLine {
}
