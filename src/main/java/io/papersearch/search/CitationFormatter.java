package io.papersearch.search;

import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import java.util.List;

/**
 * The one citation format of papersearch, shared by {@code GET /context} and the MCP tools, so a
 * language model sees the same reference for a paper wherever it came from:
 *
 * <pre>[1] Title. First Author, Second Author, Third Author et al. (2023). Venue. https://...</pre>
 *
 * <p>and abstract excerpts shortened at a sentence end, else a word boundary (for Chinese any
 * character boundary), never inside a surrogate pair, marked with an ellipsis.
 *
 * <p>Lengths are counted in UTF-16 code units ({@link String#length()}, JavaScript's
 * {@code length}). That is never less than the number of code points (Python's {@code len}), so a
 * budget met here is met in either count.
 *
 * <p>Thread-safe: stateless.
 */
public final class CitationFormatter {
  private CitationFormatter() {}

  /** Authors named in a reference before "et al.": enough to recognise a paper, short enough for a header. */
  public static final int MAX_AUTHORS = 3;

  /** Marks an excerpt that was shortened. One UTF-16 unit, so budgets stay easy to reason about. */
  public static final String ELLIPSIS = "…";

  /**
   * Shorter budgets give no excerpt at all: a dozen characters of an abstract tell a model nothing
   * and cost a line.
   */
  public static final int MIN_EXCERPT_CHARS = 16;

  /** The numbered header line of a citation: {@code [n] } then {@link #reference(Paper)}. */
  public static String header(int n, Paper p) {
    if (n < 1) {
      throw new IllegalArgumentException("citation numbers start at 1, got " + n);
    }
    return "[" + n + "] " + reference(p);
  }

  /**
   * One line: {@code Title. Authors (Year). Venue. URL}, each part present only when known. Never
   * contains a line break, so a numbered block stays one header per line.
   */
  public static String reference(Paper p) {
    StringBuilder sb = new StringBuilder();
    sentence(sb, p.title() == null ? "(untitled)" : p.title());
    String authors = authors(p.authors());
    String year = p.year() == null ? null : "(" + p.year() + ")";
    if (authors != null && year != null) {
      sentence(sb, authors + " " + year);
    } else if (authors != null) {
      sentence(sb, authors);
    } else if (year != null) {
      sentence(sb, year);
    }
    if (p.venue() != null) {
      sentence(sb, p.venue());
    }
    String link = link(p);
    if (link != null) {
      sb.append(' ').append(link);
    }
    return oneLine(sb.toString().strip());
  }

  /** The paper's URL, else a DOI link, else null. */
  public static String link(Paper p) {
    if (p.url() != null && !p.url().isBlank()) {
      return oneLine(p.url().strip());
    }
    if (p.doi() != null && !p.doi().isBlank()) {
      return "https://doi.org/" + oneLine(p.doi().strip());
    }
    return null;
  }

