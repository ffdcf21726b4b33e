package io.papersearch.http;

/**
 * Settings of the HTTP server, built once at start-up and validated here.
 *
 * @param host interface to bind; localhost by default so a fresh server is not exposed
 * @param port TCP port, 0 for any free port (tests)
 * @param maxBodyBytes largest request body accepted; larger ones get 413 {@code payload_too_large}
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;

  public ServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be >= 1024, got " + maxBodyBytes);
    }
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxBodyBytes);
  }
}
