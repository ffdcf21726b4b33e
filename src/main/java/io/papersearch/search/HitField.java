package io.papersearch.search;

import io.papersearch.ingest.Paper;
import java.util.Set;
import java.util.function.Function;

/**
 * The paper fields a hit (and a paper) returns, in response order: the one list of their wire names,
 * so the {@code fields} parameter and the JSON shape cannot disagree.
 */
public enum HitField {
  ID("id", Paper::id),
  TITLE("title", Paper::title),
  AUTHORS("authors", Paper::authors),
  YEAR("year", Paper::year),
  VENUE("venue", Paper::venue),
  URL("url", Paper::url),
  DOI("doi", Paper::doi),
  ABSTRACT("abstract", Paper::abstractEn),
  ABSTRACT_ZH("abstractZh", Paper::abstractZh),
  KEYWORDS("keywords", Paper::keywords);

  private final String wire;
  private final Function<Paper, Object> value;

  HitField(String wire, Function<Paper, Object> value) {
    this.wire = wire;
    this.value = value;
  }

  /** The JSON key: {@code abstractZh}. */
  public String wire() {
    return wire;
  }

  /** This field of {@code paper} (null when the paper has no value). */
  public Object of(Paper paper) {
    return value.apply(paper);
  }

  /**
   * Parses {@code id,title,year}; null or blank is every field.
   *
   * @throws PapersearchException {@code invalid_search_fields} naming an unknown field
   */
  public static Set<HitField> parseList(String value) {
    Set<HitField> fields = NameList.parse("fields", "field", value, HitField.class, HitField::wire, ErrorCode.INVALID_SEARCH_FIELDS);
    return fields.isEmpty() ? ALL : fields;
  }

  /** Every field: the default. */
  public static final Set<HitField> ALL = java.util.Collections.unmodifiableSet(java.util.EnumSet.allOf(HitField.class));
}
