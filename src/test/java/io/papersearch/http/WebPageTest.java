package io.papersearch.http;

import static io.papersearch.http.HttpApiTest.assertError;
import static io.papersearch.http.HttpApiTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.papersearch.embed.Embedders;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import io.papersearch.testing.Fixtures;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search page as the server serves it (what it does in a browser is {@code WebPageIT}'s job):
 * open, self-contained, accepting its own URL parameters and no others.
 */
class WebPageTest {
  @TempDir Path dir;
  PaperIndex index;
  SearchService search;

  @BeforeEach
  void setUp() {
    Embedders embedders = Fixtures.fakeEmbedders();
    index = Fixtures.indexedCorpus(dir, embedders);
    search = new SearchService(index, embedders);
  }

  @AfterEach
  void tearDown() {
    index.close();
  }

  @Test
  void the_page_is_html_for_phones_with_nothing_loaded_from_elsewhere() {
    JavalinTest.test(HttpApi.create(search, ServerConfig.defaults().withPort(0)), (server, client) -> {
      Response r = client.get("/");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.headers().get("Content-Type").get(0)).startsWith("text/html").containsIgnoringCase("charset=utf-8");
      String html = r.body().string();
      assertThat(html).contains("<meta name=\"viewport\"", "role=\"search\"", "aria-live", "history.pushState", "popstate");
      // Offline: no CDN, no external script, style, font or image.
      assertThat(html).doesNotContain("<script src", "<link", "@import", "url(", "<img", "<iframe");
      // The only absolute address is where a DOI link points, never something the page loads.
      Matcher m = Pattern.compile("https?://[^\"' )]*").matcher(html);
      while (m.find()) {
        assertThat(m.group()).isEqualTo("https://doi.org/");
      }
    });
  }

  @Test
  void a_shared_link_with_the_pages_parameters_gets_the_page_and_other_parameters_are_refused() {
    JavalinTest.test(HttpApi.create(search, ServerConfig.defaults().withPort(0)), (server, client) -> {
      Response r = client.get("/?q=%E5%8D%8A%E7%9B%91%E7%9D%A3&mode=keyword&yearFrom=2020&yearTo=2023&venue=MICCAI&offset=10&similar=p2");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).startsWith("<!doctype html>");
      assertError(reply(client.get("/?bogus=1")), 400, "unknown_parameter", "bogus");
    });
  }

  @Test
  void the_page_stays_open_when_reads_need_the_key_and_says_where_the_key_goes() {
    JavalinTest.test(HttpApi.create(search, ServerConfig.defaults().withApiKey("k3y-0123456789abcdef", true).withPort(0)), (server, client) -> {
      Response r = client.get("/");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).contains("id=\"apiKey\"", "\"Bearer \"", "sessionStorage");
      assertThat(client.get("/search?q=x").code()).isEqualTo(401);
    });
  }
}
