package io.papersearch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code papersearch index | serve | search | mcp | eval | bench}. */
@Command(
    name = "papersearch",
    mixinStandardHelpOptions = true,
    version = "papersearch 0.1.0",
    description = "Hybrid keyword + semantic search over English and Chinese paper abstracts.",
    subcommands = {IndexCommand.class, ServeCommand.class, SearchCommand.class, CompactCommand.class, McpCommand.class, EvalCommand.class, BenchCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns the exit code: 0 ok, 1 failure, 2 bad usage. */
  public static int run(String... args) {
    return run(CommandLine.defaultFactory(), args);
  }

  /** As {@link #run(String...)}, with commands made by {@code factory} (the bench's peer wiring). */
  static int run(CommandLine.IFactory factory, String... args) {
    CommandLine cli = new CommandLine(new Main(), factory);
    cli.setExecutionExceptionHandler(Main::report);
    return cli.execute(args);
  }

  /** Failures become one line naming what went wrong, never a stack trace. */
  private static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println("papersearch: " + message(e));
    if (Boolean.getBoolean("papersearch.debug")) {
      e.printStackTrace(err);
    }
    return 1;
  }

  static String message(Throwable e) {
    // Out of heap, the JVM may throw one preallocated OutOfMemoryError twice; Java then reports
    // closing a resource as "Self-suppression not permitted" with the real failure as its cause.
    int depth = 0;
    for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof OutOfMemoryError oom) {
        return "out of memory (" + text(oom) + "): give Java more heap (-Xmx) or do less at once (--ram-buffer-mb, --workers)";
      }
    }
    return text(e);
  }

  private static String text(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
