package io.papersearch.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: a candidate scores {@code sum over legs of 1 / (k + rank)}. Rank-based, so
 * BM25 scores and cosine similarities need no common scale. Stateless and thread-safe.
 */
final class RankFusion {
  private RankFusion() {}

  /** The constant of Cormack et al. (2009); damps the weight of the very top ranks. */
  static final int DEFAULT_K = 60;

  /**
   * One leg's candidate: a document of the query's searcher with the leg's own score. Candidates are
   * identified by document number; {@code ids} gives the paper id, read only to break ties.
   */
  record Candidate(int doc, double score, DocIds ids) {
    String id() {
      return ids.of(doc);
    }
  }

  /** A fused candidate with its place in each leg (legs where it is absent are missing). */
  record Fused(int doc, double score, Map<String, Hit.LegScore> legs, DocIds ids) {
    String id() {
      return ids.of(doc);
    }
  }

  /** Orders a leg's candidates by score, ties broken by id, so rankings are deterministic. */
  static List<Candidate> ordered(List<Candidate> leg) {
    List<Candidate> sorted = new ArrayList<>(leg);
    sorted.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::id));
    return sorted;
  }

  /**
   * Fuses ranked legs (each already in rank order) by reciprocal rank, all legs weighing the same.
   *
   * @param legs leg name to candidates; iteration order is kept in each hit's explanation
   * @param k the RRF constant, >= 1
   * @return candidates by fused score, ties broken by id
   */
  static List<Fused> fuse(Map<String, List<Candidate>> legs, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    return combine(legs, (leg, rank, c, list) -> 1.0 / (k + rank));
  }

  /**
   * Fuses the keyword and semantic legs of a hybrid search as {@code fusion} says. RRF weights are
   * scaled by 2 so that semanticWeight 0.5 equals {@link #fuse(Map, int)}.
   */
  static List<Fused> hybrid(List<Candidate> keyword, List<Candidate> semantic, Fusion fusion) {
    Map<String, List<Candidate>> legs = new LinkedHashMap<>();
    legs.put(KEYWORD, keyword);
    legs.put(SEMANTIC, semantic);
    double wSem = fusion.semanticWeight();
    return switch (fusion.method()) {
      case RRF -> combine(legs, (leg, rank, c, list) ->
          2 * (leg.equals(SEMANTIC) ? wSem : 1 - wSem) / (fusion.rrfK() + rank));
      case CONVEX -> combine(legs, (leg, rank, c, list) ->
          (leg.equals(SEMANTIC) ? wSem : 1 - wSem) * minMax(c.score(), list));
    };
  }

  static final String KEYWORD = "keyword";
  static final String SEMANTIC = "semantic";

  /** A leg's contribution of one candidate to its fused score. */
  private interface Contribution {
    double of(String leg, int rank, Candidate c, List<Candidate> legList);
  }

  private static List<Fused> combine(Map<String, List<Candidate>> legs, Contribution contribution) {
    // Keyed by document number: every leg's candidates come from the same searcher.
    Map<Integer, double[]> scores = new HashMap<>();
    Map<Integer, DocIds> ids = new HashMap<>();
    Map<Integer, Map<String, Hit.LegScore>> explain = new HashMap<>();
    for (Map.Entry<String, List<Candidate>> leg : legs.entrySet()) {
      List<Candidate> ranked = leg.getValue();
      for (int i = 0; i < ranked.size(); i++) {
        Candidate c = ranked.get(i);
        int rank = i + 1;
        scores.computeIfAbsent(c.doc(), x -> new double[1])[0] += contribution.of(leg.getKey(), rank, c, ranked);
        ids.putIfAbsent(c.doc(), c.ids());
        explain.computeIfAbsent(c.doc(), x -> new LinkedHashMap<>()).put(leg.getKey(), new Hit.LegScore(rank, c.score()));
      }
    }
    List<Fused> fused = new ArrayList<>(scores.size());
    scores.forEach((doc, s) -> fused.add(new Fused(doc, s[0], explain.get(doc), ids.get(doc))));
    fused.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparing(Fused::id));
    return fused;
  }

  /**
   * A score scaled to [0, 1] by the leg's own best and worst candidate (the list is in rank order);
   * 1 when all candidates score the same.
   */
  static double minMax(double score, List<Candidate> ranked) {
    double max = ranked.get(0).score();
    double min = ranked.get(ranked.size() - 1).score();
    return max == min ? 1 : (score - min) / (max - min);
  }

  /** A single leg as a fused list: its own scores, its own order. */
  static List<Fused> single(String name, List<Candidate> ranked) {
    List<Fused> out = new ArrayList<>(ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      Candidate c = ranked.get(i);
      out.add(new Fused(c.doc(), c.score(), Map.of(name, new Hit.LegScore(i + 1, c.score())), c.ids()));
    }
    return out;
  }
}
