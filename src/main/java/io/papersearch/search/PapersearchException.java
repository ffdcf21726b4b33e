package io.papersearch.search;

import java.util.Objects;

/**
 * A request papersearch refuses or cannot serve, with its {@link ErrorCode}. The only exception the
 * HTTP layer turns into an error response; its message is safe to show to a client (no paths, no
 * class names).
 */
public class PapersearchException extends RuntimeException {
  private final ErrorCode code;

  public PapersearchException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public PapersearchException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
