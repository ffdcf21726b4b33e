package io.papersearch.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one raw record (field name → value) into a {@link Paper}, applying the rules every format
 * shares. Readers only split their syntax into such maps; everything about what the values mean
 * lives here, so the formats cannot drift apart.
 *
 * <p>Field names are matched through their aliases ({@code _id}, {@code text}, {@code 题目}, {@code
 * abstract_zh}, ...); unknown names are ignored. Values are strings (CSV, markdown) or parsed JSON
 * values: strings, numbers, booleans, lists, maps.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Every text is {@linkplain TextNormalizer#normalize(String) normalised}; in markdown mode
 *       inline markup is {@linkplain TextNormalizer#stripMarkdown(String) stripped} first.
 *   <li>A record needs a title or an abstract.
 *   <li>{@code year}, when present, is an integer (or a string holding one) from 1000 to 2100.
 *   <li>{@code id}, when present, must pass {@link PaperIds#requireValid(String)}; when absent it is
 *       derived from the title ({@link PaperIds#fromTitle(String)}) or, lacking one, hashed from
 *       the abstract.
 *   <li>{@code authors} and {@code keywords} are arrays of strings or one string. Authors are
 *       split on {@code ;} when there is one (so {@code "Smith, J.; Doe, A."} keeps its commas),
 *       otherwise on commas, {@code 、}, {@code &} and {@code and}; keywords on {@code ;}, else on
 *       commas and {@code 、}.
 *   <li>Abstracts go by script, not by column name: {@code abstractEn} gets the first non-Chinese
 *       of ({@code abstract}, {@code abstract_zh}), {@code abstractZh} the first Chinese of ({@code
 *       abstract_zh}, {@code abstract}). So a Chinese text under {@code abstract} (as in CSL) lands
 *       in {@code abstractZh}, swapped columns are put right, and when both columns hold the same
 *       script the one whose name matches wins.
 *   <li>{@code url} may be a markdown link ({@code [link](https://...)}); its target is kept.
 *       {@code doi} loses a {@code https://doi.org/} or {@code doi:} prefix.
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
public final class RecordMapper {

  private static final RecordMapper PLAIN = new RecordMapper(false);
  private static final RecordMapper MARKDOWN = new RecordMapper(true);

  static final int MIN_YEAR = 1000;
  static final int MAX_YEAR = 2100;

  private static final Pattern AUTHOR_SEMICOLONS = Pattern.compile("\\s*[;；]\\s*");
  private static final Pattern AUTHOR_SEPARATORS =
      Pattern.compile("\\s*[,，、]\\s*(?:and\\s+)?|\\s+and\\s+|\\s*&\\s*");
  private static final Pattern KEYWORD_SEMICOLONS = AUTHOR_SEMICOLONS;
  private static final Pattern KEYWORD_COMMAS = Pattern.compile("\\s*[,，、]\\s*");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
  private static final Pattern DOI_PREFIX =
      Pattern.compile("^(?:https?://(?:dx\\.)?doi\\.org/|doi:\\s*)", Pattern.CASE_INSENSITIVE);

  private final boolean markdown;

  private RecordMapper(boolean markdown) {
    this.markdown = markdown;
  }

  /** A mapper for sources whose values are plain text (JSON, CSV, TSV). */
  public static RecordMapper plain() {
    return PLAIN;
  }

  /** A mapper for markdown table cells: also strips links and emphasis from text values. */
  public static RecordMapper markdown() {
    return MARKDOWN;
  }

  /**
   * Maps a raw record to a paper.
   *
   * @param record field name → raw value; unknown names are ignored
   * @return the paper, normalised
   * @throws InvalidRecordException when the record breaks a rule; the message names the field and
   *     the value
   */
  public Paper map(Map<String, ?> record) throws InvalidRecordException {
    EnumMap<Field, Object> raw = Field.resolve(record);
    String title = text(raw, Field.TITLE, "title");
    String abstractText = text(raw, Field.ABSTRACT, "abstract");
    String abstractZhText = text(raw, Field.ABSTRACT_ZH, "abstractZh");
    if (title == null && abstractText == null && abstractZhText == null) {
      throw new InvalidRecordException("record has neither title nor abstract");
    }
    boolean abstractIsZh = Lang.isChinese(abstractText);
    boolean abstractZhIsZh = Lang.isChinese(abstractZhText);
    String abstractEn = abstractText != null && !abstractIsZh ? abstractText
        : abstractZhText != null && !abstractZhIsZh ? abstractZhText : null;
    String abstractZh = abstractZhIsZh ? abstractZhText : abstractIsZh ? abstractText : null;

    String id = id(raw.get(Field.ID));
    if (id == null) {
      id = title != null ? PaperIds.fromTitle(title)
          : PaperIds.hashed(abstractEn != null ? abstractEn : abstractZh);
    }
    return new Paper(
        id,
        title,
        list(raw.get(Field.AUTHORS), "authors", AUTHOR_SEMICOLONS, AUTHOR_SEPARATORS),
        year(raw.get(Field.YEAR)),
        text(raw, Field.VENUE, "venue"),
        TextNormalizer.extractUrl(TextNormalizer.normalize(string(raw.get(Field.URL), "url"))),
        doi(text(raw, Field.DOI, "doi")),
        abstractEn,
        abstractZh,
        list(raw.get(Field.KEYWORDS), "keywords", KEYWORD_SEMICOLONS, KEYWORD_COMMAS));
  }

  /**
   * Maps a record and hands the result to a sink: the paper, or a rejection at {@code line}. The
   * one place readers turn an {@link InvalidRecordException} into a {@link Rejection}.
   */
  void deliver(Map<String, ?> record, Path source, int line, PaperSink sink) throws IOException {
    Paper paper;
    try {
      paper = map(record);
    } catch (InvalidRecordException e) {
      sink.reject(new Rejection(source, line, e.getMessage()));
      return;
    }
    sink.accept(paper, line);
  }

  private String text(EnumMap<Field, Object> raw, Field field, String name)
      throws InvalidRecordException {
    return clean(string(raw.get(field), name));
  }

  private String clean(String value) {
    return TextNormalizer.normalize(markdown ? TextNormalizer.stripMarkdown(value) : value);
  }

  private static String string(Object value, String name) throws InvalidRecordException {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new InvalidRecordException(name + " must be a string, got " + Values.jsonType(value));
  }

  private static String id(Object value) throws InvalidRecordException {
    if (value == null) {
      return null;
    }
    String text;
    if (value instanceof String s) {
      text = TextNormalizer.normalize(s);
    } else if (value instanceof Number n && integral(n) != null) {
      // BEIR-style corpora sometimes write numeric ids as JSON numbers.
      text = integral(n).toString();
    } else {
      throw new InvalidRecordException("id must be a string, got " + Values.jsonType(value));
    }
    if (text == null) {
      return null;
    }
    try {
      return PaperIds.requireValid(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException(e.getMessage(), e);
    }
  }

  private Integer year(Object value) throws InvalidRecordException {
    if (value == null) {
      return null;
    }
    BigInteger year;
    String shown;
    if (value instanceof String s) {
      shown = clean(s);
      if (shown == null) {
        return null;
      }
      year = INTEGER.matcher(shown).matches() ? new BigInteger(shown) : null;
    } else if (value instanceof Number n) {
      shown = n.toString();
      year = integral(n);
    } else {
      throw yearError(Values.jsonType(value));
    }
    if (year == null
        || year.compareTo(BigInteger.valueOf(MIN_YEAR)) < 0
        || year.compareTo(BigInteger.valueOf(MAX_YEAR)) > 0) {
      throw yearError(Values.quote(shown));
    }
    return year.intValue();
  }

  private static InvalidRecordException yearError(String got) {
    return new InvalidRecordException(
        "year must be an integer between " + MIN_YEAR + " and " + MAX_YEAR + ", got " + got);
  }

  /** The value of a whole number, or null when it has a fraction (or is NaN or infinite). */
  private static BigInteger integral(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return BigInteger.valueOf(n.longValue());
    } else if (n instanceof BigInteger b) {
      return b;
    }
    double d = n.doubleValue();
    if (Double.isFinite(d) && d == Math.rint(d)) {
      return new BigDecimal(n.toString()).toBigIntegerExact();
    }
    return null;
  }

  private List<String> list(Object value, String name, Pattern preferred, Pattern fallback)
      throws InvalidRecordException {
    List<String> items = new ArrayList<>();
    if (value == null) {
      return items;
    } else if (value instanceof String s) {
      String cleaned = clean(s);
      if (cleaned != null) {
        Pattern separator = preferred.matcher(cleaned).find() ? preferred : fallback;
        for (String part : separator.split(cleaned)) {
          addCleaned(items, part);
        }
      }
    } else if (value instanceof List<?> elements) {
      for (int i = 0; i < elements.size(); i++) {
        Object element = elements.get(i);
        if (element != null && !(element instanceof String)) {
          throw new InvalidRecordException(
              name + " must be a string or an array of strings, got an array with "
                  + Values.jsonType(element) + " at index " + i);
        }
        addCleaned(items, (String) element);
      }
    } else {
      throw new InvalidRecordException(
          name + " must be a string or an array of strings, got " + Values.jsonType(value));
    }
    return items;
  }

  private void addCleaned(List<String> items, String value) {
    String cleaned = clean(value);
    if (cleaned != null) {
      items.add(cleaned);
    }
  }

  private static String doi(String doi) {
    if (doi == null) {
      return null;
    }
    String bare = DOI_PREFIX.matcher(doi).replaceFirst("");
    return bare.isEmpty() ? null : bare;
  }
}
