package io.papersearch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.papersearch.embed.Embedders;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import io.papersearch.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route and documented error, through the real server (fake 4-d model). */
class HttpApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String JSON_TYPE = "application/json";

  static Response post(HttpClient client, String path, String body, String type) {
    return client.request(path, b -> b.post(BodyPublishers.ofString(body)).header("Content-Type", type));
  }

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

  record Reply(int status, JsonNode body) {}

  static Reply reply(Response r) throws IOException {
    String body = r.body().string();
    assertThat(r.headers().get("Content-Type").get(0)).startsWith("application/json");
    return new Reply(r.code(), JSON.readTree(body));
  }

  static void assertError(Reply r, int status, String code, String message) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.body().get("code").asText()).isEqualTo(code);
    assertThat(r.body().get("message").asText()).contains(message);
    assertThat(r.body().size()).isEqualTo(2);
  }

  @Test
  void search_returns_hits_with_paging_fields() {
    JavalinTest.test(app, (server, client) -> {
      Reply r = reply(client.get("/search?q=segmentation&limit=1&mode=keyword"));
      assertThat(r.status()).isEqualTo(200);
      JsonNode body = r.body();
      assertThat(body.get("hits")).hasSize(1);
      assertThat(body.get("totalHits").asInt()).isEqualTo(2);
      assertThat(body.get("limit").asInt()).isEqualTo(1);
      assertThat(body.get("offset").asInt()).isZero();
      assertThat(body.has("tookMs")).isTrue();
      assertThat(body.get("mode").asText()).isEqualTo("keyword");
      assertThat(body.get("lang").asText()).isEqualTo("en");
      JsonNode hit = body.get("hits").get(0);
      for (String f : new String[] {"id", "title", "authors", "year", "venue", "url", "abstract", "abstractZh", "score"}) {
        assertThat(hit.has(f)).as(f).isTrue();
      }
      assertThat(hit.has("explain")).isFalse();
    });
  }

  @Test
  void post_search_takes_the_same_fields_as_json() {
    JavalinTest.test(app, (server, client) -> {
      Reply r = reply(post(client, "/search", "{\"q\":\"配准\",\"limit\":3,\"explain\":true,\"yearFrom\":2020}", JSON_TYPE));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("lang").asText()).isEqualTo("zh");
      assertThat(r.body().get("hits").get(0).get("id").asText()).isEqualTo("p2");
      assertThat(r.body().get("hits").get(0).get("explain").has("semantic")).isTrue();
    });
  }

  @Test
  void get_paper_returns_the_stored_paper() {
    JavalinTest.test(app, (server, client) -> {
      Reply r = reply(client.get("/papers/p2"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("title").asText()).isEqualTo("Deformable registration with transformers");
      assertThat(r.body().get("abstractZh").asText()).isEqualTo("一种用于脑部扫描配准的网络。");
    });
  }

  @Test
  void similar_returns_papers_on_the_same_topic() {
    JavalinTest.test(app, (server, client) -> {
      Reply r = reply(client.get("/papers/p5/similar?limit=2"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("hits").get(0).get("id").asText()).isEqualTo("p1");
      assertThat(r.body().get("hits")).hasSize(2);
    });
  }

  @Test
  void similar_returns_404_for_unknown_paper() {
    JavalinTest.test(app, (server, client) ->
        assertError(reply(client.get("/papers/nope/similar")), 404, "paper_not_found", "paper 'nope' not found"));
  }

  @Test
  void get_paper_returns_404_for_unknown_paper() {
    JavalinTest.test(app, (server, client) ->
        assertError(reply(client.get("/papers/nope")), 404, "paper_not_found", "paper 'nope' not found"));
  }

  @Test
  void health_reports_papers_and_models() {
    JavalinTest.test(app, (server, client) -> {
      Reply r = reply(client.get("/health"));
      assertThat(r.body().get("status").asText()).isEqualTo("ok");
      assertThat(r.body().get("papers").asInt()).isEqualTo(5);
      assertThat(r.body().get("models").get("en").get("id").asText()).isEqualTo("fake-en");
      assertThat(r.body().get("models").get("zh").get("dimension").asInt()).isEqualTo(4);
    });
  }

  @Test
  void bad_search_parameters_get_their_own_codes() {
    JavalinTest.test(app, (server, client) -> {
      assertError(reply(client.get("/search?q=x&limit=0")), 400, "invalid_search_limit", "limit must be between 1 and 100, got 0");
      assertError(reply(client.get("/search?q=x&limit=abc")), 400, "invalid_search_limit", "limit must be an integer, got 'abc'");
      assertError(reply(client.get("/search?q=x&offset=5000")), 400, "invalid_search_offset", "offset must be between 0 and 1000");
      assertError(reply(client.get("/search?q=x&mode=fuzzy")), 400, "invalid_search_mode", "got 'fuzzy'");
      assertError(reply(client.get("/search?q=x&lang=fr")), 400, "invalid_search_lang", "got 'fr'");
      assertError(reply(client.get("/search?q=x&yearFrom=20x0")), 400, "invalid_search_year", "yearFrom must be a year");
      assertError(reply(client.get("/search?q=x&explain=yes")), 400, "invalid_search_explain", "explain must be true or false");
      assertError(reply(client.get("/search?q=")), 400, "invalid_search_q", "q must not be empty");
      assertError(reply(client.get("/search")), 400, "invalid_search_q", "q must not be empty");
      assertError(reply(client.get("/search?q=" + "a".repeat(1001))), 400, "query_too_long", "q must be at most 1000 characters");
      assertError(reply(client.get("/search?q=x&foo=1")), 400, "unknown_parameter", "unknown parameter 'foo'");
      assertError(reply(client.get("/search?q=x&limit=1&limit=2")), 400, "invalid_search_limit", "must be given once");
    });
  }

  static java.util.List<String> keys(JsonNode object) {
    java.util.List<String> keys = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void get_search_filters_counts_facets_chooses_fields_and_highlights() {
    JavalinTest.test(app, (server, client) -> {
      Reply r = reply(client.get(
          "/search?q=segmentation&mode=keyword&venue=miccai&authorPrefix=love&facets=year,venue&fields=id,title,year&highlight=true"));
      assertThat(r.status()).isEqualTo(200);
      JsonNode hits = r.body().get("hits");
      assertThat(hits).hasSize(2);
      JsonNode p1 = hits.get(0).get("id").asText().equals("p1") ? hits.get(0) : hits.get(1);
      assertThat(keys(p1)).containsExactly("id", "title", "year", "score", "highlight");
      assertThat(p1.get("highlight").toString()).isEqualTo(
          "{\"title\":\"Semi-supervised <mark>segmentation</mark> of organs\","
              + "\"abstract\":\"We study <mark>segmentation</mark> with few labels using consistency training.\"}");
      assertThat(r.body().get("facets").toString()).isEqualTo(
          "{\"year\":[{\"value\":2021,\"count\":1},{\"value\":2023,\"count\":1}],"
              + "\"venue\":[{\"value\":\"MICCAI\",\"count\":2}]}");
      assertThat(keys(r.body())).endsWith("lang", "facets");
    });
  }

  @Test
  void post_search_takes_the_new_fields_with_lists_as_arrays_or_strings() {
    JavalinTest.test(app, (server, client) -> {
      Reply r = reply(post(client, "/search",
          "{\"q\":\"分割\",\"author\":\"ADA LOVELACE\",\"keyword\":\"semi-supervised learning\","
              + "\"facets\":[\"venue\"],\"fields\":[\"id\",\"abstractZh\"],\"highlight\":true}", JSON_TYPE));
      assertThat(r.status()).isEqualTo(200);
      JsonNode hit = r.body().get("hits").get(0);
      assertThat(r.body().get("hits")).hasSize(1);
      assertThat(keys(hit)).containsExactly("id", "abstractZh", "score", "highlight");
      assertThat(hit.get("highlight").get("abstractZh").asText()).isEqualTo("我们研究少量标注下的器官<mark>分割</mark>。");
      assertThat(hit.get("highlight").get("title").asText()).isEqualTo("Semi-supervised segmentation of organs");
      assertThat(keys(r.body().get("facets"))).containsExactly("venue");
      Reply same = reply(post(client, "/search", "{\"q\":\"分割\",\"facets\":\"venue, year\",\"fields\":\"id\"}", JSON_TYPE));
      assertThat(keys(same.body().get("facets"))).containsExactly("year", "venue");
      assertThat(keys(same.body().get("hits").get(0))).containsExactly("id", "score");
    });
  }

  @Test
  void similar_takes_the_filters_and_fields() {
    JavalinTest.test(app, (server, client) -> {
      Reply r = reply(client.get("/papers/p1/similar?venue=ICCV&author=grace%20hopper&yearFrom=2022&fields=id"));
      assertThat(r.status()).isEqualTo(200);
      java.util.Set<String> ids = new java.util.HashSet<>();
      r.body().get("hits").forEach(h -> {
        ids.add(h.get("id").asText());
        assertThat(keys(h)).containsExactly("id", "score");
      });
      assertThat(ids).containsExactlyInAnyOrder("p2", "p4");
      assertError(reply(client.get("/papers/p1/similar?facets=year")), 400, "unknown_parameter", "unknown parameter 'facets'");
      assertError(reply(client.get("/papers/p1/similar?keyword=" + "k".repeat(257))),
          400, "invalid_search_keyword", "keyword must be at most 256 characters, got 257");
    });
  }

  @Test
  void three_pages_of_a_search_neither_overlap_nor_leave_gaps() {
    JavalinTest.test(app, (server, client) -> {
      String q = "/search?q=segmentation+registration+reconstruction+detection&fields=id";
      java.util.List<String> all = new java.util.ArrayList<>();
      reply(client.get(q + "&limit=5")).body().get("hits").forEach(h -> all.add(h.get("id").asText()));
      java.util.List<String> paged = new java.util.ArrayList<>();
      for (int offset = 0; offset < 6; offset += 2) {
        reply(client.get(q + "&limit=2&offset=" + offset)).body().get("hits").forEach(h -> paged.add(h.get("id").asText()));
      }
      assertThat(all).hasSize(5);
      assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(all);
    });
  }

  @Test
  void bad_filter_facet_field_and_highlight_values_get_their_own_codes() {
    JavalinTest.test(app, (server, client) -> {
      assertError(reply(client.get("/search?q=x&facets=colour")), 400, "invalid_search_facets",
          "facets: unknown facet 'colour'; use year, venue");
      assertError(reply(client.get("/search?q=x&facets=year,,venue")), 400, "invalid_search_facets",
          "facets: empty facet name in 'year,,venue'; use year, venue");
      assertError(reply(client.get("/search?q=x&fields=id,colour")), 400, "invalid_search_fields",
          "fields: unknown field 'colour'; use id, title, authors, year, venue, url, doi, abstract, abstractZh, keywords");
      assertError(reply(client.get("/search?q=x&fields=abstractzh")), 400, "invalid_search_fields", "unknown field 'abstractzh'");
      assertError(reply(client.get("/search?q=x&highlight=yes")), 400, "invalid_search_highlight",
          "highlight must be true or false, got 'yes'");
      assertError(reply(client.get("/search?q=x&venue=" + "v".repeat(300))), 400, "invalid_search_venue",
          "venue must be at most 256 characters, got 300");
      assertError(reply(client.get("/search?q=x&authorPrefix=%E2%80%8B")), 400, "invalid_search_author",
          "authorPrefix has no visible characters");
      assertError(reply(client.get("/search?q=x&author=a&author=b")), 400, "invalid_search_author", "must be given once");
      assertError(reply(post(client, "/search", "{\"q\":\"x\",\"facets\":[1]}", JSON_TYPE)), 400, "invalid_search_facets",
          "field 'facets' must be an array of names, got 1");
      assertError(reply(post(client, "/search", "{\"q\":\"x\",\"fields\":[]}", JSON_TYPE)), 400, "invalid_search_fields",
          "field 'fields' must not be an empty array");
      assertError(reply(post(client, "/search", "{\"q\":\"x\",\"fields\":[\"id,title\"]}", JSON_TYPE)), 400,
          "invalid_search_fields", "field 'fields' must be an array of names, got \"id,title\"");
      assertError(reply(post(client, "/search", "{\"q\":\"x\",\"venue\":[\"ICCV\"]}", JSON_TYPE)), 400,
          "invalid_search_venue", "field 'venue' must be a string, number or boolean, got array");
    });
  }

  @Test
  void lucene_syntax_in_the_query_is_searched_not_rejected() {
    JavalinTest.test(app, (server, client) -> {
      for (String q : new String[] {"%22unbalanced", "a%20AND%20(", "*", "title%3Ax", "((%5B%5D"}) {
        assertThat(client.get("/search?q=" + q).code()).as(q).isEqualTo(200);
      }
    });
  }

  @Test
  void bad_bodies_are_400_and_huge_ones_413() {
    JavalinTest.test(app, (server, client) -> {
      assertError(reply(post(client, "/search", "{\"q\":", JSON_TYPE)),
          400, "invalid_request_body", "request body is not valid JSON");
      assertError(reply(post(client, "/search", "[1,2]", JSON_TYPE)),
          400, "invalid_request_body", "request body must be a JSON object");
      assertError(reply(post(client, "/search", "{\"q\":\"x\",\"limit\":[1]}", JSON_TYPE)),
          400, "invalid_search_limit", "field 'limit' must be a string, number or boolean");
      assertError(reply(post(client, "/search", "{\"q\":\"x\",\"bogus\":1}", JSON_TYPE)),
          400, "unknown_parameter", "unknown parameter 'bogus'");
      assertError(reply(post(client, "/search", "q=x", "text/plain")),
          415, "unsupported_media_type", "must be application/json");
      String huge = "{\"q\":\"" + "a".repeat(2 << 20) + "\"}";
      assertError(reply(post(client, "/search", huge, JSON_TYPE)),
          413, "payload_too_large", "request body must be at most");
    });
  }

  @Test
  void requests_jetty_refuses_still_get_json_errors() throws Exception {
    JavalinTest.test(app, (server, client) -> {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://localhost:" + server.port();
      var longUri = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/search?q=" + "a".repeat(40_000))).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(longUri.statusCode()).isIn(414, 431);
      assertThat(JSON.readTree(longUri.body()).get("code").asText()).isIn("uri_too_long", "headers_too_large");
      try (java.net.Socket socket = new java.net.Socket("localhost", server.port())) {
        socket.getOutputStream().write("NOT AN HTTP REQUEST\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String raw = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).startsWith("HTTP/1.1 400").contains("{\"code\":\"bad_request\"").doesNotContain("<html");
      }
    });
  }

  @Test
  void json_nested_beyond_the_parser_limit_is_a_bad_body_not_a_crash() {
    // Found by HttpFuzzTest: Jackson's depth limit throws without a location, which was an NPE and a 500.
    JavalinTest.test(app, (server, client) -> {
      String deep = "{\"q\":".repeat(10_000) + "\"x\"" + "}".repeat(10_000);
      assertError(reply(post(client, "/search", deep, JSON_TYPE)), 400, "invalid_request_body",
          "request body is refused: Document nesting depth (1001) exceeds the maximum allowed (1000)");
      assertError(reply(post(client, "/search", "[".repeat(10_000) + "]".repeat(10_000), JSON_TYPE)), 400, "invalid_request_body",
          "nesting depth");
      assertError(reply(post(client, "/search", "{\"limit\": 1" + "0".repeat(2_000) + "}", JSON_TYPE)), 400, "invalid_request_body",
          "Number value length (2001) exceeds the maximum allowed (1000)");
    });
  }

  @Test
  void jetty_refusals_are_json_whatever_the_method() throws Exception {
    // Found by HttpFuzzTest: Jetty wrote its error pages only for GET, POST and HEAD, so these got
    // an empty body without a content type.
    JavalinTest.test(app, (server, client) -> {
      for (String line : new String[] {"DELETE * HTTP/1.1", "OPTIONS * HTTP/1.1", "get * HTTP/1.1", "PUT /papers/%C3%28 HTTP/1.1"}) {
        try (java.net.Socket socket = new java.net.Socket("localhost", server.port())) {
          socket.getOutputStream().write((line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          String raw = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          assertThat(raw).as(line).containsPattern("(?i)content-type: application/json")
              .containsPattern("\\{\"code\":\"(bad_request|route_not_found)\",\"message\":\"[^\"]+\"}$");
        }
      }
    });
  }

  @Test
  void head_answers_as_get_would_without_a_body() throws Exception {
    // Found by HttpFuzzTest: Javalin answered HEAD 200 for any path matching a GET route, without
    // running it, so HEAD /papers/unknown claimed the paper existed.
    JavalinTest.test(app, (server, client) -> {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      record Case(String path, int status) {}
      for (Case c : java.util.List.of(new Case("/papers/p2", 200), new Case("/papers/nope", 404), new Case("/papers/nope/similar", 404),
          new Case("/papers/bad%20id", 400), new Case("/search?q=segmentation", 200), new Case("/search?q=x&limit=0", 400),
          new Case("/health", 200), new Case("/no/such/route", 404))) {
        var head = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + server.port() + c.path()))
                .method("HEAD", BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        var get = client.get(c.path());
        assertThat(head.statusCode()).as("HEAD %s", c.path()).isEqualTo(c.status()).isEqualTo(get.code());
        assertThat(head.body()).as("HEAD %s", c.path()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).as("HEAD %s", c.path()).contains(get.headers().get("Content-Type").get(0));
      }
    });
  }

  @Test
  void raw_whitespace_in_the_request_target_is_400_bad_request_not_505() throws Exception {
    // Found by HttpFuzzTest: a raw space, tab or line break splits the request line, so Jetty's parser
    // took the rest for the protocol version and answered 505. RFC 9112 section 3 says an invalid
    // request line gets 400. A real unsupported version still gets 505.
    JavalinTest.test(app, (server, client) -> {
      String[] lines = {
          "GET /search?q=a b HTTP/1.1", "GET /search?q=a\tb HTTP/1.1", "GET /search?q=a b c d HTTP/1.1",
          "HEAD /papers/x y HTTP/1.1", "GET /search?q=a\nb HTTP/1.1", "GET /search?q=a\rb HTTP/1.1", "GET /health"};
      for (String line : lines) {
        String raw = rawExchange(server.port(), line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).as(line).startsWith("HTTP/1.1 400").containsPattern("(?i)content-type: application/json");
        if (!line.startsWith("HEAD")) {
          assertThat(raw).as(line).endsWith("{\"code\":\"bad_request\",\"message\":\"malformed HTTP request\"}");
        }
      }
      String future = rawExchange(server.port(), "GET /health HTTP/3.0\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(future).startsWith("HTTP/1.1 505").endsWith("{\"code\":\"http_version_not_supported\",\"message\":\"HTTP version not supported; this server speaks HTTP/1.1\"}");
    });
  }

  private static String rawExchange(int port, String request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void a_query_of_1000_chinese_characters_fits_in_the_url() {
    JavalinTest.test(app, (server, client) -> {
      String q = java.net.URLEncoder.encode("分割".repeat(500), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(client.get("/search?q=" + q).code()).isEqualTo(200);
    });
  }

  @Test
  void unknown_routes_and_methods_use_the_error_vocabulary() {
    JavalinTest.test(app, (server, client) -> {
      assertError(reply(client.get("/nope")), 404, "route_not_found", "no route GET /nope");
      assertError(reply(client.delete("/health")), 405, "method_not_allowed", "method DELETE is not allowed");
    });
  }
}
