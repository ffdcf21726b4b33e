package io.papersearch.http;

import io.javalin.http.Context;
import io.papersearch.search.ErrorCode;
import io.papersearch.search.PapersearchException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks the {@code Authorization: Bearer <key>} header of a request against the configured API key.
 *
 * <p>The comparison is of SHA-256 digests with {@link MessageDigest#isEqual}, which takes the same
 * time wherever the first difference is; comparing digests (always 32 bytes) also keeps the key's
 * length from showing in the timing. Immutable and thread-safe.
 */
final class ApiKeyCheck {
  private static final String SCHEME = "bearer ";

  private final byte[] expected;

  ApiKeyCheck(String apiKey) {
    this.expected = sha256(Objects.requireNonNull(apiKey, "apiKey"));
  }

  /**
   * @throws PapersearchException {@code missing_api_key} without a bearer token,
   *     {@code invalid_api_key} with a wrong one
   */
  void require(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new PapersearchException(
          ErrorCode.MISSING_API_KEY, "this route needs an API key: send the header 'Authorization: Bearer <key>'");
    }
    String h = header.strip();
    if (h.equalsIgnoreCase(SCHEME.strip())) {
      throw new PapersearchException(ErrorCode.MISSING_API_KEY, "the Authorization header has the Bearer scheme but no key");
    }
    if (h.length() < SCHEME.length() || !h.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      String scheme = h.split("\\s+", 2)[0];
      throw new PapersearchException(
          ErrorCode.MISSING_API_KEY, "the Authorization header must use the Bearer scheme, got '" + Params.abbreviate(scheme) + "'");
    }
    if (!MessageDigest.isEqual(expected, sha256(h.substring(SCHEME.length()).strip()))) {
      // The message never echoes the token: it may be a real key sent to the wrong server.
      throw new PapersearchException(ErrorCode.INVALID_API_KEY, "the API key is not valid");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
