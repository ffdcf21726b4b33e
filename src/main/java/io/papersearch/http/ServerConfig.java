package io.papersearch.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the HTTP server, built once at start-up and validated here (the CLI's config loader
 * validates the same rules first, naming where each value came from).
 *
 * @param host interface to bind; localhost by default so a fresh server is not exposed
 * @param port TCP port, 0 for any free port (tests)
 * @param maxBodyBytes largest request body accepted; larger ones get 413 {@code payload_too_large}
 * @param apiKey the key clients send as {@code Authorization: Bearer <key>}, or null for none; the
 *     write routes always need it, the read routes when {@code readsRequireKey}
 * @param readsRequireKey whether searching and reading papers need the key too (health, metrics and
 *     the API description never do: probes and scrapers must reach them)
 * @param corsOrigins origins browsers may call the API from ({@code https://lab.example.org}, or
 *     {@code *} for any); empty: no CORS headers, so browsers allow same-origin calls only
 * @param maxBulkBytes largest NDJSON body of {@code POST /papers}, streamed and counted as it is read
 * @param rateLimit requests per second each client address may make on average (bursts of twice
 *     that); 0 for no limit
 */
public record ServerConfig(
    String host, int port, long maxBodyBytes, String apiKey, boolean readsRequireKey, List<String> corsOrigins,
    long maxBulkBytes,
    int rateLimit) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final long MIN_MAX_BODY_BYTES = 1024;
  public static final long DEFAULT_MAX_BULK_BYTES = 64L << 20;

  /** Short keys are guessable; 16 characters of a random token is the floor, not a target. */
  public static final int MIN_API_KEY_LENGTH = 16;

  public ServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (maxBodyBytes < MIN_MAX_BODY_BYTES) {
      throw new IllegalArgumentException("maxBodyBytes must be >= " + MIN_MAX_BODY_BYTES + ", got " + maxBodyBytes);
    }
    if (apiKey != null) {
      String problem = apiKeyProblem(apiKey);
      if (problem != null) {
        throw new IllegalArgumentException("apiKey " + problem);
      }
    }
    if (readsRequireKey && apiKey == null) {
      throw new IllegalArgumentException("readsRequireKey is true but no apiKey is set");
    }
    if (maxBulkBytes < MIN_MAX_BODY_BYTES) {
      throw new IllegalArgumentException("maxBulkBytes must be >= " + MIN_MAX_BODY_BYTES + ", got " + maxBulkBytes);
    }
    if (rateLimit < 0) {
      throw new IllegalArgumentException("rateLimit must be >= 0 (0: no limit), got " + rateLimit);
    }
    corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
    for (String origin : corsOrigins) {
      String problem = originProblem(origin);
      if (problem != null) {
        throw new IllegalArgumentException("CORS origin " + problem);
      }
    }
  }

  /** Host, port and body limit; no API key, no CORS. */
  public ServerConfig(String host, int port, long maxBodyBytes) {
    this(host, port, maxBodyBytes, null, false, List.of(), DEFAULT_MAX_BULK_BYTES, 0);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxBodyBytes, apiKey, readsRequireKey, corsOrigins, maxBulkBytes, rateLimit);
  }

  public ServerConfig withApiKey(String newApiKey, boolean newReadsRequireKey) {
    return new ServerConfig(host, port, maxBodyBytes, newApiKey, newReadsRequireKey, corsOrigins, maxBulkBytes, rateLimit);
  }

  public ServerConfig withCorsOrigins(List<String> origins) {
    return new ServerConfig(host, port, maxBodyBytes, apiKey, readsRequireKey, origins, maxBulkBytes, rateLimit);
  }

  public ServerConfig withMaxBulkBytes(long bytes) {
    return new ServerConfig(host, port, maxBodyBytes, apiKey, readsRequireKey, corsOrigins, bytes, rateLimit);
  }

  public ServerConfig withRateLimit(int perSecond) {
    return new ServerConfig(host, port, maxBodyBytes, apiKey, readsRequireKey, corsOrigins, maxBulkBytes, perSecond);
  }

  /**
   * What is wrong with a candidate API key, or null if nothing. Never quotes the key: messages end
   * up in logs and terminals.
   */
  public static String apiKeyProblem(String key) {
    if (key.length() < MIN_API_KEY_LENGTH) {
      return "must be at least " + MIN_API_KEY_LENGTH + " characters, got " + key.length();
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      // Visible ASCII only: the key travels in an HTTP header, where anything else is mangled.
      if (c <= ' ' || c > '~') {
        return "must be printable ASCII without spaces, got a character U+"
            + String.format(Locale.ROOT, "%04X", (int) c) + " at position " + (i + 1);
      }
    }
    return null;
  }

  /**
   * What is wrong with a CORS origin, or null if nothing: browsers send origins as
   * {@code scheme://host[:port]} and compare them exactly, so a path or a trailing slash would
   * silently never match.
   */
  public static String originProblem(String origin) {
    if (origin.equals("*")) {
      return null;
    }
    String problem = "must be * or scheme://host[:port] (no path), got '" + Params.abbreviate(origin) + "'";
    try {
      URI uri = new URI(origin);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
      if (!web || uri.getHost() == null || !bare || uri.getRawQuery() != null || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        return problem;
      }
      return null;
    } catch (java.net.URISyntaxException e) {
      return problem;
    }
  }

  /** Never prints the API key: configs get logged. */
  @Override
  public String toString() {
    return "ServerConfig[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes
        + ", apiKey=" + (apiKey == null ? "none" : "(set)") + ", readsRequireKey=" + readsRequireKey
        + ", corsOrigins=" + corsOrigins + ", maxBulkBytes=" + maxBulkBytes + ", rateLimit=" + rateLimit + "]";
  }
}
