package dev.tributary.kit.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.micronaut.context.annotation.Factory;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import jakarta.inject.Singleton;
import jakarta.validation.Constraint;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** A currency code the JDK's ISO 4217 list holds, other than XXX (no currency) and XTS (testing). */
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {})
public @interface KnownCurrency {

    String message() default "must be an ISO 4217 currency code such as EUR";

    Class<?>[] groups() default {};

    Class<?>[] payload() default {};

    @Factory
    class Validators {

        private static final Set<String> CODES = Currency.getAvailableCurrencies().stream()
                .map(Currency::getCurrencyCode)
                .filter(code -> !code.equals("XXX") && !code.equals("XTS"))
                .collect(Collectors.toUnmodifiableSet());

        @Singleton
        ConstraintValidator<KnownCurrency, String> knownCurrency() {
            return (value, annotation, context) -> value == null || CODES.contains(value);
        }
    }
}
