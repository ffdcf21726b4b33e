package io.papersearch.http;

/**
 * Settings of the HTTP server, built once at start-up and validated here.
 *
 * @param host interface to bind; localhost by default so a fresh server is not exposed
 * @param port TCP port, 0 for any free port (tests)
 * @param maxBodyBytes largest JSON request body accepted; larger ones get 413 {@code payload_too_large}
 * @param maxBulkBytes largest NDJSON body of {@code POST /papers}, streamed and counted as it is read
 * @param apiKey the key writes need ({@code Authorization: Bearer ...}); null disables writes
 */
public record ServerConfig(String host, int port, long maxBodyBytes, long maxBulkBytes, String apiKey) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final long DEFAULT_MAX_BULK_BYTES = 64L << 20;

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
    if (maxBulkBytes < 1024) {
      throw new IllegalArgumentException("maxBulkBytes must be >= 1024, got " + maxBulkBytes);
    }
    if (apiKey != null && apiKey.length() < 16) {
      // A short key can be guessed over the network; the length check is the cheap defence.
      throw new IllegalArgumentException("API key must be at least 16 characters, got " + apiKey.length());
    }
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BULK_BYTES, null);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxBodyBytes, maxBulkBytes, apiKey);
  }

  public ServerConfig withApiKey(String key) {
    return new ServerConfig(host, port, maxBodyBytes, maxBulkBytes, key);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "ServerConfig[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes + ", maxBulkBytes=" + maxBulkBytes
        + ", apiKey=" + (apiKey == null ? "none" : "(set)") + "]";
  }
}
