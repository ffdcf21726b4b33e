package io.papersearch.ingest;

import java.util.List;

/**
 * Author names as reference managers write them ({@code Last, First} in BibTeX and RIS) turned into
 * the order people read them in, which is how the other formats give them and how a search for
 * "Anna Schröder" expects to meet them.
 *
 * <p>Thread-safe: stateless.
 */
final class PersonNames {

  private PersonNames() {}

  /**
   * Joins the comma-separated parts of one name in reading order.
   *
   * <ul>
   *   <li>{@code [Name]} → {@code Name} (already in reading order, or an institution);
   *   <li>{@code [Last, First]} → {@code First Last};
   *   <li>{@code [Last, Jr, First]} (BibTeX's third form, and RIS's {@code Last, First, Suffix} read
   *       the other way) → {@code First Last Jr};
   *   <li>a name whose parts are all Han characters ({@code 张, 三}, as Zotero exports Chinese and
   *       Japanese names) → {@code 张三}: family name first and no space, as it is written.
   * </ul>
   *
   * @param parts the parts between commas, each already decoded and trimmed; blank parts are ignored
   * @return the display name, or null when every part is blank
   */
  static String fromParts(List<String> parts) {
    List<String> kept = parts.stream().filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
    if (kept.isEmpty()) {
      return null;
    }
    if (kept.size() == 1) {
      return kept.get(0);
    }
    String last = kept.get(0);
    String first = kept.get(kept.size() - 1);
    String suffix = kept.size() > 2 ? String.join(" ", kept.subList(1, kept.size() - 1)) : null;
    if (suffix == null && isHan(last) && isHan(first)) {
      return last + first;
    }
    return first + " " + last + (suffix == null ? "" : " " + suffix);
  }

  /**
   * A RIS author ({@code AU  - Schröder, Anna}, {@code AU  - Schröder, Anna, Jr.}, {@code AU  - X.
   * Zhang}) in reading order; see {@link #fromParts(List)}. RIS puts the suffix last: {@code Last,
   * First, Suffix}.
   */
  static String fromRis(String name) {
    List<String> parts = List.of(name.split(",", -1));
    if (parts.size() == 3) {
      parts = List.of(parts.get(0), parts.get(2), parts.get(1));
    }
    return fromParts(parts);
  }

  private static boolean isHan(String text) {
    return !text.isEmpty()
        && text.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }
}
