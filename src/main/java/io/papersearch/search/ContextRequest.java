package io.papersearch.search;

/**
 * A validated request for a citation-ready context block: a search and the character budget its
 * formatted results must fit in.
 *
 * @param search the search whose hits are cited (its offset is 0 and explain is off: a context
 *     block is always the best papers, never a later page)
 * @param maxChars the most characters (UTF-16 code units) the block may have,
 *     {@value #MIN_MAX_CHARS}..{@value #MAX_MAX_CHARS}
 */
public record ContextRequest(SearchRequest search, int maxChars) {
  /** Papers cited by default: what fits a prompt comfortably next to a question. */
  public static final int DEFAULT_LIMIT = 5;

  public static final int DEFAULT_MAX_CHARS = 4000;

  /** Below this not even one citation header would fit. */
  public static final int MIN_MAX_CHARS = 100;

  /** About 25k tokens of English: more than any sane prompt stuffing, less than a runaway response. */
  public static final int MAX_MAX_CHARS = 100_000;

  public ContextRequest {
    if (search == null) {
      throw new IllegalArgumentException("search must not be null");
    }
    if (search.offset() != 0 || search.explain()) {
      throw new IllegalArgumentException("a context block cites the first page without explain, got offset="
          + search.offset() + ", explain=" + search.explain());
    }
    if (maxChars < MIN_MAX_CHARS || maxChars > MAX_MAX_CHARS) {
      throw new PapersearchException(ErrorCode.INVALID_CONTEXT_MAX_CHARS,
          "maxChars must be between " + MIN_MAX_CHARS + " and " + MAX_MAX_CHARS + ", got " + maxChars);
    }
  }
}
