package io.papersearch.search;

import io.papersearch.index.PaperFields;
import io.papersearch.ingest.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the keyword (BM25) leg from free text.
 *
 * <p>The text is analysed, never parsed: quotes, {@code AND}, {@code *}, {@code :}, parentheses and
 * unbalanced input are just characters, so no user input can make the keyword leg fail. The query
 * is one flat disjunction of (field, term) clauses over the authors and the query language's text
 * field (title, abstract and keywords as one text, layout 3). An index of layout 2 has separate
 * title and abstract fields instead, and there titles weigh {@link #TITLE_BOOST} times an abstract.
 * One text field scored better on SciFact (keyword nDCG@10 0.7024 against 0.6658 with per-field
 * sums) and made the keyword leg 22% faster at a million papers: a query has two sets of clauses to
 * score, not three (README). Flat, not a disjunction of per-field disjunctions: the
 * score is the same sum, but Lucene's dynamic pruning (MaxScore / block-max WAND) works on the
 * leaf clauses of one disjunction, while a boosted nested disjunction is one opaque clause to it
 * (README, Performance: measured at a million papers). Stateless and thread-safe.
 */
final class KeywordQuery {
  private KeywordQuery() {}

  /**
   * In a layout-2 index, titles weigh a little above abstracts. Measured on SciFact train (README): keyword nDCG@10 falls
   * as the title boost rises (0.5: 0.700, 1.0: 0.678, 1.2: 0.666, 2.0: 0.628), but SciFact's long
   * claim-like queries favour abstracts more than the short topical queries labs type; 1.2 keeps
   * titles ahead while giving back most of what 2.0 cost (hybrid 0.763 vs 0.757).
   */
  static final float TITLE_BOOST = 1.2f;
  static final float ABSTRACT_BOOST = 1.0f;
  static final float AUTHORS_BOOST = 1.0f;

  /** Distinct terms kept per field; keeps a long query under Lucene's clause limit. */
  static final int MAX_TERMS = 256;

  /**
   * The query, or null when the text has no searchable term (only stop words or punctuation).
   *
   * @param flatText whether the index has one text field per language ({@code PaperIndex.flatText})
   */
  static Query build(Analyzer analyzer, String text, Lang lang, boolean flatText) {
    Map<String, Float> fields = flatText
        ? Map.of(PaperFields.text(lang), 1f, PaperFields.AUTHORS, AUTHORS_BOOST)
        : Map.of(
            PaperFields.title(lang), TITLE_BOOST,
            PaperFields.abstractField(lang), ABSTRACT_BOOST,
            PaperFields.AUTHORS, AUTHORS_BOOST);
    BooleanQuery.Builder top = new BooleanQuery.Builder();
    boolean any = false;
    for (String field : fields.keySet().stream().sorted().toList()) {
      float boost = fields.get(field);
      for (String term : terms(analyzer, field, text)) {
        Query clause = new TermQuery(new Term(field, term));
        top.add(boost == 1f ? clause : new BoostQuery(clause, boost), BooleanClause.Occur.SHOULD);
        any = true;
      }
    }
    return any ? top.build() : null;
  }

  static Set<String> terms(Analyzer analyzer, String field, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && terms.size() < MAX_TERMS) {
        if (term.length() > 0) {
          terms.add(term.toString());
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing a query string cannot fail", e);
    }
    return terms;
  }
}
