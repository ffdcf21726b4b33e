package io.papersearch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.papersearch.embed.Embedders;
import io.papersearch.embed.ObservedEmbedder;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import io.papersearch.testing.FakeEmbedder;
import io.papersearch.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} after real requests through the real server. */
class MetricsRouteTest {
  @TempDir Path dir;
  Metrics metrics;
  FakeEmbedder en;
  PaperIndex index;
  Javalin app;

  @BeforeEach
  void setUp() {
    metrics = new Metrics();
    en = new FakeEmbedder("fake-en", "en");
    Embedders embedders = new Embedders(new ObservedEmbedder(en, metrics), new ObservedEmbedder(new FakeEmbedder("fake-zh", "zh"), metrics));
    index = Fixtures.indexedCorpus(dir, embedders);
    app = HttpApi.create(new SearchService(index, embedders), ServerConfig.defaults().withPort(0), metrics);
  }

  @AfterEach
  void tearDown() {
    index.close();
    metrics.close();
  }

  /**
   * The value of the one sample of {@code name} carrying all of {@code labels}, or null if there is
   * none; fails if several match (a label set that is not specific enough is a test bug).
   */
  static Double sample(String scrape, String name, Map<String, String> labels) {
    Double found = null;
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{.*})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(scrape);
    while (m.find()) {
      String labelText = m.group(1) == null ? "" : m.group(1);
      boolean all = labels.entrySet().stream().allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""));
      if (all) {
        assertThat(found).as("several samples of " + name + " match " + labels).isNull();
        found = Double.parseDouble(m.group(2));
      }
    }
    return found;
  }

  @Test
  void requests_are_counted_by_route_template_method_and_status() {
    JavalinTest.test(app, (server, client) -> {
      assertThat(client.get("/papers/p2").code()).isEqualTo(200);
      assertThat(client.get("/papers/p3").code()).isEqualTo(200);
      assertThat(client.get("/papers/nope").code()).isEqualTo(404);
      assertThat(client.get("/search?q=segmentation&mode=keyword").code()).isEqualTo(200);
      assertThat(client.get("/search?q=x&limit=0").code()).isEqualTo(400);
      assertThat(client.get("/no/such/route/123").code()).isEqualTo(404);
      assertThat(client.get("/no/such/route/456").code()).isEqualTo(404);
      assertThat(client.delete("/health").code()).isEqualTo(405);
      // HEAD runs the GET route and is labelled by its template.
      java.net.http.HttpResponse<Void> head = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + server.port() + "/papers/p4/similar"))
              .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      assertThat(head.statusCode()).isEqualTo(200);

      Response r = client.get("/metrics");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.headers().get("Content-Type").get(0)).startsWith("text/plain").contains("version=0.0.4");
      String text = r.body().string();
      String count = "http_server_requests_seconds_count";
      assertThat(sample(text, count, Map.of("method", "GET", "route", "/papers/{id}", "status", "200"))).isEqualTo(2.0);
      assertThat(sample(text, count, Map.of("method", "GET", "route", "/papers/{id}", "status", "404"))).isEqualTo(1.0);
      assertThat(sample(text, count, Map.of("method", "GET", "route", "/search", "status", "200"))).isEqualTo(1.0);
      assertThat(sample(text, count, Map.of("method", "GET", "route", "/search", "status", "400"))).isEqualTo(1.0);
      // No route matched: one series for every probed path, never the raw paths themselves.
      assertThat(sample(text, count, Map.of("method", "GET", "route", "unmatched", "status", "404"))).isEqualTo(2.0);
      assertThat(sample(text, count, Map.of("method", "DELETE", "route", "unmatched", "status", "405"))).isEqualTo(1.0);
      assertThat(sample(text, count, Map.of("method", "HEAD", "route", "/papers/{id}/similar", "status", "200"))).isEqualTo(1.0);
      assertThat(text).doesNotContain("/papers/p2", "/papers/p4", "/no/such/route");
      assertThat(sample(text, "http_server_requests_seconds_sum", Map.of("route", "/search", "status", "200"))).isPositive();
      assertThat(sample(text, "http_server_requests_seconds_bucket", Map.of("route", "/search", "status", "200", "le", "+Inf")))
          .isEqualTo(1.0);
    });
  }

  @Test
  void query_and_passage_embeddings_are_timed_per_model() {
    JavalinTest.test(app, (server, client) -> {
      int passagesBefore = en.calls.get();
      assertThat(client.get("/search?q=lesion+detection&mode=semantic").code()).isEqualTo(200);
      // Asked again: the query-vector cache answers, and a cache hit is not a model run.
      assertThat(client.get("/search?q=lesion+detection&mode=semantic").code()).isEqualTo(200);
      assertThat(en.calls.get()).isEqualTo(passagesBefore + 1);

      String text = client.get("/metrics").body().string();
      String count = "papersearch_embedding_seconds_count";
      assertThat(sample(text, count, Map.of("model", "fake-en", "role", "query"))).isEqualTo(1.0);
      // Indexing the five-paper corpus embedded five English passages (every paper has English text).
      assertThat(sample(text, count, Map.of("model", "fake-en", "role", "passage"))).isEqualTo(5.0);
      assertThat(sample(text, count, Map.of("model", "fake-zh", "role", "passage"))).isEqualTo(3.0);
      assertThat(sample(text, count, Map.of("model", "fake-zh", "role", "query"))).isNull();
    });
  }

  @Test
  void papers_index_size_and_jvm_gauges_are_exported() {
    JavalinTest.test(app, (server, client) -> {
      String text = client.get("/metrics").body().string();
      assertThat(sample(text, "papersearch_papers", Map.of())).isEqualTo(5.0);
      assertThat(sample(text, "papersearch_index_size_bytes", Map.of())).isEqualTo((double) index.sizeOnDisk()).isPositive();
      for (String jvm : List.of("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_uptime_seconds")) {
        assertThat(text).as(jvm).contains(jvm);
      }
    });
  }

  @Test
  void unknown_methods_share_one_label() {
    Metrics m = new Metrics();
    try {
      m.request("BREW", null, 405, 1_000);
      m.request("PROPFIND", null, 405, 1_000);
      String text = m.scrape();
      assertThat(sample(text, "http_server_requests_seconds_count", Map.of("method", "OTHER", "status", "405"))).isEqualTo(2.0);
      assertThat(text).doesNotContain("BREW", "PROPFIND");
    } finally {
      m.close();
    }
  }
}
