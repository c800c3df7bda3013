package io.custos.service.limits;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An endpoint that writes on the caller's behalf (a submission, a verdict, a proposal): each call
 * takes one from the caller's allowance ({@link CallerRateLimit}) before it does anything, or is
 * refused with 429. Reads are not limited, and neither is the emergency freeze: a brake must never
 * be refused for its pace.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface RateLimited {}
