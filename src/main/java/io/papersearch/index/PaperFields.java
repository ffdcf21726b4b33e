package io.papersearch.index;

import io.papersearch.ingest.Lang;

/**
 * Owns every Lucene field name papersearch writes or reads, so that indexing and searching cannot
 * drift apart.
 */
public final class PaperFields {
  private PaperFields() {}

  /**
   * Paper id: a {@code KeywordField} (indexed as one term, with sorted doc values), so that
   * {@code updateDocument(new Term(ID, id))} replaces a paper in place and ties in ranking are broken
   * by id.
   */
  public static final String ID = "id";

  /** The whole paper as JSON, stored only: what a hit returns. */
  public static final String SOURCE = "source";

  /** Publication year: an {@code IntField} (points for range filters, doc values for sorting). */
  public static final String YEAR = "year";

  /** Author names, analysed with the standard analyser (names are not stemmed). */
  public static final String AUTHORS = "authors";

  // Filter fields. Each holds values in FilterValues.normalize form (NFKC, lower case, Latin accents
  // folded), one untokenised term per value, so a TermQuery matches "ICCV", "iccv" and full-width
  // "ＩＣＣＶ" alike. See FilterValues for why the values are normalised rather than analysed.

  /** Venue, normalised: one term, for the exact venue filter. */
  public static final String VENUE_EXACT = "venue_exact";

  /**
   * Venue as the paper spells it, in sorted-set doc values only: what venue facets count and show.
   * Facets group spellings that normalise alike ({@code ICCV}, {@code iccv}) into one value.
   */
  public static final String VENUE_FACET = "venue_facet";

  /** Each author's full name, normalised: one term per author, for the exact author filter. */
  public static final String AUTHOR_EXACT = "author_exact";

  /**
   * For each author, the normalised full name and every tail of it that starts at a name token
   * ({@code ada lovelace}, {@code lovelace}): a prefix query on this field is the author prefix
   * filter, matching the start of any name token or of the full name.
   */
  public static final String AUTHOR_PREFIX = "author_prefix";

  /** Each keyword of the paper, normalised: one term per keyword, for the exact keyword filter. */
  public static final String KEYWORD_EXACT = "keyword_exact";

  /**
   * English title, abstract and keywords as one text (English analyser): what the keyword leg
   * searches in a layout-3 index. One field, not two: BM25 over the whole text scored better on
   * SciFact than boosted per-field sums, and a query has a third fewer clauses to score (README).
   */
  public static final String TEXT_EN = "text_en";

  /** Chinese title, abstract and keywords as one text (Chinese analyser); see {@link #TEXT_EN}. */
  public static final String TEXT_ZH = "text_zh";

  /** English title (layout 2 only): English analyser (stemmed, stop words removed). */
  public static final String TITLE_EN = "title_en";

  /** Chinese title (layout 2 only): Chinese analyser. */
  public static final String TITLE_ZH = "title_zh";

  /** English abstract and English keywords (layout 2 only). */
  public static final String ABSTRACT_EN = "abstract_en";

  /** Chinese abstract and Chinese keywords (layout 2 only). */
  public static final String ABSTRACT_ZH = "abstract_zh";

  /** Vector of the English text (title + English abstract), from the English model. */
  public static final String VECTOR_EN = "vector_en";

  /** Vector of the Chinese text, from the Chinese model. */
  public static final String VECTOR_ZH = "vector_zh";

  /**
   * Content hash of the text behind {@link #VECTOR_EN} and the model that embedded it: when a paper
   * is re-indexed with the same hash, its stored vector is reused instead of embedding again.
   */
  public static final String HASH_EN = "hash_en";

  /** Like {@link #HASH_EN}, for {@link #VECTOR_ZH}. */
  public static final String HASH_ZH = "hash_zh";

  public static String text(Lang lang) {
    return lang == Lang.ZH ? TEXT_ZH : TEXT_EN;
  }

  public static String title(Lang lang) {
    return lang == Lang.ZH ? TITLE_ZH : TITLE_EN;
  }

  public static String abstractField(Lang lang) {
    return lang == Lang.ZH ? ABSTRACT_ZH : ABSTRACT_EN;
  }

  public static String vector(Lang lang) {
    return lang == Lang.ZH ? VECTOR_ZH : VECTOR_EN;
  }

  public static String hash(Lang lang) {
    return lang == Lang.ZH ? HASH_ZH : HASH_EN;
  }
}
