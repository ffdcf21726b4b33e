package io.papersearch.search;

import java.util.Set;

/**
 * A validated similar-papers lookup: the papers nearest to paper {@code id}, itself excluded.
 *
 * @param id the paper whose neighbours are wanted
 * @param limit hits per page, 1..{@value SearchRequest#MAX_LIMIT}
 * @param offset hits to skip, 0..{@value SearchRequest#MAX_OFFSET}
 * @param filters what the neighbours are restricted to (the same filters as a search)
 * @param explain whether hits carry their rank and score in each language leg
 * @param fields the paper fields each hit returns; {@link HitField#ALL} by default
 */
public record SimilarRequest(String id, int limit, int offset, Filters filters, boolean explain, Set<HitField> fields) {
  public SimilarRequest {
    PaperIdCheck.check(id);
    SearchRequest.checkLimit(limit);
    SearchRequest.checkOffset(offset);
    filters = filters == null ? Filters.NONE : filters;
    fields = fields == null || fields.isEmpty() ? HitField.ALL : Set.copyOf(fields);
  }

  /** A lookup filtered by year only, returning every field. */
  public SimilarRequest(String id, int limit, int offset, Integer yearFrom, Integer yearTo, boolean explain) {
    this(id, limit, offset, Filters.years(yearFrom, yearTo), explain, HitField.ALL);
  }

  public static SimilarRequest of(String id) {
    return new SimilarRequest(id, SearchRequest.DEFAULT_LIMIT, 0, null, null, false);
  }
}
