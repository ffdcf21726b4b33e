package io.papersearch.http;

import io.papersearch.mcp.McpServers;
import io.papersearch.search.SearchService;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Mounts the MCP streamable-HTTP transport ({@link McpServers#streamableHttp}) at {@value #PATH} on
 * the API's own Jetty, beside Javalin's servlet: one port, one process, one index for REST and MCP.
 * Jetty routes the exact path {@value #PATH} to this servlet ahead of Javalin's catch-all mapping, so
 * Javalin's routes, filters and error mappers never see MCP traffic, and MCP errors keep JSON-RPC's
 * shape. Browser requests from other origins are refused first ({@link LocalOriginFilter}).
 * Stateless; called once per server start.
 */
final class McpMount {
  static final String PATH = "/mcp";

  private McpMount() {}

  static void mount(ServletContextHandler context, SearchService search, ServerConfig config) {
    McpServers.StreamableHttp mcp =
        McpServers.streamableHttp(search, PATH, (int) Math.min(Integer.MAX_VALUE, config.maxBodyBytes()));
    ServletHolder holder = new ServletHolder("mcp", mcp.servlet());
    // Responses to tool calls stream as server-sent events from an async request.
    holder.setAsyncSupported(true);
    context.addServlet(holder, PATH);
    context.addFilter(new FilterHolder(new LocalOriginFilter()), PATH, EnumSet.of(DispatcherType.REQUEST));
  }
}
