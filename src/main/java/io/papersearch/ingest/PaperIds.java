package io.papersearch.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Paper identifiers: the rule for a valid id, and the deterministic derivation of one from a title
 * when the source has none.
 *
 * <p>Ids are restricted to ASCII letters, digits and {@code . _ - :} so they can appear unescaped
 * in URLs, file names and query strings; every real source checked (ACL Anthology, BEIR, CSL) fits.
 * Derived ids are deterministic so that re-reading a file replaces the papers instead of adding
 * copies.
 *
 * <p>Thread-safe: stateless.
 */
public final class PaperIds {

  /** Longest accepted id, in characters. */
  public static final int MAX_LENGTH = 128;

  /** Longest slug derived from a title. */
  static final int MAX_SLUG_LENGTH = 64;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_SLUG = Pattern.compile("[^a-z0-9]+");
  private static final int HASH_HEX_CHARS = 12;
  private static final int SUFFIX_HEX_CHARS = 7;

  private PaperIds() {}

  /** Returns true when {@code id} is 1 to 128 ASCII letters, digits, '.', '_', '-' or ':'. */
  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  /**
   * Returns {@code id} when it is valid.
   *
   * @throws IllegalArgumentException naming the value when it is not
   */
  public static String requireValid(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(
          "id must be 1 to "
              + MAX_LENGTH
              + " characters of ASCII letters, digits, '.', '_', '-' or ':', got "
              + Values.quote(id));
    }
    return id;
  }

  /**
   * The id a reference manager's record key gives (a BibTeX citation key, a RIS {@code ID}), or
   * null when the key should not be used and the id is derived from the title instead.
   *
   * <p>A key is used when it is a valid id that contains an ASCII letter. Keys without one name no
   * paper: Zotero builds its keys from ASCII letters of the author and title, so every Chinese paper
   * gets {@code __2023} (then {@code __2023-1}, ...) in every export, and EndNote's RIS {@code ID}s
   * are record numbers ({@code 12}) local to one library. As ids these would make papers from two
   * exports replace each other on re-import; the title-derived id cannot.
   */
  static String fromCitationKey(String key) {
    if (!isValid(key)) {
      return null;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        return key;
      }
    }
    return null;
  }

  /**
   * Derives an id from a normalised title.
   *
   * <p>A title written in Latin letters gives a readable slug: lowercase, accents dropped, runs of
   * anything else turned into one hyphen ({@code "U-Net: A Study"} → {@code "u-net-a-study"}). A
   * slug longer than 64 characters is cut at a hyphen and ends with 7 hex digits of the title's
   * SHA-256, so two long titles that share their first words still get different ids.
   *
   * <p>A title with any letter or digit the slug would lose (Chinese, Cyrillic, ...) gets {@code
   * "p-"} plus 12 hex digits of the SHA-256 of the title instead: a partial slug such as {@code
   * "transformer"} for {@code "基于Transformer的分割"} would make unrelated Chinese titles collide.
   *
   * @param title a title as returned by {@link TextNormalizer#normalize(String)}
   * @throws IllegalArgumentException when the title is null or blank
   */
  public static String fromTitle(String title) {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank, got " + Values.quote(title));
    }
    String slug = slug(title);
    if (slug == null) {
      return hashed(title);
    }
    if (slug.length() <= MAX_SLUG_LENGTH) {
      return slug;
    }
    int room = MAX_SLUG_LENGTH - SUFFIX_HEX_CHARS - 1;
    int cut = slug.lastIndexOf('-', room);
    String head = cut > 0 ? slug.substring(0, cut) : slug.substring(0, room);
    return head + '-' + sha256Hex(title).substring(0, SUFFIX_HEX_CHARS);
  }

  /**
   * Derives an opaque id from any text: {@code "p-"} plus the first 12 hex digits of the SHA-256 of
   * its UTF-8 bytes. Used for Chinese titles and for papers that have an abstract but no title.
   */
  public static String hashed(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank, got " + Values.quote(text));
    }
    return "p-" + sha256Hex(text).substring(0, HASH_HEX_CHARS);
  }

  /** The ASCII slug of a title, or null when the slug would drop one of its letters or digits. */
  private static String slug(String title) {
    String folded =
        COMBINING_MARKS
            .matcher(Normalizer.normalize(title, Normalizer.Form.NFD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT);
    StringBuilder ascii = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      String replacement = asciiLetters(cp);
      if (replacement != null) {
        ascii.append(replacement);
      } else if (cp < 0x80) {
        ascii.append((char) cp);
      } else if (Character.isLetterOrDigit(cp)) {
        return null;
      } else {
        ascii.append(' ');
      }
    }
    String slug = NON_SLUG.matcher(ascii).replaceAll("-");
    int start = slug.startsWith("-") ? 1 : 0;
    int end = slug.endsWith("-") ? slug.length() - 1 : slug.length();
    return start < end ? slug.substring(start, end) : null;
  }

  /** Latin letters that NFD does not decompose into an ASCII letter plus marks. */
  private static String asciiLetters(int cp) {
    return switch (cp) {
      case 'ß' -> "ss";
      case 'æ' -> "ae";
      case 'œ' -> "oe";
      case 'ø' -> "o";
      case 'đ', 'ð' -> "d";
      case 'ł' -> "l";
      case 'þ' -> "th";
      case 'ı' -> "i";
      default -> null;
    };
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
