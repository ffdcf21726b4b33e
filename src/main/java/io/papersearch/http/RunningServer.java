package io.papersearch.http;

import io.javalin.Javalin;

/**
 * A started HTTP server, so callers outside this package (the CLI) never touch Javalin. Stopping
 * lets in-flight requests finish. Thread-safe.
 */
public final class RunningServer implements AutoCloseable {
  private final Javalin app;

  RunningServer(Javalin app) {
    this.app = app;
  }

  /** The port it listens on (the real one when the config asked for port 0). */
  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
