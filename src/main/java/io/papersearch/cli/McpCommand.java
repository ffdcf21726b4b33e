package io.papersearch.cli;

import io.papersearch.mcp.McpServers;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code papersearch mcp}: the MCP tools over stdio, for desktop chat apps that start papersearch as
 * a child process. Opens the index read-only, so it runs beside {@code serve} and never blocks an
 * import; it sees the papers committed when it started.
 */
@Command(
    name = "mcp",
    description = "Serve the MCP tools (search_papers, get_paper, similar_papers) over stdin/stdout for a chat app. "
        + "Logs go to stderr; stdout carries only protocol messages.")
final class McpCommand implements Callable<Integer> {

  @Mixin CommonOptions opts;

  @Override
  public Integer call() throws Exception {
    // The protocol owns stdout: one stray line (a library's println, a progress message) would be
    // read by the client as a malformed message. Everything printed through System.out goes to
    // stderr while the server runs; only the transport keeps the real stdout. Logging already goes
    // to stderr (slf4j-simple's default, pinned in simplelogger.properties).
    PrintStream protocol = System.out;
    System.setOut(System.err);
    try (Engine engine = Engine.open(opts, false)) {
      System.err.printf(
          "papersearch mcp: serving %d papers from %s over stdio (models: %s, %s)%n",
          engine.index.count(), opts.index(), engine.embedders.en().spec().id(), engine.embedders.zh().spec().id());
      // Returns when the client closes stdin. A read-only index holds no lock and has nothing to
      // commit, so a SIGTERM needs no shutdown hook either.
      McpServers.serveStdio(engine.search, System.in, protocol);
      return 0;
    } finally {
      System.setOut(protocol);
    }
  }
}
