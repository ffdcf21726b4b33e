package io.papersearch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.papersearch.embed.Embedders;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.CitationFormatter;
import io.papersearch.search.SearchService;
import io.papersearch.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP server at {@code /mcp} of the real HTTP server (port 0, fake 4-d model), driven by the
 * MCP Java SDK's own client over the streamable-HTTP transport.
 */
class McpHttpTest {
  @TempDir Path dir;
  PaperIndex index;
  RunningServer server;
  McpSyncClient client;
  McpSchema.InitializeResult init;

  @BeforeEach
  void setUp() {
    Embedders embedders = Fixtures.fakeEmbedders();
    index = Fixtures.indexedCorpus(dir, embedders);
    server = HttpApi.start(new SearchService(index, embedders), ServerConfig.defaults().withPort(0));
    client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build())
        .clientInfo(new McpSchema.Implementation("papersearch-test", "1.0"))
        .requestTimeout(Duration.ofSeconds(30))
        .build();
    init = client.initialize();
  }

  @AfterEach
  void tearDown() {
    try {
      client.closeGracefully();
    } finally {
      server.stop();
      index.close();
    }
  }

  static String text(CallToolResult r) {
    assertThat(r.content()).hasSize(1);
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> structured(CallToolResult r) {
    return (Map<String, Object>) r.structuredContent();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> results(CallToolResult r) {
    return (List<Map<String, Object>>) structured(r).get("results");
  }

  CallToolResult call(String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  @Test
  void initialise_names_the_server_and_offers_tools() {
    assertThat(init.serverInfo().name()).isEqualTo("papersearch");
    assertThat(init.capabilities().tools()).isNotNull();
    assertThat(init.instructions()).contains("search_papers").contains("cite");
  }

  @Test
  void lists_three_read_only_tools_with_schemas() {
    List<McpSchema.Tool> tools = client.listTools().tools();
    assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("search_papers", "get_paper", "similar_papers");
    for (McpSchema.Tool t : tools) {
      assertThat(t.description()).as(t.name()).hasSizeGreaterThan(80);
      assertThat(t.inputSchema().get("type")).isEqualTo("object");
      assertThat(t.inputSchema().get("additionalProperties")).isEqualTo(false);
      assertThat(t.outputSchema()).as(t.name()).containsKey("properties");
      assertThat(t.annotations().readOnlyHint()).isTrue();
    }
    McpSchema.Tool search = tools.get(0);
    assertThat(search.inputSchema().get("required")).isEqualTo(List.of("query"));
    assertThat(propertyNames(search)).containsExactly("query", "limit", "mode", "yearFrom", "yearTo");
    assertThat(propertyNames(tools.get(1))).containsExactly("id");
    assertThat(propertyNames(tools.get(2))).containsExactly("id", "limit");
  }

  static List<String> propertyNames(McpSchema.Tool tool) {
    return ((Map<?, ?>) tool.inputSchema().get("properties")).keySet().stream().map(String::valueOf).toList();
  }

  @Test
  void search_papers_returns_citable_text_and_structured_results() {
    CallToolResult r = call("search_papers", Map.of("query", "segmentation", "limit", 2, "mode", "keyword"));
    assertThat(r.isError()).isFalse();
    List<Map<String, Object>> results = results(r);
    assertThat(results).extracting(m -> m.get("id")).containsExactly("p5", "p1");
    assertThat(results.get(0)).containsEntry("n", 1).containsEntry("url", "https://example.org/p5").containsEntry("year", 2023)
        .containsEntry("excerpt", "Segmentation models that adapt to new scanners.");
    assertThat(structured(r)).containsEntry("mode", "keyword").containsEntry("lang", "en").containsEntry("query", "segmentation");
    String text = text(r);
    assertThat(text).startsWith("2 papers for \"segmentation\" (keyword search). Cite as [n] with the link.");
    Map<String, Object> p5 = results.get(0);
    assertThat(text).contains("\n\n" + CitationFormatter.header(1, Fixtures.corpus().get(4)) + "\nid: p5\nSegmentation models that adapt to new scanners.")
        .contains("\n\n[2] Semi-supervised segmentation of organs. Ada Lovelace, Alan Turing (2021). MICCAI. https://example.org/p1\nid: p1\n");
    assertThat(p5.get("title")).isEqualTo("Segmentation under domain shift");
  }

  @Test
  void a_chinese_query_searches_chinese_text_and_quotes_chinese_abstracts() {
    CallToolResult r = call("search_papers", Map.of("query", "配准", "limit", 1));
    assertThat(r.isError()).isFalse();
    assertThat(structured(r)).containsEntry("lang", "zh");
    assertThat(results(r).get(0)).containsEntry("id", "p2").containsEntry("excerpt", "一种用于脑部扫描配准的网络。");
    assertThat(text(r)).contains("[1] Deformable registration with transformers.").contains("\n一种用于脑部扫描配准的网络。");
  }

  @Test
  void year_filters_and_numbers_sent_as_strings_or_decimals() {
    CallToolResult r = call("search_papers", Map.of("query", "segmentation", "yearFrom", "2023", "limit", 5.0));
    assertThat(r.isError()).isFalse();
    assertThat(results(r)).isNotEmpty().allSatisfy(m -> assertThat((Integer) m.get("year")).isGreaterThanOrEqualTo(2023));
    assertThat(text(r)).contains(" from 2023 on ");
  }

  @Test
  void no_match_is_a_plain_answer_not_an_error() {
    CallToolResult r = call("search_papers", Map.of("query", "segmentation", "yearFrom", 1990, "yearTo", 1991, "mode", "keyword"));
    assertThat(r.isError()).isFalse();
    assertThat(text(r)).isEqualTo("No papers found for \"segmentation\" from 1990 to 1991.");
    assertThat(results(r)).isEmpty();
  }

  @Test
  void get_paper_returns_the_whole_paper() {
    CallToolResult r = call("get_paper", Map.of("id", "p2"));
    assertThat(r.isError()).isFalse();
    assertThat(text(r)).startsWith("Deformable registration with transformers. Grace Hopper, Ada Lovelace (2022). ICCV. https://example.org/p2\nid: p2")
        .contains("\nauthors: Grace Hopper, Ada Lovelace")
        .contains("\nabstract: A registration network aligns brain scans.")
        .contains("\nabstract (Chinese): 一种用于脑部扫描配准的网络。");
    assertThat(structured(r)).containsEntry("id", "p2").containsEntry("abstractZh", "一种用于脑部扫描配准的网络。").containsEntry("doi", null);
  }

  @Test
  void similar_papers_returns_neighbours_in_the_same_format() {
    CallToolResult r = call("similar_papers", Map.of("id", "p5", "limit", 2));
    assertThat(r.isError()).isFalse();
    assertThat(results(r)).hasSize(2);
    assertThat(results(r).get(0)).containsEntry("id", "p1").containsEntry("n", 1);
    assertThat(text(r)).startsWith("2 papers similar to \"Segmentation under domain shift\" (id p5).").contains("\n\n[1] Semi-supervised");
    assertThat(structured(r)).containsEntry("id", "p5");
  }

  @Test
  void bad_arguments_are_tool_errors_that_name_the_argument() {
    assertToolError(call("search_papers", Map.of()), "invalid_search_q: argument 'query' is required");
    assertToolError(call("search_papers", Map.of("query", "  ")), "invalid_search_q: argument 'query' must not be empty");
    assertToolError(call("search_papers", Map.of("query", 42)), "invalid_search_q: argument 'query' must be a string, got 42");
    assertToolError(call("search_papers", Map.of("query", "x".repeat(1001))),
        "query_too_long: argument 'query' must be at most 1000 characters, got 1001");
    assertToolError(call("search_papers", Map.of("query", "x", "limit", 0)),
        "invalid_search_limit: argument 'limit' must be between 1 and 20, got 0");
    assertToolError(call("search_papers", Map.of("query", "x", "limit", "many")),
        "invalid_search_limit: argument 'limit' must be an integer, got 'many'");
    assertToolError(call("search_papers", Map.of("query", "x", "limit", 2.5)),
        "invalid_search_limit: argument 'limit' must be an integer, got 2.5");
    assertToolError(call("search_papers", Map.of("query", "x", "mode", "fuzzy")),
        "invalid_search_mode: argument 'mode' must be keyword, semantic or hybrid, got 'fuzzy'");
    assertToolError(call("search_papers", Map.of("query", "x", "yearFrom", 12345)),
        "invalid_search_year: argument 'yearFrom' must be a year between 0 and 9999, got 12345");
    assertToolError(call("search_papers", Map.of("query", "x", "yearFrom", 2024, "yearTo", 2020)),
        "invalid_search_year: yearFrom must be <= yearTo, got yearFrom=2024, yearTo=2020");
    assertToolError(call("search_papers", Map.of("query", "x", "q", "y")),
        "unknown_parameter: unknown argument 'q'; allowed: limit, mode, query, yearFrom, yearTo");
    assertToolError(call("get_paper", Map.of()), "invalid_paper_id: argument 'id' is required");
    assertToolError(call("get_paper", Map.of("id", "nope")), "paper_not_found: paper 'nope' not found");
    assertToolError(call("get_paper", Map.of("id", "bad id!")), "invalid_paper_id: paper id must be 1 to 128 characters");
    assertToolError(call("similar_papers", Map.of("id", "p1", "limit", 21)),
        "invalid_search_limit: argument 'limit' must be between 1 and 20, got 21");
    assertToolError(call("similar_papers", Map.of("id", "nope")), "paper_not_found: paper 'nope' not found");
    // The session survives every refusal.
    assertThat(call("get_paper", Map.of("id", "p1")).isError()).isFalse();
  }

  static void assertToolError(CallToolResult r, String message) {
    assertThat(r.isError()).as(message).isTrue();
    assertThat(text(r)).startsWith(message);
    assertThat(r.structuredContent()).isNull();
  }

  @Test
  void only_local_origins_count_as_local() {
    assertThat(LocalOriginFilter.isLocal("http://localhost:3000")).isTrue();
    assertThat(LocalOriginFilter.isLocal("https://127.0.0.1")).isTrue();
    assertThat(LocalOriginFilter.isLocal("http://[::1]:6274")).isTrue();
    assertThat(LocalOriginFilter.isLocal("http://LOCALHOST:1")).isTrue();
    assertThat(LocalOriginFilter.isLocal("null")).isFalse();
    assertThat(LocalOriginFilter.isLocal("http://localhost.evil.example")).isFalse();
    assertThat(LocalOriginFilter.isLocal("file://localhost")).isFalse();
    assertThat(LocalOriginFilter.isLocal("http://127.0.0.1.nip.io")).isFalse();
  }

  @Test
  void an_unknown_tool_is_a_protocol_error() {
    assertThatThrownBy(() -> call("delete_everything", Map.of())).isInstanceOf(McpError.class).hasMessageContaining("Unknown tool");
  }

  @Test
  void the_rest_api_shares_the_port_and_browsers_from_other_origins_are_refused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + server.port();
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}";
    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + "/mcp"))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(initialize));
    HttpResponse<String> evil = http.send(post.copy().header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(evil.body()).isEqualTo("{\"code\":\"origin_not_allowed\",\"message\":\"Origin 'http://evil.example' may not use /mcp; "
        + "browser pages may reach it only from localhost, 127.0.0.1 or [::1]\"}");
    // DNS rebinding: the page's own name, resolved to 127.0.0.1, is still not a local origin.
    assertThat(http.send(post.copy().header("Origin", "http://rebind.example:" + server.port()).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(403);
    HttpResponse<String> local = http.send(post.copy().header("Origin", "http://localhost:3000").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(local.statusCode()).isEqualTo(200);
    assertThat(local.body()).contains("\"name\":\"papersearch\"");
  }
}
