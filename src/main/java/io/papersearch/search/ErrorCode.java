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
  INVALID_SEARCH_VENUE(400),
  INVALID_SEARCH_AUTHOR(400),
  INVALID_SEARCH_KEYWORD(400),
  INVALID_SEARCH_FACETS(400),
  INVALID_SEARCH_FIELDS(400),
  INVALID_SEARCH_HIGHLIGHT(400),
  INVALID_CONTEXT_MAX_CHARS(400),
  UNKNOWN_PARAMETER(400),
  INVALID_REQUEST_BODY(400),
  INVALID_PAPER_ID(400),
  INVALID_PAPER(400),
  WRITES_DISABLED(403),
  ORIGIN_NOT_ALLOWED(403),
  BAD_REQUEST(400),
  MISSING_API_KEY(401),
  INVALID_API_KEY(401),
  PAPER_NOT_FOUND(404),
  ROUTE_NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  UNSUPPORTED_MEDIA_TYPE(415),
  PAYLOAD_TOO_LARGE(413),
  URI_TOO_LONG(414),
  RATE_LIMITED(429),
  HEADERS_TOO_LARGE(431),
  INTERNAL(500),
  INDEX_WRITE_FAILED(503),
  HTTP_VERSION_NOT_SUPPORTED(505);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** HTTP status this error maps to. */
  public int status() {
    return status;
  }

  /**
   * The generic code of an HTTP status that the web server produced on its own (no route, malformed
   * request, ...): the first code with that status among the generic ones.
   */
  public static ErrorCode forHttpStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 404 -> ROUTE_NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 414 -> URI_TOO_LONG;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 431 -> HEADERS_TOO_LARGE;
      case 505 -> HTTP_VERSION_NOT_SUPPORTED;
      default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL;
    };
  }

  /** The wire form: {@code invalid_search_limit}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
