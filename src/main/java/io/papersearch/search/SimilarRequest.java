package io.papersearch.search;

/**
 * A validated similar-papers lookup: the papers nearest to paper {@code id}, itself excluded.
 *
 * @param id the paper whose neighbours are wanted
 * @param limit hits per page, 1..{@value SearchRequest#MAX_LIMIT}
 * @param offset hits to skip, 0..{@value SearchRequest#MAX_OFFSET}
 * @param yearFrom smallest year included, or null
 * @param yearTo largest year included, or null
 * @param explain whether hits carry their rank and score in each language leg
 */
public record SimilarRequest(String id, int limit, int offset, Integer yearFrom, Integer yearTo, boolean explain) {
  public SimilarRequest {
    PaperIdCheck.check(id);
    SearchRequest.checkLimit(limit);
    SearchRequest.checkOffset(offset);
    SearchRequest.checkYears(yearFrom, yearTo);
  }

  public static SimilarRequest of(String id) {
    return new SimilarRequest(id, SearchRequest.DEFAULT_LIMIT, 0, null, null, false);
  }
}
