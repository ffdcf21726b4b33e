package io.papersearch.ingest;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans text from source files so that equal texts are equal strings: what the index, the
 * embeddings and the id derivation see must not depend on how a file happened to encode spaces,
 * accents or line breaks.
 *
 * <p>Thread-safe: stateless (the patterns are immutable).
 */
public final class TextNormalizer {

  /** {@code [text](url)} and {@code ![alt](url)}; the url may contain one level of parentheses. */
  private static final Pattern MARKDOWN_LINK =
      Pattern.compile("!?\\[([^\\[\\]]*)]\\(\\s*<?([^()\\s<>]*(?:\\([^()\\s]*\\)[^()\\s<>]*)*)>?"
          + "(?:\\s+\"[^\"]*\")?\\s*\\)");

  /** {@code **bold**} and {@code __bold__}, paired, so that {@code __init__}-like words survive. */
  private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");

  private static final Pattern LINE_BREAK_TAG =
      Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);

  private static final Pattern WHOLE_LINK =
      Pattern.compile("!?\\[[^\\[\\]]*]\\(\\s*<?(\\S+?)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

  private static final Pattern AUTOLINK = Pattern.compile("<(\\w[\\w+.-]*:[^<>\\s]+)>");

  /**
   * NFKC forms of the Latin ligatures U+FB00..U+FB06 ({@code ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ}). Text extracted from
   * PDFs is full of them ("diﬀerent"), and a search for "different" must find it. Only these are
   * folded: full NFKC would also rewrite the full-width punctuation of Chinese text.
   */
  private static final String[] LIGATURES = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};

  private TextNormalizer() {}

  /**
   * Normalises a text for indexing and display.
   *
   * <p>In order: repairs mojibake ({@link #repairMojibake(String)}), applies Unicode NFC, removes
   * control and format characters (C0/C1 controls, zero-width characters, BOM, soft hyphen, bidi
   * marks, unpaired surrogates), expands the Latin ligatures {@code ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ}, turns every
   * kind of whitespace (including NBSP, U+3000 ideographic space and line breaks) into one ASCII
   * space, and trims. CJK text, full-width punctuation included, passes through unchanged.
   *
   * <p>Mojibake is repaired before controls are removed because C1 controls and the soft hyphen
   * are often the second byte of a mojibake pair ({@code Ã\u00AD} is {@code í}).
   *
   * @return the normalised text, or null when {@code text} is null or has nothing but whitespace
   *     and invisible characters
   */
  public static String normalize(String text) {
    if (text == null) {
      return null;
    }
    String repaired = Mojibake.repair(text);
    String composed =
        Normalizer.isNormalized(repaired, Normalizer.Form.NFC)
            ? repaired
            : Normalizer.normalize(repaired, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(composed.length());
    boolean pendingSpace = false;
    for (int i = 0; i < composed.length(); ) {
      int cp = composed.codePointAt(i);
      i += Character.charCount(cp);
      if (isSpace(cp)) {
        pendingSpace = out.length() > 0;
      } else if (!isInvisible(cp)) {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        if (cp >= 0xFB00 && cp <= 0xFB06) {
          out.append(LIGATURES[cp - 0xFB00]);
        } else {
          out.appendCodePoint(cp);
        }
      }
    }
    return out.isEmpty() ? null : out.toString();
  }

  /**
   * Repairs UTF-8 text that was decoded as Latin-1 or Windows-1252, including the lone-{@code Ã}
   * form where the invisible second byte was lost ({@code Morales-Ãlvarez} → {@code
   * Morales-Álvarez}). Text without the mojibake signature is returned unchanged. {@link
   * #normalize(String)} already calls this.
   *
   * @return the repaired text; null for null
   */
  public static String repairMojibake(String text) {
    return Mojibake.repair(text);
  }

  /**
   * Removes the inline markdown that shows up in table cells: {@code [text](url)} becomes {@code
   * text}, {@code **x**} and {@code __x__} become {@code x}, {@code <br>} becomes a space. Does not
   * normalise; call {@link #normalize(String)} afterwards.
   *
   * @return the text without markup; null for null
   */
  public static String stripMarkdown(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    if (result.indexOf('<') >= 0) {
      result = LINE_BREAK_TAG.matcher(result).replaceAll(" ");
    }
    if (result.indexOf('[') >= 0) {
      result = MARKDOWN_LINK.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }
    if (result.contains("**") || result.contains("__")) {
      result = EMPHASIS.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
    }
    return result;
  }

  /**
   * Returns the link target of a cell holding one markdown link ({@code [link](https://x)} or
   * {@code <https://x>}), or the trimmed cell itself when it is not a link (a bare URL).
   *
   * @return the URL, or null when the cell is null or blank
   */
  public static String extractUrl(String cell) {
    if (cell == null || cell.isBlank()) {
      return null;
    }
    String trimmed = cell.strip();
    Matcher link = WHOLE_LINK.matcher(trimmed);
    if (link.matches()) {
      return link.group(1);
    }
    Matcher auto = AUTOLINK.matcher(trimmed);
    return auto.matches() ? auto.group(1) : trimmed;
  }

  private static boolean isSpace(int cp) {
    // isSpaceChar covers NBSP and the other no-break spaces that isWhitespace leaves out; U+0085
    // (NEL) is a line break in Latin-1 sources.
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  private static boolean isInvisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
  }
}