  /** Up to {@value #MAX_AUTHORS} names, then "et al."; null when there are none. */
  static String authors(List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    if (names.size() <= MAX_AUTHORS) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_AUTHORS)) + " et al.";
  }

  /** The abstract in {@code lang} when the paper has one, else its other abstract, else null. */
  public static String abstractFor(Paper p, Lang lang) {
    String own = lang == Lang.ZH ? p.abstractZh() : p.abstractEn();
    String other = lang == Lang.ZH ? p.abstractEn() : p.abstractZh();
    if (own != null && !own.isBlank()) {
      return oneLine(own.strip());
    }
    return other == null || other.isBlank() ? null : oneLine(other.strip());
  }

  /**
   * {@code text} if it fits in {@code maxChars}, else its longest prefix that ends at a sentence end
   * (when that keeps at least half the room), else at a word boundary (likewise), else at a
   * character boundary, followed by {@link #ELLIPSIS}. Chinese text has a word boundary between any
   * two Han characters, so it is cut at the last character that fits. A surrogate pair is never
   * split. The result is never longer than {@code maxChars}; it is empty when {@code maxChars} is
   * below {@value #MIN_EXCERPT_CHARS} and the text does not fit.
   */
  public static String excerpt(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    if (text.length() <= maxChars) {
      return text;
    }
    if (maxChars < MIN_EXCERPT_CHARS) {
      return "";
    }
    // A sentence cut is followed by " …" after a Latin full stop, any other cut by "…" alone.
    int sentenceRoom = maxChars - ELLIPSIS.length() - 1;
    int cut = sentenceEnd(text, sentenceRoom);
    if (cut >= sentenceRoom / 2) {
      String kept = text.substring(0, cut);
      char last = kept.charAt(kept.length() - 1);
      return kept + (last < 0x80 ? " " : "") + ELLIPSIS;
    }
    int room = maxChars - ELLIPSIS.length();
    int boundary = wordBoundary(text, room);
    int at = boundary >= room / 2 ? boundary : codePointBoundary(text, room);
    String kept = stripTrailing(text.substring(0, at));
    return kept.isEmpty() ? "" : kept + ELLIPSIS;
  }

  /** Largest {@code c <= room} such that {@code text[0, c)} ends a sentence; 0 if none. */
  private static int sentenceEnd(String text, int room) {
    for (int c = Math.min(room, text.length()); c > 0; c--) {
      char ch = text.charAt(c - 1);
      if (ch == '。' || ch == '！' || ch == '？') {
        return c;
      }
      if ((ch == '.' || ch == '!' || ch == '?') && (c == text.length() || Character.isWhitespace(text.charAt(c)))) {
        return c;
      }
    }
    return 0;
  }

  /** Largest {@code c <= room} where a word ends: at whitespace or next to a CJK character; 0 if none. */
  private static int wordBoundary(String text, int room) {
    for (int c = Math.min(room, text.length()); c > 0; c--) {
      if (Character.isHighSurrogate(text.charAt(c - 1))) {
        continue; // inside a surrogate pair: never a boundary
      }
      if (Character.isWhitespace(text.charAt(c)) || Character.isWhitespace(text.charAt(c - 1))) {
        return c;
      }
      if (isCjk(text.codePointBefore(c)) || isCjk(text.codePointAt(c))) {
        return c;
      }
    }
    return 0;
  }

  /** {@code room}, moved back one unit if it would split a surrogate pair. */
  private static int codePointBoundary(String text, int room) {
    int c = Math.min(room, text.length());
    return c > 0 && Character.isHighSurrogate(text.charAt(c - 1)) ? c - 1 : c;
  }

  /** Han ideographs, CJK punctuation and full-width forms: each is a word of its own for cutting. */
  private static boolean isCjk(int cp) {
    if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
      return true;
    }
    Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
    return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
        || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
  }

  /** Drops trailing spaces and the clause punctuation an ellipsis would follow awkwardly. */
  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0) {
      char ch = s.charAt(end - 1);
      if (Character.isWhitespace(ch) || ch == ',' || ch == ';' || ch == ':' || ch == '，' || ch == '、' || ch == '；' || ch == '：') {
        end--;
      } else {
        break;
      }
    }
    return s.substring(0, end);
  }

  /** Appends {@code part} as a sentence: a full stop unless it already ends in one. */
  private static void sentence(StringBuilder sb, String part) {
    String p = part.strip();
    if (p.isEmpty()) {
      return;
    }
    if (!sb.isEmpty()) {
      sb.append(' ');
    }
    sb.append(p);
    char last = p.charAt(p.length() - 1);
    if (".?!。？！".indexOf(last) < 0) {
      sb.append('.');
    }
  }

  /**
   * Stored texts are normalised at ingest (whitespace collapsed), but a header must be one line
   * whatever reaches it, or the numbering of a context block would be ambiguous.
   */
  private static String oneLine(String s) {
    return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replaceAll("[\\r\\n]+", " ");
  }
}
