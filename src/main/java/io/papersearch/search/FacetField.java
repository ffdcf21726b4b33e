package io.papersearch.search;

import java.util.Locale;
import java.util.Set;

/** What a search can count its matches by ({@code facets=year,venue}). */
public enum FacetField {
  /** Publication year (papers without one are not counted). */
  YEAR,
  /** Venue, spellings that differ only in case, width or accents counted as one. */
  VENUE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code year,venue}; null or blank is no facets.
   *
   * @throws PapersearchException {@code invalid_search_facets} naming an unknown facet
   */
  public static Set<FacetField> parseList(String value) {
    return NameList.parse("facets", "facet", value, FacetField.class, FacetField::wire, ErrorCode.INVALID_SEARCH_FACETS);
  }
}
