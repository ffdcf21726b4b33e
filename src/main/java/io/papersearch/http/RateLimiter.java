package io.papersearch.http;

import io.papersearch.search.ErrorCode;
import io.papersearch.search.PapersearchException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: each client may make {@code perSecond} requests a second on
 * average and bursts of up to twice that. One client hammering the server (a runaway script, a
 * scraper) then gets {@code 429 rate_limited} instead of taking the CPU every other client needs:
 * on two cores a few dozen uncached questions a second is all the query model can answer.
 *
 * <p>Clients are told apart by remote address; behind a reverse proxy every request has the
 * proxy's address, so the proxy should limit instead (README, Configuration). Idle buckets are
 * dropped so the map stays small. Thread-safe.
 */
final class RateLimiter {
  /** Above this many tracked clients, buckets idle for a minute are dropped. */
  private static final int PRUNE_ABOVE = 10_000;
  private static final long IDLE_NANOS = 60_000_000_000L;

  private final double perSecond;
  private final double burst;
  private final LongSupplier clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  RateLimiter(int perSecond) {
    this(perSecond, System::nanoTime);
  }

  /** With a clock in nanoseconds (tests). */
  RateLimiter(int perSecond, LongSupplier clock) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("rateLimit must be >= 1 request per second, got " + perSecond);
    }
    this.perSecond = perSecond;
    this.burst = 2.0 * perSecond;
    this.clock = clock;
  }

  /**
   * Takes one request's token for {@code client}.
   *
   * @throws PapersearchException {@code rate_limited}, saying when to retry, if the bucket is empty
   */
  void acquire(String client) {
    long now = clock.getAsLong();
    if (buckets.size() > PRUNE_ABOVE) {
      prune(now);
    }
    Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
    double wait;
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (now - b.last) / 1e9 * perSecond);
      b.last = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return;
      }
      wait = (1 - b.tokens) / perSecond;
    }
    throw new RateLimited(wait);
  }

  private void prune(long now) {
    for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
      Bucket b = it.next().getValue();
      synchronized (b) {
        if (now - b.last > IDLE_NANOS) {
          it.remove();
        }
      }
    }
  }

  /** The refusal, with the seconds after which a request will pass (for {@code Retry-After}). */
  static final class RateLimited extends PapersearchException {
    final int retryAfterSeconds;

    RateLimited(double waitSeconds) {
      super(ErrorCode.RATE_LIMITED, "too many requests from this client; retry in " + Math.max(1, (int) Math.ceil(waitSeconds)) + " s");
      this.retryAfterSeconds = Math.max(1, (int) Math.ceil(waitSeconds));
    }
  }
}
