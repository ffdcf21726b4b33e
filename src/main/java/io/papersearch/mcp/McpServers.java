package io.papersearch.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.papersearch.search.SearchService;
import jakarta.servlet.http.HttpServlet;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import reactor.core.publisher.Mono;

/**
 * papersearch's MCP server on either transport, both serving {@link PaperTools}: streamable HTTP (a
 * servlet for the HTTP server to mount) and stdio (for desktop chat apps that start papersearch as a
 * child process).
 *
 * <p>Thread-safe: stateless factory; the servers it builds are the SDK's, which are thread-safe.
 */
public final class McpServers {
  private McpServers() {}

  public static final String NAME = "papersearch";
  public static final String VERSION = "0.1.0";

  /** Told to the client at initialisation; chat apps pass it to the model as the server's usage notes. */
  static final String INSTRUCTIONS =
      "papersearch searches a research lab's collection of paper abstracts (English and Chinese). Use search_papers "
          + "to find papers for a question, get_paper to read one paper's full abstract, and similar_papers for related "
          + "work. When you use a paper, cite it as [n] with the title and link from the result; do not invent papers "
          + "or details that are not in the results.";

  /** The SDK's Jackson 2 binding on a mapper of its own: the SDK's settings never leak into the API's. */
  static McpJsonMapper jsonMapper() {
    return new JacksonMcpJsonMapper(new ObjectMapper());
  }

  /**
   * The streamable-HTTP transport as a servlet, and the server on it. The servlet must be mounted at
   * {@code endpoint} with async support (responses stream as server-sent events); stopping the web
   * server destroys the servlet, which closes every MCP session. HTTP policy (which origins may call
   * it) is the host's: the servlet serves whoever reaches it.
   *
   * @param maxRequestBytes the largest JSON-RPC message accepted
   */
  public static StreamableHttp streamableHttp(SearchService search, String endpoint, int maxRequestBytes) {
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(jsonMapper())
        .mcpEndpoint(endpoint)
        .maxRequestSize(maxRequestBytes)
        .build();
    McpSyncServer server = configure(McpServer.sync(transport), search)
        // A servlet request already has its own thread: run the tool on it rather than hopping to
        // Reactor's pool.
        .immediateExecution(true)
        .build();
    return new StreamableHttp(transport, server);
  }

  /**
   * The streamable-HTTP transport, a servlet, and the MCP server behind it.
   *
   * @param servlet the servlet to mount (async supported)
   * @param server the server, closed when the servlet is destroyed
   */
  public record StreamableHttp(HttpServlet servlet, McpSyncServer server) {}

  /**
   * Serves MCP over {@code in}/{@code out} (newline-delimited JSON-RPC) until the session ends (the
   * input ends, or the transport gives up on it), then closes the server. {@code out} must carry
   * nothing but protocol messages: the caller keeps logs and other output away from it.
   */
  public static void serveStdio(SearchService search, InputStream in, OutputStream out) throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    McpServerTransportProvider transport = new SessionEndSignal(new StdioServerTransportProvider(jsonMapper(), in, out), ended);
    McpSyncServer server = configure(McpServer.sync(transport), search).build();
    try {
      ended.await();
    } finally {
      server.closeGracefully();
    }
  }

  private static <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
      McpServer.SyncSpecification<S> spec, SearchService search) {
    return spec.serverInfo(NAME, VERSION)
        .instructions(INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        // PaperTools checks every argument itself, naming it in the REST API's words; the SDK's
        // schema validator would answer first with messages in another style.
        .validateToolInputs(false)
        .tools(new PaperTools(search).specifications());
  }

  /**
   * The stdio transport, reporting when its one session's transport is closed. The SDK closes it
   * when stdin ends and when it stops reading for any other reason (a read error, a malformed
   * message), but offers no hook for either, and the command must exit when its client is gone.
   */
  private record SessionEndSignal(McpServerTransportProvider delegate, CountDownLatch ended) implements McpServerTransportProvider {
    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
      delegate.setSessionFactory(transport -> factory.create(new ObservedTransport(transport, ended)));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
      return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
      return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
      return delegate.protocolVersions();
    }
  }

  /** A session transport that counts {@code ended} down once it is closed. */
  private record ObservedTransport(McpServerTransport delegate, CountDownLatch ended) implements McpServerTransport {
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return delegate.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
      return delegate.unmarshalFrom(data, type);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return delegate.closeGracefully().doFinally(signal -> ended.countDown());
    }

    @Override
    public void close() {
      try {
        delegate.close();
      } finally {
        ended.countDown();
      }
    }

    @Override
    public List<String> protocolVersions() {
      return delegate.protocolVersions();
    }
  }
}
