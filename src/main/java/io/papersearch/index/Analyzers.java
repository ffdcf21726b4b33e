package io.papersearch.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analysers of the text fields. Indexing and the keyword leg of search use the same instance, so
 * query terms are always analysed like the indexed terms.
 */
public final class Analyzers {
  private Analyzers() {}

  /**
   * English: Porter stemming and English stop words. Chinese: smartcn's HMM word segmentation,
   * which also keeps Latin tokens such as "CT" or "U-Net" whole. Authors: standard tokenisation, no
   * stemming. Thread-safe, as Lucene analysers are.
   */
  public static Analyzer perField() {
    Analyzer english = new EnglishAnalyzer();
    Analyzer chinese = new SmartChineseAnalyzer();
    return new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(),
        Map.of(
            PaperFields.TEXT_EN, english,
            PaperFields.TEXT_ZH, chinese,
            PaperFields.TITLE_EN, english,
            PaperFields.ABSTRACT_EN, english,
            PaperFields.TITLE_ZH, chinese,
            PaperFields.ABSTRACT_ZH, chinese));
  }
}
