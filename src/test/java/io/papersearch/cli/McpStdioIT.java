package io.papersearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code papersearch mcp} as a chat app runs it: a child JVM on the test classpath with the real
 * models over a three-paper index, spoken to over its stdin/stdout by the MCP SDK's stdio client,
 * and by hand to prove stdout carries protocol messages only and the process ends with its input.
 */
class McpStdioIT {
  @TempDir static Path dir;
  static Path index;
  static final String MODELS = System.getProperty("papersearch.models", "models");
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void indexThreePapers() throws Exception {
    index = dir.resolve("index");
    Path papers = dir.resolve("papers.jsonl");
    Files.writeString(papers, """
        {"id": "seg-1", "title": "Semi-supervised segmentation of abdominal CT", "abstract": "We segment abdominal organs in CT scans from few labelled images using consistency training between two views.", "year": 2022, "authors": ["A. Author", "B. Author"], "url": "https://example.org/seg-1"}
        {"id": "reg-1", "title": "Deformable image registration", "abstract": "We align pairs of brain MRI scans with a deformable registration network.", "abstractZh": "我们提出一种可变形医学图像配准方法，用于对齐脑部磁共振图像。", "year": 2021, "authors": ["C. Author"]}
        {"id": "seg-2", "title": "Few-label organ segmentation with pseudo labels", "abstract": "Pseudo labels from a teacher network let a student segment organs from a handful of annotated CT volumes.", "year": 2023, "authors": ["D. Author"]}
        """, StandardCharsets.UTF_8);
    int exit = Main.run("index", "--index", index.toString(), "--models=" + MODELS, "--cache=" + dir.resolve("cache"), papers.toString());
    assertThat(exit).isZero();
  }

  /** {@code java ... io.papersearch.cli.Main mcp ...} on this JVM and classpath. */
  static List<String> command() {
    String classpath = System.getProperty("java.class.path");
    assertThat(classpath).contains("classes");
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dai.djl.offline=true", "-Dfile.encoding=UTF-8", "--enable-native-access=ALL-UNNAMED",
        "-cp", classpath, "io.papersearch.cli.Main",
        "mcp", "--index", index.toString(), "--models=" + MODELS, "--cache=" + dir.resolve("cache"), "--workers", "1");
  }

  static String text(CallToolResult r) {
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  @Test
  void the_sdk_client_initialises_lists_and_calls_every_tool() {
    List<String> cmd = command();
    ServerParameters params = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).build();
    StdioClientTransport transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper()));
    List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    transport.setStdErrorHandler(stderr::add);
    McpSyncClient client = McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60))
        .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("papersearch");
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("search_papers", "get_paper", "similar_papers");

      CallToolResult en = client.callTool(new CallToolRequest("search_papers", Map.of("query", "segmenting organs with few labels", "limit", 2)));
      assertThat(en.isError()).as(text(en)).isFalse();
      assertThat(text(en)).contains("[1] ").contains("[2] ").doesNotContain("[3] ").contains("id: seg-");

      CallToolResult zh = client.callTool(new CallToolRequest("search_papers", Map.of("query", "脑部图像配准", "limit", 1)));
      assertThat(zh.isError()).as(text(zh)).isFalse();
      assertThat(text(zh)).contains("[1] Deformable image registration. C. Author (2021).").contains("我们提出一种可变形医学图像配准方法");

      CallToolResult paper = client.callTool(new CallToolRequest("get_paper", Map.of("id", "seg-1")));
      assertThat(text(paper)).startsWith("Semi-supervised segmentation of abdominal CT. A. Author, B. Author (2022). https://example.org/seg-1\nid: seg-1");

      CallToolResult similar = client.callTool(new CallToolRequest("similar_papers", Map.of("id", "seg-1", "limit", 1)));
      assertThat(similar.isError()).as(text(similar)).isFalse();
      assertThat(text(similar)).contains("[1] Few-label organ segmentation with pseudo labels.");

      CallToolResult bad = client.callTool(new CallToolRequest("search_papers", Map.of("query", "x", "mode", "vector")));
      assertThat(bad.isError()).isTrue();
      assertThat(text(bad)).isEqualTo("invalid_search_mode: argument 'mode' must be keyword, semantic or hybrid, got 'vector'");
    } finally {
      client.closeGracefully();
    }
    assertThat(String.join("\n", stderr)).contains("papersearch mcp: serving 3 papers");
  }

  @Test
  void stdout_carries_only_protocol_messages_and_the_server_exits_when_stdin_closes() throws Exception {
    Process p = new ProcessBuilder(command()).redirectError(dir.resolve("stderr.txt").toFile()).start();
    try {
      OutputStream in = p.getOutputStream();
      String messages = """
          {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
          {"jsonrpc":"2.0","method":"notifications/initialized"}
          {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search_papers","arguments":{"query":"图像配准","limit":1}}}
          """;
      in.write(messages.getBytes(StandardCharsets.UTF_8));
      in.flush();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<JsonNode> replies = new ArrayList<>();
      String line;
      while (replies.size() < 2 && (line = out.readLine()) != null) {
        JsonNode message = JSON.readTree(line); // anything that is not one JSON-RPC message per line fails here
        assertThat(message.get("jsonrpc").asText()).as(line).isEqualTo("2.0");
        replies.add(message);
      }
      assertThat(replies).hasSize(2);
      assertThat(replies.get(0).get("result").get("serverInfo").get("name").asText()).isEqualTo("papersearch");
      JsonNode call = replies.get(1);
      assertThat(call.get("id").asInt()).isEqualTo(2);
      assertThat(call.get("result").get("isError").asBoolean()).isFalse();
      assertThat(call.get("result").get("content").get(0).get("text").asText()).contains("我们提出一种可变形医学图像配准方法");

      in.close();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits when its input ends").isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(out.readLine()).as("nothing after the replies").isNull();
      assertThat(Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8))
          .contains("papersearch mcp: serving 3 papers").doesNotContain("Exception").doesNotContain(" ERROR ");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void a_missing_index_is_a_one_line_error() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream oldErr = System.err;
    int exit;
    try {
      System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Main.run("mcp", "--index", dir.resolve("nothing-here").toString(), "--models=" + MODELS, "--no-cache", "--workers", "1");
    } finally {
      System.setErr(oldErr);
    }
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("papersearch: no index in").doesNotContain("\tat ");
  }
}
