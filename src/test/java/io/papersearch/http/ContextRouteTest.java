package io.papersearch.http;

import static io.papersearch.http.HttpApiTest.assertError;
import static io.papersearch.http.HttpApiTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.papersearch.embed.Embedders;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.CitationFormatter;
import io.papersearch.search.SearchService;
import io.papersearch.testing.Fixtures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /context} through the real server (fake 4-d model). */
class ContextRouteTest {
  @TempDir Path dir;
  PaperIndex index;
  Javalin app;

  @BeforeEach
  void setUp() {
    Embedders embedders = Fixtures.fakeEmbedders();
    index = Fixtures.indexedCorpus(dir, embedders);
    app = HttpApi.create(new SearchService(index, embedders), ServerConfig.defaults().withPort(0));
  }

  @AfterEach
  void tearDown() {
    index.close();
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void json_has_the_numbered_block_and_its_citations() {
    JavalinTest.test(app, (server, client) -> {
      HttpApiTest.Reply r = reply(client.get("/context?q=segmentation&mode=keyword&limit=2"));
      assertThat(r.status()).isEqualTo(200);
      JsonNode body = r.body();
      String context = body.get("context").asText();
      assertThat(context).isEqualTo("[1] Segmentation under domain shift. Émile Durand-Lovelace (2023). MICCAI. https://example.org/p5\n"
          + "Segmentation models that adapt to new scanners.\n\n"
          + "[2] Semi-supervised segmentation of organs. Ada Lovelace, Alan Turing (2021). MICCAI. https://example.org/p1\n"
          + "We study segmentation with few labels using consistency training.");
      assertThat(body.get("citations")).hasSize(2);
      JsonNode first = body.get("citations").get(0);
      assertThat(first.get("n").asInt()).isEqualTo(1);
      assertThat(first.get("id").asText()).isEqualTo("p5");
      assertThat(first.get("url").asText()).isEqualTo("https://example.org/p5");
      assertThat(first.get("authors").toString()).isEqualTo("[\"Émile Durand-Lovelace\"]");
      assertThat(body.get("citations").get(1).get("id").asText()).isEqualTo("p1");
      assertThat(body.get("totalChars").asInt()).isEqualTo(context.length());
      assertThat(body.get("maxChars").asInt()).isEqualTo(4000);
      assertThat(body.get("omitted").asInt()).isZero();
      assertThat(body.get("mode").asText()).isEqualTo("keyword");
      assertThat(body.get("lang").asText()).isEqualTo("en");
      assertThat(body.has("tookMs")).isTrue();
    });
  }

  @Test
  void the_budget_holds_exactly_and_drops_whole_citations() {
    JavalinTest.test(app, (server, client) -> {
      for (int max = 100; max <= 700; max += 37) {
        JsonNode body = reply(client.get("/context?q=segmentation&limit=5&maxChars=" + max)).body();
        String context = body.get("context").asText();
        assertThat(context.length()).as("maxChars=%d", max).isLessThanOrEqualTo(max);
        assertThat(body.get("totalChars").asInt()).isEqualTo(context.length());
        int cited = body.get("citations").size();
        assertThat(cited + body.get("omitted").asInt()).isEqualTo(5);
        for (int n = 1; n <= cited; n++) {
          String id = body.get("citations").get(n - 1).get("id").asText();
          var paper = Fixtures.corpus().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
          assertThat(context).as("maxChars=%d", max).contains(CitationFormatter.header(n, paper));
        }
        assertThat(context).doesNotContain("[" + (cited + 1) + "]");
      }
    });
  }

  @Test
  void a_chinese_question_gets_chinese_excerpts() {
    JavalinTest.test(app, (server, client) -> {
      JsonNode body = reply(client.get("/context?limit=1&q=" + q("配准"))).body();
      assertThat(body.get("lang").asText()).isEqualTo("zh");
      assertThat(body.get("context").asText())
          .isEqualTo("[1] Deformable registration with transformers. Grace Hopper, Ada Lovelace (2022). ICCV. https://example.org/p2\n"
              + "一种用于脑部扫描配准的网络。");
    });
  }

  @Test
  void accept_text_plain_gets_the_bare_block() throws Exception {
    JavalinTest.test(app, (server, client) -> {
      Response plain = client.get("/context?q=detection&limit=1", b -> b.header("Accept", "text/plain"));
      assertThat(plain.code()).isEqualTo(200);
      assertThat(plain.headers().get("Content-Type").get(0)).startsWith("text/plain");
      assertThat(plain.body().string()).startsWith("[1] Lesion detection in chest X-rays.").doesNotContain("{");
      // Errors stay JSON whatever the client prefers.
      assertError(reply(client.get("/context?q=x&maxChars=5", b -> b.header("Accept", "text/plain"))),
          400, "invalid_context_max_chars", "maxChars must be between 100 and 100000, got 5");
    });
  }

  @Test
  void json_wins_unless_text_plain_is_preferred() {
    assertThat(ContextRoute.prefersPlainText(null)).isFalse();
    assertThat(ContextRoute.prefersPlainText("*/*")).isFalse();
    assertThat(ContextRoute.prefersPlainText("application/json, text/plain")).isFalse();
    assertThat(ContextRoute.prefersPlainText("text/plain")).isTrue();
    assertThat(ContextRoute.prefersPlainText("text/plain, */*;q=0.8")).isTrue();
    assertThat(ContextRoute.prefersPlainText("text/*;q=0.5, application/json;q=0.4")).isTrue();
    assertThat(ContextRoute.prefersPlainText("text/plain;q=0.2, application/*")).isFalse();
  }

  @Test
  void bad_parameters_are_named() {
    JavalinTest.test(app, (server, client) -> {
      assertError(reply(client.get("/context?q=x&maxChars=99")), 400, "invalid_context_max_chars",
          "maxChars must be between 100 and 100000, got 99");
      assertError(reply(client.get("/context?q=x&maxChars=200000")), 400, "invalid_context_max_chars", "got 200000");
      assertError(reply(client.get("/context?q=x&maxChars=lots")), 400, "invalid_context_max_chars",
          "maxChars must be an integer, got 'lots'");
      assertError(reply(client.get("/context?q=x&maxChars=300&maxChars=400")), 400, "invalid_context_max_chars", "must be given once");
      assertError(reply(client.get("/context?maxChars=300")), 400, "invalid_search_q", "q must not be empty");
      assertError(reply(client.get("/context?q=x&limit=0")), 400, "invalid_search_limit", "limit must be between 1 and 100, got 0");
      assertError(reply(client.get("/context?q=x&mode=fuzzy")), 400, "invalid_search_mode", "got 'fuzzy'");
      assertError(reply(client.get("/context?q=x&lang=fr")), 400, "invalid_search_lang", "got 'fr'");
      assertError(reply(client.get("/context?q=x&yearFrom=2024&yearTo=2020")), 400, "invalid_search_year", "yearFrom must be <= yearTo");
      assertError(reply(client.get("/context?q=x&offset=5")), 400, "unknown_parameter", "unknown parameter 'offset'");
    });
  }

  @Test
  void year_filters_apply() {
    JavalinTest.test(app, (server, client) -> {
      JsonNode body = reply(client.get("/context?q=segmentation&yearFrom=2023")).body();
      assertThat(body.get("citations")).isNotEmpty();
      body.get("citations").forEach(c -> assertThat(c.get("year").asInt()).isGreaterThanOrEqualTo(2023));
    });
  }
}
