package io.papersearch.ingest;

import java.util.Locale;

/**
 * The two languages the search distinguishes: English (standing for any Latin-script text) and
 * Chinese.
 *
 * <p>Detection looks at scripts, not words, because it has to work on three-word queries as well as
 * on abstracts, and because Chinese research text routinely embeds Latin acronyms ("SAM",
 * "Transformer", "MRP") that a word-based detector would count as English.
 *
 * <p>Thread-safe: stateless.
 */
public enum Lang {
  EN,
  ZH;

  /**
   * How many Latin letters one Han character outweighs. A Han character carries roughly the
   * content of half to one English word, and an English word averages five to six letters; three
   * keeps "SAM 在医学图像分割中的应用" and "基于Transformer的分割" Chinese while an English abstract that
   * quotes a Chinese name stays English.
   */
  private static final int HAN_WEIGHT = 3;

  /**
   * Detects the language of a text by comparing its Han characters with its Latin letters.
   *
   * @param text any text, may be null
   * @return {@link #ZH} when the text has Han characters and they outweigh its Latin letters
   *     ({@code 3 × han >= latin}); {@link #EN} otherwise, including for null, blank, digits-only
   *     or punctuation-only text. Kana and Hangul are not counted, so Japanese with kanji may come
   *     out as ZH.
   */
  public static Lang detect(CharSequence text) {
    if (text == null) {
      return EN;
    }
    long han = 0;
    long latin = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (cp < 0x80) {
        // Fast path for ASCII, the bulk of English text.
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
          latin++;
        }
      } else if (Character.isLetter(cp)) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN) {
          han++;
        } else if (script == Character.UnicodeScript.LATIN) {
          latin++;
        }
      }
    }
    return han > 0 && HAN_WEIGHT * han >= latin ? ZH : EN;
  }

  /** Returns true when {@link #detect(CharSequence)} says {@link #ZH}. */
  public static boolean isChinese(CharSequence text) {
    return detect(text) == ZH;
  }

  /** The lowercase BCP 47 tag: {@code "en"} or {@code "zh"}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
