package io.papersearch.search;

import java.util.Locale;

/** Which evidence ranks the results. */
public enum SearchMode {
  /** BM25 over titles, abstracts and authors. */
  KEYWORD,
  /** Nearest neighbours of the query's embedding. */
  SEMANTIC,
  /** Reciprocal rank fusion of the keyword and semantic legs. */
  HYBRID;

  public static SearchMode parse(String value) {
    if (value == null || value.isBlank()) {
      return HYBRID;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new PapersearchException(
          ErrorCode.INVALID_SEARCH_MODE, "mode must be keyword, semantic or hybrid, got '" + value + "'", e);
    }
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
