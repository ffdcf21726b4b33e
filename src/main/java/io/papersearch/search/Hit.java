package io.papersearch.search;

import io.papersearch.ingest.Paper;
import java.util.Map;

/**
 * One result: the paper, its final score, and (when asked) its rank and score in each leg and its
 * highlighted snippets.
 *
 * @param paper the stored paper
 * @param score fused score (hybrid, similar over two languages), BM25 score (keyword), or vector
 *     similarity in [0, 1] (semantic)
 * @param explain per leg ({@code keyword}, {@code semantic}, {@code en}, {@code zh}): rank and score;
 *     null unless explain was requested
 * @param highlight HTML snippets keyed by the field they excerpt ({@code title}, {@code abstract} or
 *     {@code abstractZh}; see {@link Highlighter}); null unless highlighting was requested
 */
public record Hit(Paper paper, double score, Map<String, LegScore> explain, Map<String, String> highlight) {

  /** Where a hit stood in one leg: 1-based rank and that leg's own score. */
  public record LegScore(int rank, double score) {}
}
