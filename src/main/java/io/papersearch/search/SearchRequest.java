package io.papersearch.search;

import io.papersearch.ingest.Lang;
import java.util.Locale;
import java.util.Set;

/**
 * A validated search. Construction is the boundary check: every bad value is rejected here with a
 * {@link PapersearchException} that names it.
 *
 * @param query the user's text, searched as text: no query syntax is interpreted
 * @param mode keyword, semantic or hybrid
 * @param lang language of the query, or null to detect it from the script
 * @param limit hits per page, 1..{@value #MAX_LIMIT}
 * @param offset hits to skip, 0..{@value #MAX_OFFSET}
 * @param filters what the results are restricted to, inside every leg
 * @param explain whether hits carry their rank and score in each leg
 * @param facets what to count the matching papers by; empty for no facets
 * @param fields the paper fields each hit returns; {@link HitField#ALL} by default
 * @param highlight whether hits carry snippets of their title and abstract with the query's terms
 *     marked
 */
public record SearchRequest(
    String query,
    SearchMode mode,
    Lang lang,
    int limit,
    int offset,
    Filters filters,
    boolean explain,
    Set<FacetField> facets,
    Set<HitField> fields,
    boolean highlight) {

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
    filters = filters == null ? Filters.NONE : filters;
    facets = facets == null ? Set.of() : Set.copyOf(facets);
    fields = fields == null || fields.isEmpty() ? HitField.ALL : Set.copyOf(fields);
  }

  /** A search filtered by year only, with every field, no facets and no highlighting. */
  public SearchRequest(
      String query, SearchMode mode, Lang lang, int limit, int offset, Integer yearFrom, Integer yearTo, boolean explain) {
    this(query, mode, lang, limit, offset, Filters.years(yearFrom, yearTo), explain, Set.of(), HitField.ALL, false);
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
