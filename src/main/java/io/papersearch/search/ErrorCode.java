package io.papersearch.search;

import java.util.Locale;

/**
 * The one error vocabulary of papersearch: every failure a client can cause or see has a code here,
 * returned over HTTP as {@code {"code": "...", "message": "..."}} with {@link #status()}.
 */
public enum ErrorCode {
  INVALID_SEARCH_Q(400),
  QUERY_TOO_LONG(400),
  INVALID_SEARCH_LIMIT(400),
  INVALID_SEARCH_OFFSET(400),
  INVALID_SEARCH_MODE(400),
  INVALID_SEARCH_LANG(400),
  INVALID_SEARCH_YEAR(400),
  INVALID_SEARCH_EXPLAIN(400),
  UNKNOWN_PARAMETER(400),
  INVALID_REQUEST_BODY(400),
  INVALID_PAPER_ID(400),
  PAPER_NOT_FOUND(404),
  ROUTE_NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  UNSUPPORTED_MEDIA_TYPE(415),
  PAYLOAD_TOO_LARGE(413),
  INTERNAL(500);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** HTTP status this error maps to. */
  public int status() {
    return status;
  }

  /** The wire form: {@code invalid_search_limit}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
