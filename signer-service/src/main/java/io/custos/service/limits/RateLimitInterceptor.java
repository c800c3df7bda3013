package io.custos.service.limits;

import io.custos.service.identity.CurrentCaller;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Takes one call from the caller's allowance before a {@link RateLimited} endpoint runs. */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class RateLimitInterceptor {

  private final CallerRateLimit limit;
  private final CurrentCaller caller;

  RateLimitInterceptor(CallerRateLimit limit, CurrentCaller caller) {
    this.limit = limit;
    this.caller = caller;
  }

  @AroundInvoke
  Object takeOne(InvocationContext call) throws Exception {
    limit.take(caller.get());
    return call.proceed();
  }
}
