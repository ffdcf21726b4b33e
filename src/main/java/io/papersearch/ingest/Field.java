package io.papersearch.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a paper record and the source names that mean them, shared by every format so a
 * CSV column and a JSON key called {@code abstract_zh} mean the same thing.
 *
 * <p>Names are compared after trimming, lowercasing ({@link java.util.Locale#ROOT}) and dropping
 * underscores, hyphens and spaces, so {@code abstractZh}, {@code abstract_zh} and {@code Abstract
 * ZH} are one name, as are {@code _id} and {@code id}.
 *
 * <p>Thread-safe: immutable.
 */
enum Field {
  ID("id"),
  TITLE("title", "题目", "标题"),
  AUTHORS("authors", "author", "作者"),
  YEAR("year", "年份"),
  VENUE("venue", "会议"),
  URL("url", "link", "链接"),
  DOI("doi"),
  ABSTRACT("abstract", "text", "abstract_en", "摘要", "英文摘要"),
  ABSTRACT_ZH("abstract_zh", "中文摘要"),
  KEYWORDS("keywords", "keyword", "关键词", "关键字");

  private static final Map<String, Field> BY_NAME = new HashMap<>();

  static {
    for (Field field : values()) {
      for (String alias : field.aliases) {
        BY_NAME.put(squash(alias), field);
      }
    }
  }

  private final List<String> aliases;

  Field(String... aliases) {
    this.aliases = List.of(aliases);
  }

  /** The field a source name means, or null for names this package ignores. */
  static Field forName(String name) {
    return name == null ? null : BY_NAME.get(squash(name));
  }

  /**
   * Picks each field's value from a raw record. When several names mean the same field, the first
   * one with a value (not null, not a blank string) wins, in the map's iteration order.
   */
  static EnumMap<Field, Object> resolve(Map<String, ?> record) {
    EnumMap<Field, Object> values = new EnumMap<>(Field.class);
    for (Map.Entry<String, ?> entry : record.entrySet()) {
      Field field = forName(entry.getKey());
      Object value = entry.getValue();
      boolean empty = value == null || (value instanceof String s && s.isBlank());
      if (field != null && !empty) {
        values.putIfAbsent(field, value);
      }
    }
    return values;
  }

  /**
   * Checks a table header: no name may appear twice (the record map would lose a column), and some
   * column must hold a title or an abstract.
   *
   * @throws InvalidRecordException naming the problem
   */
  static void checkHeader(List<String> names) throws InvalidRecordException {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new InvalidRecordException("column " + Values.quote(name) + " appears twice in the header");
      }
    }
    if (!hasTextColumn(names)) {
      throw new InvalidRecordException(
          "header has no title or abstract column; got columns " + String.join(", ", names));
    }
  }

  /** True when one of the names means the title or an abstract. */
  static boolean hasTextColumn(List<String> names) {
    List<Field> fields = new ArrayList<>();
    for (String name : names) {
      fields.add(forName(name));
    }
    return fields.contains(TITLE) || fields.contains(ABSTRACT) || fields.contains(ABSTRACT_ZH);
  }

  private static String squash(String name) {
    StringBuilder out = new StringBuilder(name.length());
    String lower = name.strip().toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c != '_' && c != '-' && c != ' ') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
