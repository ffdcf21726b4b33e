package io.papersearch.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-query retrieval metrics, as trec_eval and BEIR define them. Stateless and thread-safe.
 *
 * <p>Conventions: {@code ranking} is best first; a document is relevant when its judged grade is
 * > 0; unjudged documents count as grade 0.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * Normalised discounted cumulative gain at {@code k}, with graded gains {@code grade} (trec_eval's
   * {@code ndcg_cut}): DCG = sum of grade(d_i) / log2(i + 1) over ranks i = 1..k, divided by the DCG
   * of the ideal ordering of all judged grades. 0 when no document is relevant.
   */
  public static double ndcg(List<String> ranking, Map<String, Integer> judged, int k) {
    requireK(k);
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      int grade = Math.max(0, judged.getOrDefault(ranking.get(i), 0));
      dcg += grade / log2(i + 2);
    }
    List<Integer> ideal = judged.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** Fraction of the relevant documents found in the top {@code k}; 0 when none is relevant. */
  public static double recall(List<String> ranking, Map<String, Integer> judged, int k) {
    requireK(k);
    Set<String> relevant = relevant(judged);
    if (relevant.isEmpty()) {
      return 0;
    }
    int found = 0;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      String d = ranking.get(i);
      if (seen.add(d) && relevant.contains(d)) {
        found++;
      }
    }
    return (double) found / relevant.size();
  }

  /** Reciprocal rank of the first relevant document within the top {@code k}, else 0. */
  public static double mrr(List<String> ranking, Map<String, Integer> judged, int k) {
    requireK(k);
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (judged.getOrDefault(ranking.get(i), 0) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  private static Set<String> relevant(Map<String, Integer> judged) {
    Set<String> s = new HashSet<>();
    judged.forEach((d, g) -> {
      if (g > 0) {
        s.add(d);
      }
    });
    return s;
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }

  private static void requireK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }
}
