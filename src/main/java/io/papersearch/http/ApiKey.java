package io.papersearch.http;

import io.papersearch.search.ErrorCode;
import io.papersearch.search.PapersearchException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The API key that guards writes (and, when configured, reads): {@code Authorization: Bearer KEY}.
 *
 * <p>Only a SHA-256 digest of the key is kept, and digests are compared with {@link
 * MessageDigest#isEqual}, which takes the same time wherever the first difference is: a client
 * cannot find the key byte by byte from response times. Immutable and thread-safe.
 */
final class ApiKey {
  private final byte[] digest; // null: no key configured

  private ApiKey(byte[] digest) {
    this.digest = digest;
  }

  /** The configured key, or none (writes are then disabled). */
  static ApiKey of(String key) {
    return new ApiKey(key == null || key.isEmpty() ? null : sha256(key));
  }

  boolean configured() {
    return digest != null;
  }

  /**
   * @throws PapersearchException {@code writes_disabled} without a configured key, {@code
   *     missing_api_key} without a bearer token, {@code invalid_api_key} for a wrong one
   */
  void require(String authorizationHeader, String what) {
    if (digest == null) {
      throw new PapersearchException(ErrorCode.WRITES_DISABLED,
          what + " needs an API key, and this server has none: start it with PAPERSEARCH_API_KEY set");
    }
    String prefix = "Bearer ";
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw new PapersearchException(ErrorCode.MISSING_API_KEY, what + " needs the header 'Authorization: Bearer <API key>'");
    }
    byte[] given = sha256(authorizationHeader.substring(prefix.length()).trim());
    if (!MessageDigest.isEqual(given, digest)) {
      throw new PapersearchException(ErrorCode.INVALID_API_KEY, "the API key is not valid");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
