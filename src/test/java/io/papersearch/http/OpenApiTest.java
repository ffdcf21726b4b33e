package io.papersearch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.papersearch.embed.Embedders;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.ErrorCode;
import io.papersearch.search.SearchService;
import io.papersearch.testing.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI spec against the server it describes: routes, parameters and error codes. When one of
 * these fails after a route or parameter was added, describe it in {@code src/main/resources/openapi.json}.
 */
class OpenApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  @TempDir Path dir;
  PaperIndex index;
  SearchService search;
  Metrics metrics;
  Javalin app;
  JsonNode spec;

  @BeforeEach
  void setUp() throws Exception {
    Embedders embedders = Fixtures.fakeEmbedders();
    index = Fixtures.indexedCorpus(dir, embedders);
    search = new SearchService(index, embedders);
    metrics = new Metrics();
    app = HttpApi.create(search, ServerConfig.defaults().withPort(0), metrics);
    try (InputStream in = OpenApiTest.class.getResourceAsStream(OpenApi.SPEC_RESOURCE)) {
      spec = JSON.readTree(in);
    }
  }

  @AfterEach
  void tearDown() {
    metrics.close();
    index.close();
  }

  /** "GET /papers/{id}" for every operation of the spec. */
  Set<String> specRoutes() {
    Set<String> routes = new TreeSet<>();
    spec.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (HTTP_METHODS.contains(op.getKey())) {
        routes.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));
    return routes;
  }

  /** What Javalin will actually route, read from its router: not from our table, so nothing registered around the table escapes. */
  /**
   * The registered routes without their HEAD twins: every GET route also answers HEAD (checked here),
   * which HTTP implies and the spec does not repeat.
   */
  Set<String> registeredRoutes() {
    Set<String> routes = new TreeSet<>();
    Set<String> heads = new TreeSet<>();
    app.unsafe.internalRouter.allHttpHandlers().forEach(e -> {
      if (e.endpoint.method == io.javalin.http.HandlerType.HEAD) {
        heads.add(e.endpoint.path);
      } else if (e.endpoint.method.isHttpMethod()) {
        routes.add(e.endpoint.method.name() + " " + e.endpoint.path);
      }
    });
    Set<String> gets = new TreeSet<>();
    routes.stream().filter(r -> r.startsWith("GET ")).forEach(r -> gets.add(r.substring("GET ".length())));
    assertThat(heads).as("paths answering HEAD: exactly the GET routes").isEqualTo(gets);
    return routes;
  }

  JsonNode resolve(JsonNode node) {
    for (int hops = 0; node != null && node.has("$ref"); hops++) {
      assertThat(hops).as("$ref chain too long").isLessThan(10);
      String ref = node.get("$ref").asText();
      assertThat(ref).startsWith("#/");
      node = spec.at(ref.substring(1));
      assertThat(node.isMissingNode()).as("$ref " + ref + " resolves").isFalse();
    }
    return node;
  }

  JsonNode operation(Route r) {
    JsonNode op = spec.get("paths").path(r.path()).get(r.method().name().toLowerCase(Locale.ROOT));
    assertThat(op).as("openapi.json describes " + r.method() + " " + r.path()).isNotNull();
    return op;
  }

  Set<String> parameterNames(JsonNode op, String in) {
    Set<String> names = new TreeSet<>();
    if (op.has("parameters")) {
      for (JsonNode p : op.get("parameters")) {
        JsonNode resolved = resolve(p);
        if (resolved.get("in").asText().equals(in)) {
          names.add(resolved.get("name").asText());
        }
      }
    }
    return names;
  }

  @Test
  void every_registered_route_is_in_the_spec_and_every_spec_route_is_registered() {
    Set<String> registered = registeredRoutes();
    Set<String> documented = specRoutes();
    Set<String> undocumented = new TreeSet<>(registered);
    undocumented.removeAll(documented);
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(registered);
    assertThat(undocumented).as("routes the server has but openapi.json does not describe").isEmpty();
    assertThat(missing).as("routes openapi.json promises but the server does not have").isEmpty();
    assertThat(registered).contains("GET /health", "GET /search", "POST /search", "GET /papers/{id}",
        "GET /papers/{id}/similar", "GET /metrics", "GET /openapi.json", "GET /docs");
  }

  @Test
  void the_route_table_is_exactly_what_the_server_registers() {
    Set<String> table = new TreeSet<>();
    for (Route r : HttpApi.routes(search, null, ServerConfig.defaults(), metrics)) {
      assertThat(table.add(r.method().name() + " " + r.path())).as("duplicate route " + r).isTrue();
    }
    assertThat(table).isEqualTo(registeredRoutes());
  }

  @Test
  void every_error_code_is_listed_with_its_status_and_in_the_error_schema() {
    Map<String, Integer> listed = new LinkedHashMap<>();
    for (JsonNode e : spec.get("x-error-codes")) {
      assertThat(e.get("when").asText()).as(e.toString()).isNotBlank();
      assertThat(listed.put(e.get("code").asText(), e.get("status").asInt())).as("listed twice: " + e).isNull();
    }
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      expected.put(c.code(), c.status());
    }
    assertThat(listed).isEqualTo(expected);

    Set<String> schemaEnum = new TreeSet<>();
    spec.at("/components/schemas/Error/properties/code/enum").forEach(n -> schemaEnum.add(n.asText()));
    assertThat(schemaEnum).isEqualTo(new TreeSet<>(expected.keySet()));
  }

  @Test
  void every_parameter_a_route_accepts_is_documented_and_no_other() {
    for (Route r : HttpApi.routes(search, null, ServerConfig.defaults(), metrics)) {
      JsonNode op = operation(r);
      String name = r.method().name() + " " + r.path();
      if (op.has("requestBody") && !r.params().isEmpty()) {
        // Parameters as the fields of a JSON body (POST /search): the body schema lists them.
        JsonNode schema = resolve(resolve(op.get("requestBody")).at("/content/application~1json/schema"));
        Set<String> fields = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as(name + " body fields").isEqualTo(new TreeSet<>(r.params()));
        assertThat(schema.get("additionalProperties").asBoolean(true)).as(name + " refuses other fields").isFalse();
        assertThat(parameterNames(op, "query")).as(name + " query parameters").isEmpty();
      } else {
        assertThat(parameterNames(op, "query")).as(name + " query parameters").isEqualTo(new TreeSet<>(r.params()));
      }
    }
    // The routes the brief names, spelled out: a table that silently lost its parameters would pass the loop.
    assertThat(parameterNames(spec.at("/paths/~1search/get"), "query")).isEqualTo(new TreeSet<>(Params.SEARCH));
    assertThat(parameterNames(spec.at("/paths/~1papers~1{id}~1similar/get"), "query")).isEqualTo(new TreeSet<>(Params.SIMILAR));
  }

  @Test
  void every_path_parameter_is_declared_and_every_declared_one_is_in_the_path() {
    Pattern braces = Pattern.compile("\\{([^}]+)}");
    spec.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      Set<String> inPath = new TreeSet<>();
      Matcher m = braces.matcher(path.getKey());
      while (m.find()) {
        inPath.add(m.group(1));
      }
      assertThat(parameterNames(op.getValue(), "path")).as(op.getKey() + " " + path.getKey()).isEqualTo(inPath);
    }));
  }

  @Test
  void every_reference_resolves_and_every_operation_has_responses() {
    List<JsonNode> refs = new ArrayList<>();
    collectRefs(spec, refs);
    assertThat(refs).isNotEmpty();
    refs.forEach(this::resolve);
    spec.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      JsonNode responses = op.getValue().get("responses");
      assertThat(responses).as(op.getKey() + " " + path.getKey()).isNotNull();
      assertThat(responses.has("200")).as(op.getKey() + " " + path.getKey() + " documents success").isTrue();
    }));
  }

  void collectRefs(JsonNode node, List<JsonNode> into) {
    if (node.has("$ref")) {
      into.add(node);
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      collectRefs(it.next(), into);
    }
  }

  @Test
  void read_routes_declare_the_optional_api_key_write_routes_require_it_and_open_routes_do_not() {
    for (Route r : HttpApi.routes(search, null, ServerConfig.defaults(), metrics)) {
      JsonNode op = operation(r);
      String name = r.method().name() + " " + r.path();
      boolean declaresKey = op.has("security") && op.get("security").toString().contains("apiKey");
      boolean keyOptional = op.has("security") && op.get("security").toString().contains("{}");
      assertThat(declaresKey).as(name + " declares the API key").isEqualTo(r.access() != Route.Access.OPEN);
      assertThat(keyOptional).as(name + " declares the key optional").isEqualTo(r.access() == Route.Access.READ);
      assertThat(op.at("/responses/401").isMissingNode()).as(name + " documents 401").isEqualTo(r.access() == Route.Access.OPEN);
      assertThat(op.at("/responses/403").isMissingNode()).as(name + " documents 403").isEqualTo(r.access() != Route.Access.WRITE);
    }
  }

  @Test
  void the_spec_is_served_as_json_exactly_as_written() throws Exception {
    byte[] resource;
    try (InputStream in = OpenApiTest.class.getResourceAsStream(OpenApi.SPEC_RESOURCE)) {
      resource = in.readAllBytes();
    }
    JavalinTest.test(app, (server, client) -> {
      Response r = client.get("/openapi.json");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.headers().get("Content-Type").get(0)).startsWith("application/json");
      assertThat(r.body().string()).isEqualTo(new String(resource, StandardCharsets.UTF_8));
      assertThat(JSON.readTree(client.get("/openapi.json?x=1").body().string()).get("code").asText()).isEqualTo("unknown_parameter");
    });
  }

  @Test
  void the_docs_page_renders_the_spec_with_nothing_from_elsewhere() {
    JavalinTest.test(app, (server, client) -> {
      Response r = client.get("/docs");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.headers().get("Content-Type").get(0)).startsWith("text/html");
      String html = r.body().string();
      assertThat(html).contains("<script>", "fetch(\"openapi.json\")", "x-error-codes");
      // Offline: no CDN, no external script, style, font or image.
      assertThat(html).doesNotContain("http://", "https://", "<script src", "<link", "@import", "url(");
    });
  }
}
