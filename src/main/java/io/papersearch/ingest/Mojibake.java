package io.papersearch.ingest;

/**
 * Repairs UTF-8 text that was decoded as Latin-1 or Windows-1252 somewhere upstream ("mojibake":
 * {@code GroÃ¶hmer} for {@code Gröhmer}).
 *
 * <p>Two passes, both designed to leave correct text alone:
 *
 * <ol>
 *   <li><b>Byte sequences.</b> Each character is mapped back to the single byte Latin-1/cp1252
 *       would have decoded it from. Where a lead byte (0xC2–0xF4) is followed by the right number of
 *       continuation bytes (0x80–0xBF) and they form a valid UTF-8 sequence, the characters are
 *       replaced by the decoded code point: {@code Ã¶} → {@code ö}, {@code â€™} → {@code ’}. Correct
 *       text almost never shows a Latin-1 letter directly followed by symbols such as {@code ¶ © ³}
 *       or cp1252 punctuation, which is what makes this safe; {@code São}, {@code naïve}, {@code
 *       Ångström}, {@code Æsir} do not match because their next character is a plain letter. The
 *       pass is repeated (at most three times) to undo double encoding. {@code ×} (0xD7) is never
 *       taken as a lead byte: it is common in correct scientific text ("10×µm") and only starts
 *       Hebrew mojibake, which this corpus does not contain.
 *   <li><b>Lost second byte.</b> Some pipelines drop the characters that are invisible in
 *       Latin-1/cp1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x9F, 0xAD soft hyphen, 0xA0 NBSP), leaving a
 *       lone {@code Ã} followed by an ordinary letter ({@code Morales-Ãlvarez}, {@code VÃctor},
 *       {@code GroÃbröhmer}). The lost byte cannot be recovered, so it is guessed, only for an
 *       {@code Ã} directly followed by a lowercase letter, which never happens in correct text
 *       (Portuguese writes {@code Ã} only in all-caps words such as {@code SÃO}):
 *       <ul>
 *         <li>at the start of a word → {@code Á} ({@code Álvarez}, {@code Ángel}, {@code Ákos});
 *         <li>inside a word, after a vowel, when the word has an umlaut or the next letter is one
 *             that follows {@code ß} in German ({@code b c f g h k l m p t w e}) → {@code ß}
 *             ({@code Großbröhmer}, {@code heißt}, {@code Straße}); {@code s z d n r} are left
 *             out because they follow {@code í} in Spanish and Portuguese names ({@code Luís},
 *             {@code Ruíz}, {@code Saíd});
 *         <li>otherwise → {@code í} ({@code Víctor}, {@code Rodríguez}, {@code María}), by far the
 *             most frequent lost character in author names.
 *       </ul>
 * </ol>
 *
 * <p>Thread-safe: stateless.
 */
final class Mojibake {

  private static final int MAX_ROUNDS = 3;
  private static final String VOWELS = "aeiouyäöü";
  private static final String FOLLOWS_SHARP_S = "bcfghklmptwe";
  private static final String UMLAUTS = "äöüÄÖÜ";

  private Mojibake() {}

  /** Returns the text with mojibake repaired, or the same instance when there is none. */
  static String repair(String text) {
    if (text == null || !hasLeadCharacter(text)) {
      return text;
    }
    String repaired = text;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      String next = repairSequences(repaired);
      if (next.equals(repaired)) {
        break;
      }
      repaired = next;
    }
    repaired = repairLostBytes(repaired);
    return repaired.equals(text) ? text : repaired;
  }

  /** Every mojibake sequence starts with a character in U+00C2..U+00F4; most text has none. */
  private static boolean hasLeadCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0xC2 && c <= 0xF4) {
        return true;
      }
    }
    return false;
  }

  private static String repairSequences(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    for (int i = 0; i < n; ) {
      char c = text.charAt(i);
      int consumed = c >= 0xC2 && c <= 0xF4 && c != 0xD7 ? decodeSequence(text, i, out) : 0;
      if (consumed > 0) {
        i += consumed;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Decodes the UTF-8 sequence whose lead byte is at {@code start}, appending the code point.
   *
   * @return the number of characters consumed, or 0 when they do not form a valid sequence
   */
  private static int decodeSequence(String text, int start, StringBuilder out) {
    int lead = text.charAt(start);
    int length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (start + length > text.length()) {
      return 0;
    }
    int cp = lead & (0xFF >> (length + 1));
    for (int k = 1; k < length; k++) {
      int b = singleByte(text.charAt(start + k));
      if (b < 0x80 || b > 0xBF) {
        return 0;
      }
      cp = (cp << 6) | (b & 0x3F);
    }
    // Reject overlong forms, surrogates and code points beyond Unicode, as a strict decoder would.
    boolean valid =
        switch (length) {
          case 2 -> true; // leads from 0xC2 up cannot be overlong
          case 3 -> cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
          default -> cp >= 0x10000 && cp <= 0x10FFFF;
        };
    if (!valid) {
      return 0;
    }
    out.appendCodePoint(cp);
    return length;
  }

  /**
   * The byte a Latin-1 or cp1252 decoder turned into {@code c}, or -1. U+0080..U+009F are kept as
   * their own byte because a Latin-1 decoder yields them as C1 controls.
   */
  static int singleByte(char c) {
    if (c <= 0xFF) {
      return c;
    }
    return switch (c) {
      case '\u20AC' -> 0x80;
      case '\u201A' -> 0x82;
      case '\u0192' -> 0x83;
      case '\u201E' -> 0x84;
      case '\u2026' -> 0x85;
      case '\u2020' -> 0x86;
      case '\u2021' -> 0x87;
      case '\u02C6' -> 0x88;
      case '\u2030' -> 0x89;
      case '\u0160' -> 0x8A;
      case '\u2039' -> 0x8B;
      case '\u0152' -> 0x8C;
      case '\u017D' -> 0x8E;
      case '\u2018' -> 0x91;
      case '\u2019' -> 0x92;
      case '\u201C' -> 0x93;
      case '\u201D' -> 0x94;
      case '\u2022' -> 0x95;
      case '\u2013' -> 0x96;
      case '\u2014' -> 0x97;
      case '\u02DC' -> 0x98;
      case '\u2122' -> 0x99;
      case '\u0161' -> 0x9A;
      case '\u203A' -> 0x9B;
      case '\u0153' -> 0x9C;
      case '\u017E' -> 0x9E;
      case '\u0178' -> 0x9F;
      default -> -1;
    };
  }

  private static String repairLostBytes(String text) {
    if (text.indexOf('Ã') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text);
    for (int i = 0; i < out.length() - 1; i++) {
      if (out.charAt(i) != 'Ã' || !Character.isLowerCase(out.charAt(i + 1))) {
        continue;
      }
      char previous = i > 0 ? out.charAt(i - 1) : ' ';
      char next = out.charAt(i + 1);
      char guess;
      if (!Character.isLetter(previous)) {
        guess = 'Á';
      } else if (VOWELS.indexOf(previous) >= 0
          && (FOLLOWS_SHARP_S.indexOf(next) >= 0 || wordHasUmlaut(out, i))) {
        guess = 'ß';
      } else {
        guess = 'í';
      }
      out.setCharAt(i, guess);
    }
    return out.toString();
  }

  private static boolean wordHasUmlaut(CharSequence text, int at) {
    int start = at;
    while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
      start--;
    }
    int end = at + 1;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    for (int i = start; i < end; i++) {
      if (UMLAUTS.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
