package io.papersearch.http;

import static io.papersearch.http.HttpApiTest.assertError;
import static io.papersearch.http.HttpApiTest.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.testtools.JavalinTest;
import io.papersearch.embed.Embedders;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import io.papersearch.testing.Fixtures;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimiterTest {
  @TempDir Path dir;

  @Test
  void a_client_gets_a_burst_of_twice_the_rate_then_the_rate() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(5, now::get);
    for (int i = 0; i < 10; i++) {
      limiter.acquire("a"); // the burst
    }
    assertThatThrownBy(() -> limiter.acquire("a"))
        .isInstanceOf(RateLimiter.RateLimited.class)
        .hasMessage("too many requests from this client; retry in 1 s");
    limiter.acquire("b"); // another client has its own bucket
    now.addAndGet(200_000_000L); // 0.2 s at 5/s: one token
    limiter.acquire("a");
    assertThatThrownBy(() -> limiter.acquire("a")).isInstanceOf(RateLimiter.RateLimited.class);
  }

  @Test
  void the_rate_must_be_positive() {
    assertThatThrownBy(() -> new RateLimiter(0)).hasMessage("rateLimit must be >= 1 request per second, got 0");
    assertThatThrownBy(() -> ServerConfig.defaults().withRateLimit(-1)).hasMessage("rateLimit must be >= 0 (0: no limit), got -1");
  }

  @Test
  void the_server_answers_429_with_retry_after_but_never_limits_health() {
    Embedders embedders = Fixtures.fakeEmbedders();
    try (PaperIndex index = Fixtures.indexedCorpus(dir, embedders)) {
      var app = HttpApi.create(new SearchService(index, embedders), ServerConfig.defaults().withPort(0).withRateLimit(2));
      JavalinTest.test(app, (server, client) -> {
        int ok = 0;
        io.javalin.testtools.Response limited = null;
        for (int i = 0; i < 8; i++) {
          io.javalin.testtools.Response r = client.get("/papers/p1");
          if (r.code() == 200) {
            ok++;
          } else {
            limited = r;
            break;
          }
        }
        assertThat(ok).isBetween(4, 5); // a burst of 4, perhaps one refilled token
        assertThat(limited).isNotNull();
        assertThat(limited.headers().get("Retry-After").get(0)).isEqualTo("1");
        assertError(reply(limited), 429, "rate_limited", "too many requests from this client; retry in 1 s");
        for (int i = 0; i < 20; i++) {
          assertThat(client.get("/health").code()).isEqualTo(200);
        }
      });
    }
  }
}
