package io.papersearch.http;

import static io.papersearch.http.HttpApiTest.assertError;
import static io.papersearch.http.HttpApiTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.papersearch.embed.Embedders;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import io.papersearch.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call what: the API key on read routes, and CORS. Through the real server. */
class AccessTest {
  static final String KEY = "k3y-0123456789abcdef";

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

  Javalin server(ServerConfig config) {
    return HttpApi.create(search, config.withPort(0));
  }

  static Response get(io.javalin.testtools.HttpClient client, String path, String authorization) {
    return client.get(path, b -> b.header("Authorization", authorization));
  }

  @Test
  void reads_need_the_key_when_configured_so() {
    JavalinTest.test(server(ServerConfig.defaults().withApiKey(KEY, true)), (server, client) -> {
      for (String path : List.of("/search?q=segmentation", "/papers/p2", "/papers/p2/similar")) {
        Response missing = client.get(path);
        assertError(reply(missing), 401, "missing_api_key", "send the header 'Authorization: Bearer <key>'");
        assertThat(missing.headers().get("WWW-Authenticate")).containsExactly("Bearer");
        assertError(reply(get(client, path, "Bearer wrong-key-0123456789")), 401, "invalid_api_key", "the API key is not valid");
        assertThat(get(client, path, "Bearer " + KEY).code()).as(path).isEqualTo(200);
      }
      Response post = client.request("/search", b -> b.post(HttpRequest.BodyPublishers.ofString("{\"q\":\"segmentation\"}"))
          .header("Content-Type", "application/json"));
      assertError(reply(post), 401, "missing_api_key", "Authorization");
      // The scheme is case-insensitive (RFC 7235); another scheme is named in the refusal.
      assertThat(get(client, "/papers/p2", "bearer " + KEY).code()).isEqualTo(200);
      assertError(reply(get(client, "/papers/p2", "Basic dXNlcjpwYXNz")), 401, "missing_api_key", "must use the Bearer scheme, got 'Basic'");
      assertError(reply(get(client, "/papers/p2", "Bearer")), 401, "missing_api_key", "has the Bearer scheme but no key");
      // HEAD runs the same guard: it does not confirm a paper exists without the key.
      assertThat(send(server.port(), "HEAD", "/papers/p2").statusCode()).isEqualTo(401);
      assertThat(send(server.port(), "HEAD", "/papers/p2", "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
    });
  }

  @Test
  void the_key_is_checked_before_parameters_so_refusals_reveal_nothing() {
    JavalinTest.test(server(ServerConfig.defaults().withApiKey(KEY, true)), (server, client) -> {
      assertError(reply(client.get("/search?bogus=1")), 401, "missing_api_key", "Authorization");
      assertError(reply(client.get("/papers/nope")), 401, "missing_api_key", "Authorization");
    });
  }

  @Test
  void health_metrics_and_docs_stay_open_for_probes_and_scrapers() {
    JavalinTest.test(server(ServerConfig.defaults().withApiKey(KEY, true)), (server, client) -> {
      for (String path : List.of("/health", "/metrics", "/openapi.json", "/docs")) {
        assertThat(client.get(path).code()).as(path).isEqualTo(200);
      }
    });
  }

  @Test
  void reads_are_open_when_the_key_guards_writes_only() {
    JavalinTest.test(server(ServerConfig.defaults().withApiKey(KEY, false)), (server, client) -> {
      assertThat(client.get("/search?q=segmentation").code()).isEqualTo(200);
      assertThat(client.get("/papers/p2").code()).isEqualTo(200);
    });
  }

  static HttpResponse<String> send(int port, String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void cors_headers_go_to_configured_origins_only() {
    ServerConfig config = ServerConfig.defaults().withCorsOrigins(List.of("https://lab.example.org"));
    JavalinTest.test(server(config), (server, client) -> {
      HttpResponse<String> allowed = send(server.port(), "GET", "/health", "Origin", "https://lab.example.org");
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://lab.example.org");

      HttpResponse<String> other = send(server.port(), "GET", "/health", "Origin", "https://evil.example.com");
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

      // A browser's preflight before a JSON POST with a key: allowed, with the headers it asked for.
      HttpResponse<String> preflight = send(server.port(), "OPTIONS", "/search",
          "Origin", "https://lab.example.org",
          "Access-Control-Request-Method", "POST",
          "Access-Control-Request-Headers", "authorization,content-type");
      assertThat(preflight.statusCode()).isEqualTo(200);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://lab.example.org");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase(java.util.Locale.ROOT))
          .contains("authorization", "content-type");
    });
  }

  @Test
  void without_configured_origins_there_are_no_cors_headers() {
    JavalinTest.test(server(ServerConfig.defaults()), (server, client) -> {
      HttpResponse<String> r = send(server.port(), "GET", "/health", "Origin", "https://lab.example.org");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    });
  }
}
