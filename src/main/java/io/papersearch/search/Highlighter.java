package io.papersearch.search;

import io.papersearch.index.PaperFields;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Snippets of a hit's title and abstract with the query's terms marked: {@code <mark>...</mark>}
 * around each match, every other character HTML-escaped, so a client can insert the snippet into a
 * page as it is.
 *
 * <p>Matching uses the index's own analysers through token offsets: the text is analysed as its
 * field is indexed (English: stemmed, so {@code segmentation} marks {@code segmenting}; Chinese:
 * smartcn word segmentation), the query is analysed by the same analyser for that field, and a mark
 * always covers whole analysed tokens. So a mark never splits a character or a Chinese word: a query
 * {@code 分} does not mark the {@code 分} inside {@code 分割}, because smartcn reads {@code 分割} as one
 * word. Marked tokens that touch ({@code 半} + {@code 监督}) share one mark.
 *
 * <p>Titles are returned whole. An abstract longer than {@link #SNIPPET_CHARS} characters
 * ({@link #SNIPPET_CHARS_HAN} for Chinese, which says more per character) is cut to the window
 * holding the most distinct query terms (then the most matches, then the earliest), starting at the
 * sentence of its first match when that is near, and cut only at token boundaries; {@code …} shows a
 * cut. Without any match (a hit found by meaning alone) the snippet is the abstract's beginning.
 *
 * <p>Thread-safe: Lucene analysers are, and nothing else is shared.
 */
final class Highlighter {
  static final String OPEN = "<mark>";
  static final String CLOSE = "</mark>";
  static final String ELLIPSIS = "…";

  /** Longest abstract snippet, in characters, for English (and other non-Chinese) text. */
  static final int SNIPPET_CHARS = 200;

  /** Longest abstract snippet for Chinese text: a Chinese character carries about a word. */
  static final int SNIPPET_CHARS_HAN = 100;

  private final Analyzer analyzer;

  Highlighter(Analyzer analyzer) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
  }

  /**
   * The snippets of one paper: {@code title} (whole, marked) and one abstract, keyed by its response
   * field: the abstract in {@code lang} (the language searched) when the paper has one, else its
   * other abstract. Texts the paper lacks are absent.
   */
  Map<String, String> highlight(Paper paper, String query, Lang lang) {
    Map<String, String> out = new LinkedHashMap<>();
    if (paper.title() != null) {
      out.put(HitField.TITLE.wire(), whole(PaperFields.title(Lang.detect(paper.title())), paper.title(), query));
    }
    boolean zh = lang == Lang.ZH ? paper.abstractZh() != null : paper.abstractEn() == null;
    String text = zh ? paper.abstractZh() : paper.abstractEn();
    if (text != null) {
      out.put(
          (zh ? HitField.ABSTRACT_ZH : HitField.ABSTRACT).wire(),
          snippet(PaperFields.abstractField(zh ? Lang.ZH : Lang.EN), text, query));
    }
    return out;
  }

  /** The whole of {@code text}, as indexed in {@code field}, with the query's terms marked. */
  String whole(String field, String text, String query) {
    return render(text, tokens(field, text, query), 0, text.length());
  }

  /** A snippet of {@code text}, as indexed in {@code field}, with the query's terms marked. */
  String snippet(String field, String text, String query) {
    List<Token> tokens = tokens(field, text, query);
    int max = Lang.detect(text) == Lang.ZH ? SNIPPET_CHARS_HAN : SNIPPET_CHARS;
    if (text.length() <= max) {
      return render(text, tokens, 0, text.length());
    }
    List<Token> matches = tokens.stream().filter(Token::match).toList();
    if (matches.isEmpty()) {
      return render(text, tokens, 0, end(text, tokens, 0, max));
    }
    List<Integer> sentences = sentenceStarts(text);
    int bestStart = 0;
    int bestEnd = 0;
    int bestDistinct = -1;
    int bestCount = -1;
    for (Token m : matches) {
      int start = sentenceStart(sentences, m.start());
      if (m.start() - start > max / 3) {
        // The sentence began long before: start a little before the match, at a token.
        start = firstTokenStart(tokens, m.start() - max / 3);
      }
      int end = end(text, tokens, start, max);
      Set<String> distinct = new HashSet<>();
      int count = 0;
      for (Token t : matches) {
        if (t.start() >= start && t.end() <= end) {
          distinct.add(t.term());
          count++;
        }
      }
      // Strictly better only: among equal windows the earliest (matches are in text order) wins.
      if (distinct.size() > bestDistinct || (distinct.size() == bestDistinct && count > bestCount)) {
        bestStart = start;
        bestEnd = end;
        bestDistinct = distinct.size();
        bestCount = count;
      }
    }
    return render(text, tokens, bestStart, bestEnd);
  }

  /** One analysed token: its span in the text, its term, and whether the query has that term. */
  record Token(int start, int end, String term, boolean match) {}

  private List<Token> tokens(String field, String text, String query) {
    Set<String> terms = KeywordQuery.terms(analyzer, field, query);
    List<Token> tokens = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String t = term.toString();
        tokens.add(new Token(offset.startOffset(), offset.endOffset(), t, terms.contains(t)));
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing an in-memory string cannot fail", e);
    }
    return tokens;
  }

  /**
   * Where a window from {@code start} of at most {@code max} characters ends: the text's end if it
   * fits, else the end of the last whole token inside, plus a sentence-ending mark right after it.
   */
  private static int end(String text, List<Token> tokens, int start, int max) {
    int limit = start + max;
    if (limit >= text.length()) {
      return text.length();
    }
    int end = -1;
    for (Token t : tokens) {
      if (t.start() >= start && t.end() <= limit) {
        end = Math.max(end, t.end());
      }
    }
    if (end < 0) {
      // Not one whole token fits (a single enormous token): cut between code points.
      return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
    }
    if (end < text.length() && ".。!！?？".indexOf(text.charAt(end)) >= 0) {
      end++;
    }
    return text.substring(end).isBlank() ? text.length() : end;
  }

  private static int firstTokenStart(List<Token> tokens, int from) {
    for (Token t : tokens) {
      if (t.start() >= from) {
        return t.start();
      }
    }
    throw new IllegalStateException("a match lies after " + from + ", so a token does");
  }

  /** Sentence starts, by the JDK's sentence rules (which know 。！？ as well as . ! ?). */
  private static List<Integer> sentenceStarts(String text) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(text);
    List<Integer> starts = new ArrayList<>();
    for (int b = it.first(); b != BreakIterator.DONE && b < text.length(); b = it.next()) {
      starts.add(b);
    }
    return starts;
  }

  private static int sentenceStart(List<Integer> starts, int offset) {
    int start = 0;
    for (int s : starts) {
      if (s > offset) {
        break;
      }
      start = s;
    }
    return start;
  }

  /**
   * {@code text[from, to)} HTML-escaped, with marks around matched tokens (touching or overlapping
   * ones merged) and {@code …} on each side that was cut.
   */
  private static String render(String text, List<Token> tokens, int from, int to) {
    StringBuilder out = new StringBuilder(to - from + 32);
    if (from > 0) {
      out.append(ELLIPSIS);
    }
    int pos = from;
    int markStart = -1;
    int markEnd = -1;
    for (Token t : tokens) {
      if (!t.match() || t.start() < from || t.end() > to) {
        continue;
      }
      if (markStart >= 0 && t.start() <= markEnd) {
        markEnd = Math.max(markEnd, t.end());
        continue;
      }
      if (markStart >= 0) {
        pos = mark(out, text, pos, markStart, markEnd);
      }
      markStart = t.start();
      markEnd = t.end();
    }
    if (markStart >= 0) {
      pos = mark(out, text, pos, markStart, markEnd);
    }
    escape(out, text, pos, to);
    if (to < text.length()) {
      out.append(ELLIPSIS);
    }
    return out.toString();
  }

  private static int mark(StringBuilder out, String text, int pos, int start, int end) {
    escape(out, text, pos, start);
    out.append(OPEN);
    escape(out, text, start, end);
    out.append(CLOSE);
    return end;
  }

  private static void escape(StringBuilder out, String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }
}
