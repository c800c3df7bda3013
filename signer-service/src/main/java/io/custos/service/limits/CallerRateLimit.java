package io.custos.service.limits;

import io.custos.service.api.TooManyRequests;
import io.custos.service.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per subject over the calls that write (submissions, verdicts): a stolen or runaway
 * client cannot flood the database, the policy engine or the approvers' queue. The bucket holds a
 * minute's allowance and refills continuously. Per instance: behind a load balancer the effective
 * limit is this times the instances.
 */
@ApplicationScoped
public class CallerRateLimit {

  private final double capacity;
  private final double perNano;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  CallerRateLimit(RateLimitConfig config) {
    this.capacity = config.requestsPerMinute();
    this.perNano = capacity / Duration.ofMinutes(1).toNanos();
  }

  /**
   * Takes one call from the caller's allowance.
   *
   * @throws TooManyRequests when it is spent, saying when the next call will be allowed
   */
  public void take(Caller caller) {
    Bucket bucket = buckets.computeIfAbsent(caller.subject(), s -> new Bucket(capacity));
    long waitNanos = bucket.take(System.nanoTime());
    if (waitNanos > 0) {
      throw new TooManyRequests(
          caller.username()
              + " made more than "
              + (long) capacity
              + " submissions and verdicts in a minute",
          Duration.ofNanos(waitNanos));
    }
  }

  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens) {
      this.tokens = tokens;
      this.last = System.nanoTime();
    }

    /** 0 when a token was taken, otherwise the nanoseconds until one is there. */
    synchronized long take(long now) {
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perNano);
    }
  }
}
