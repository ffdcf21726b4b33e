package io.papersearch.search;

import io.papersearch.ingest.Lang;
import java.util.Locale;

/**
 * A validated search. Construction is the boundary check: every bad value is rejected here with a
 * {@link PapersearchException} that names it.
 *
 * @param query the user's text, searched as text: no query syntax is interpreted
 * @param mode keyword, semantic or hybrid
 * @param lang language of the query, or null to detect it from the script
 * @param limit hits per page, 1..{@value #MAX_LIMIT}
 * @param offset hits to skip, 0..{@value #MAX_OFFSET}
 * @param yearFrom smallest year included, or null
 * @param yearTo largest year included, or null
 * @param explain whether hits carry their rank and score in each leg
 */
public record SearchRequest(
    String query,
    SearchMode mode,
    Lang lang,
    int limit,
    int offset,
    Integer yearFrom,
    Integer yearTo,
    boolean explain) {

  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 100;
  public static final int MAX_OFFSET = 1000;
  public static final int MAX_QUERY_CHARS = 1000;

  public SearchRequest {
    if (query == null || query.isBlank()) {
      throw new PapersearchException(ErrorCode.INVALID_SEARCH_Q, "q must not be empty");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      throw new PapersearchException(
          ErrorCode.QUERY_TOO_LONG, "q must be at most " + MAX_QUERY_CHARS + " characters, got " + query.length());
    }
    query = query.strip();
    if (mode == null) {
      mode = SearchMode.HYBRID;
    }
    checkLimit(limit);
    checkOffset(offset);
    checkYears(yearFrom, yearTo);
  }

  /** A hybrid search with default paging and no filters. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, SearchMode.HYBRID, null, DEFAULT_LIMIT, 0, null, null, false);
  }

  static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new PapersearchException(
          ErrorCode.INVALID_SEARCH_LIMIT, "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }

  static void checkOffset(int offset) {
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new PapersearchException(
          ErrorCode.INVALID_SEARCH_OFFSET, "offset must be between 0 and " + MAX_OFFSET + ", got " + offset);
    }
  }

  static void checkYears(Integer yearFrom, Integer yearTo) {
    if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
      throw new PapersearchException(
          ErrorCode.INVALID_SEARCH_YEAR, "yearFrom must be <= yearTo, got yearFrom=" + yearFrom + ", yearTo=" + yearTo);
    }
  }

  /** Parses {@code en}, {@code zh}, or {@code auto}/empty (null: detect from the query). */
  public static Lang parseLang(String value) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "en" -> Lang.EN;
      case "zh" -> Lang.ZH;
      default -> throw new PapersearchException(ErrorCode.INVALID_SEARCH_LANG, "lang must be en, zh or auto, got '" + value + "'");
    };
  }

  /** The language the query is searched in. */
  public Lang effectiveLang() {
    return lang != null ? lang : Lang.detect(query);
  }
}
