package io.papersearch.index;

import io.papersearch.ingest.Paper;
import io.papersearch.ingest.TextNormalizer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * The one normal form of the values papers are filtered on (venue, author names, keywords), used
 * when indexing and when searching, so both sides agree on what "the same value" is.
 *
 * <p>Why normalise instead of matching the raw string: users type {@code iccv} for {@code ICCV},
 * full-width {@code ＩＣＣＶ} from a Chinese input method, and {@code Alvarez} for {@code Álvarez};
 * a filter that misses those looks broken. Why not analyse like the text fields: a filter is a
 * yes/no match on a whole value, and stemming or stop words would let the venue {@code Networks}
 * match {@code Network}. So each value is one untokenised term in its normal form (the way an
 * Elasticsearch keyword field with a lowercase + asciifolding normaliser behaves).
 *
 * <p>Stateless and thread-safe.
 */
public final class FilterValues {
  private FilterValues() {}

  /**
   * Longest value (in UTF-16 units, after normalisation) that is indexed for filtering. Longer
   * values are not indexed (Lucene caps a term at 32,766 bytes, and no real venue, name or keyword
   * comes near); searches refuse longer filter values, since they could never match.
   */
  public static final int MAX_CHARS = 256;

  /**
   * The normal form of a filter value: the ingest normalisation ({@link TextNormalizer}: NFC,
   * invisible characters removed, whitespace collapsed), then NFKC (full-width Latin and digits to
   * ASCII), lower case ({@link Locale#ROOT}), Latin accents folded ({@code á} → {@code a},
   * {@code ß} → {@code ss}); Chinese characters are left as they are.
   *
   * @return the normal form, or null when nothing is left (null, blank or invisible input)
   */
  public static String normalize(String value) {
    String clean = TextNormalizer.normalize(value);
    if (clean == null) {
      return null;
    }
    char[] lower = Normalizer.normalize(clean, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).toCharArray();
    // foldToASCII writes at most 4 chars per input char (e.g. a ligature to "ffi" plus nothing more).
    char[] folded = new char[lower.length * 4];
    int n = ASCIIFoldingFilter.foldToASCII(lower, 0, folded, 0, lower.length);
    String out = new String(folded, 0, n).replaceAll("\\s+", " ").strip();
    return out.isEmpty() ? null : out;
  }

  /**
   * The terms the author prefix filter searches for one normalised name: the full name and each
   * tail of it that starts at a name token, so that a prefix of any token (or of the full name)
   * matches. Tokens are runs of letters and digits; each Han character is a token of its own (as
   * Lucene's standard tokeniser treats it), so {@code 小明} finds {@code 王小明}.
   *
   * @param normalized a name already in {@link #normalize(String)} form
   */
  public static List<String> nameStarts(String normalized) {
    Set<String> starts = new LinkedHashSet<>();
    starts.add(normalized);
    boolean inToken = false;
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      boolean han = Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
      boolean wordChar = Character.isLetterOrDigit(cp);
      if (wordChar && (han || !inToken)) {
        starts.add(normalized.substring(i));
      }
      inToken = wordChar && !han;
      i += Character.charCount(cp);
    }
    return new ArrayList<>(starts);
  }

  /** Adds the filter and facet fields of {@code paper} to its document (see {@link PaperFields}). */
  static void addFields(Document doc, Paper paper) {
    if (paper.venue() != null) {
      String venue = normalize(paper.venue());
      if (indexable(venue)) {
        doc.add(new StringField(PaperFields.VENUE_EXACT, venue, Field.Store.NO));
        // The display spelling is what facets count and return; same length bound as the term.
        doc.add(new SortedSetDocValuesField(PaperFields.VENUE_FACET, new BytesRef(paper.venue())));
      }
    }
    Set<String> authors = new LinkedHashSet<>();
    Set<String> starts = new LinkedHashSet<>();
    for (String author : paper.authors()) {
      String name = normalize(author);
      if (indexable(name)) {
        authors.add(name);
        starts.addAll(nameStarts(name));
      }
    }
    authors.forEach(a -> doc.add(new StringField(PaperFields.AUTHOR_EXACT, a, Field.Store.NO)));
    starts.forEach(s -> doc.add(new StringField(PaperFields.AUTHOR_PREFIX, s, Field.Store.NO)));
    Set<String> keywords = new LinkedHashSet<>();
    for (String keyword : paper.keywords()) {
      String k = normalize(keyword);
      if (indexable(k)) {
        keywords.add(k);
      }
    }
    keywords.forEach(k -> doc.add(new StringField(PaperFields.KEYWORD_EXACT, k, Field.Store.NO)));
  }

  private static boolean indexable(String normalized) {
    return normalized != null && normalized.length() <= MAX_CHARS;
  }
}
