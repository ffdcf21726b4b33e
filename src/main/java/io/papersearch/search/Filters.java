package io.papersearch.search;

import io.papersearch.index.FilterValues;
import io.papersearch.index.PaperFields;
import org.apache.lucene.document.IntField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * What a search or similar-paper lookup is restricted to: every filter given must hold (they
 * combine with AND); absent ones (null) do not restrict. Validated at construction: every refusal
 * names the parameter and value.
 *
 * <p>Text filters compare {@link FilterValues#normalize normalised} forms: case, full-width forms,
 * Latin accents and repeated spaces do not matter ({@code venue=iccv} finds {@code ICCV},
 * {@code author=ada  LOVELACE} finds {@code Ada Lovelace}, {@code Alvarez} finds {@code Álvarez}).
 *
 * @param yearFrom smallest year included, or null
 * @param yearTo largest year included, or null
 * @param venue the venue, whole, or null
 * @param author one author's full name, whole, or null
 * @param authorPrefix the start of one author's full name or of any token of it ({@code Love} and
 *     {@code Ada Lo} both find {@code Ada Lovelace}; each Han character is a token), or null
 * @param keyword one of the paper's keywords, whole, or null
 */
public record Filters(
    Integer yearFrom, Integer yearTo, String venue, String author, String authorPrefix, String keyword) {

  /** No restriction. */
  public static final Filters NONE = new Filters(null, null, null, null, null, null);

  public Filters {
    if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
      throw new PapersearchException(
          ErrorCode.INVALID_SEARCH_YEAR, "yearFrom must be <= yearTo, got yearFrom=" + yearFrom + ", yearTo=" + yearTo);
    }
    venue = text("venue", venue, ErrorCode.INVALID_SEARCH_VENUE);
    author = text("author", author, ErrorCode.INVALID_SEARCH_AUTHOR);
    authorPrefix = text("authorPrefix", authorPrefix, ErrorCode.INVALID_SEARCH_AUTHOR);
    keyword = text("keyword", keyword, ErrorCode.INVALID_SEARCH_KEYWORD);
  }

  /** Only a year range. */
  public static Filters years(Integer yearFrom, Integer yearTo) {
    return new Filters(yearFrom, yearTo, null, null, null, null);
  }

  /** A blank value is no filter (as for every parameter); otherwise the value, stripped. */
  private static String text(String name, String value, ErrorCode code) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String normalized = FilterValues.normalize(value);
    if (normalized == null) {
      throw new PapersearchException(code, name + " has no visible characters");
    }
    if (normalized.length() > FilterValues.MAX_CHARS) {
      throw new PapersearchException(
          code, name + " must be at most " + FilterValues.MAX_CHARS + " characters, got " + normalized.length());
    }
    return value.strip();
  }

  /**
   * The Lucene filter (all clauses FILTER: they restrict, never score), or null when nothing is
   * filtered: an unfiltered HNSW search is faster than one with a match-all filter.
   */
  Query query() {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean any = false;
    if (yearFrom != null || yearTo != null) {
      b.add(IntField.newRangeQuery(
          PaperFields.YEAR, yearFrom == null ? Integer.MIN_VALUE : yearFrom, yearTo == null ? Integer.MAX_VALUE : yearTo),
          BooleanClause.Occur.FILTER);
      any = true;
    }
    any |= term(b, PaperFields.VENUE_EXACT, venue);
    any |= term(b, PaperFields.AUTHOR_EXACT, author);
    any |= term(b, PaperFields.KEYWORD_EXACT, keyword);
    if (authorPrefix != null) {
      b.add(new PrefixQuery(new Term(PaperFields.AUTHOR_PREFIX, FilterValues.normalize(authorPrefix))), BooleanClause.Occur.FILTER);
      any = true;
    }
    return any ? b.build() : null;
  }

  private static boolean term(BooleanQuery.Builder b, String field, String value) {
    if (value == null) {
      return false;
    }
    b.add(new TermQuery(new Term(field, FilterValues.normalize(value))), BooleanClause.Occur.FILTER);
    return true;
  }
}
