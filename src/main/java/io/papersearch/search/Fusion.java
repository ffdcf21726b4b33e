package io.papersearch.search;

import java.util.Locale;

/**
 * How hybrid search merges its keyword and semantic legs.
 *
 * @param method {@link Method#RRF} (rank-based) or {@link Method#CONVEX} (score-based)
 * @param rrfK RRF constant: a leg's candidate at rank r adds {@code weight / (rrfK + r)}
 * @param semanticWeight share of the semantic leg, in [0, 1]; the keyword leg gets the rest. For
 *     RRF both weights are scaled so that 0.5 is classic unweighted RRF.
 * @param minDepth candidates the semantic leg ranks (the HNSW search's k), at least (more when a page
 *     reaches deeper); also the most the keyword leg of a hybrid search ranks
 * @param keywordDepth candidates the keyword leg of a hybrid search ranks, at least (more when a page
 *     reaches deeper), capped by {@code minDepth}; see {@link #KEYWORD_DEPTH}
 * @param crossLingualSemanticWeight the semantic weight used instead when a query is searched
 *     across languages (a model reading the other language gives weaker vectors)
 */
public record Fusion(
    Method method, int rrfK, double semanticWeight, int minDepth, int keywordDepth, double crossLingualSemanticWeight) {

  public enum Method {
    /** Reciprocal rank fusion (Cormack et al. 2009): scale-free, uses ranks only. */
    RRF,
    /** Convex combination of min-max normalised leg scores. */
    CONVEX;

    public static Method parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("fusion method must be rrf or convex, got '" + value + "'", e);
      }
    }
  }

  public Fusion {
    if (method == null) {
      throw new IllegalArgumentException("method must not be null");
    }
    if (rrfK < 1) {
      throw new IllegalArgumentException("rrfK must be >= 1, got " + rrfK);
    }
    if (!(semanticWeight >= 0 && semanticWeight <= 1)) {
      throw new IllegalArgumentException("semanticWeight must be in [0, 1], got " + semanticWeight);
    }
    if (!(crossLingualSemanticWeight >= 0 && crossLingualSemanticWeight <= 1)) {
      throw new IllegalArgumentException("crossLingualSemanticWeight must be in [0, 1], got " + crossLingualSemanticWeight);
    }
    if (minDepth < 1 || minDepth > MAX_DEPTH) {
      throw new IllegalArgumentException("minDepth must be in 1.." + MAX_DEPTH + ", got " + minDepth);
    }
    if (keywordDepth < 1 || keywordDepth > MAX_DEPTH) {
      throw new IllegalArgumentException("keywordDepth must be in 1.." + MAX_DEPTH + ", got " + keywordDepth);
    }
  }

  /** The most candidates a leg may be asked for: bounds the work one search can cause. */
  public static final int MAX_DEPTH = 10_000;

  /**
   * The keyword candidates a hybrid search fuses by default. The keyword leg weighs 0.3 in the
   * default fusion, so a paper below its 30th keyword hit almost never reaches a page of 10, while
   * ranking 100 BM25 hits instead of 30 cost a tenth to a fifth more CPU per hybrid search at a
   * million papers (two same-process runs).
   * Measured on real data (hybrid nDCG@10 of a page of 10, keyword depth 100 / 30 / 20 / 10):
   * SciFact 0.7663 / 0.7673 / 0.7674 / 0.7670, CSL 0.9928 / 0.9928 / 0.9929, Medline zh→en 0.4778 /
   * 0.4778, en→zh 0.5279 / 0.5280 (README, Performance). The semantic leg keeps its full depth: at a
   * million papers HNSW finds fewer true neighbours with a smaller k.
   */
  public static final int KEYWORD_DEPTH = 30;

  /** These settings, with the semantic leg (and the keyword leg's cap) at {@code minDepth}. */
  public Fusion withMinDepth(int minDepth) {
    return new Fusion(method, rrfK, semanticWeight, minDepth, keywordDepth, crossLingualSemanticWeight);
  }

  /** These settings, with the keyword leg of a hybrid search at {@code keywordDepth}. */
  public Fusion withKeywordDepth(int keywordDepth) {
    return new Fusion(method, rrfK, semanticWeight, minDepth, keywordDepth, crossLingualSemanticWeight);
  }

  /**
   * The defaults, tuned on SciFact train and CSL dev (README, retrieval quality): a convex
   * combination weighting the semantic leg 0.7 beat both single legs on both sets, while plain RRF
   * fell 2.5 nDCG points below semantic alone on SciFact, where BM25 is much weaker.
   */
  public static Fusion defaults() {
    return new Fusion(Method.CONVEX, 60, 0.7, 100, KEYWORD_DEPTH, 0.5);
  }

  /** These settings with semantic weight {@code crossLingualSemanticWeight}: for cross-lingual queries. */
  public Fusion crossLingual() {
    return new Fusion(method, rrfK, crossLingualSemanticWeight, minDepth, keywordDepth, crossLingualSemanticWeight);
  }

  /** A fusion with the given main settings and the default cross-lingual weight. */
  public static Fusion of(Method method, int rrfK, double semanticWeight, int minDepth) {
    Fusion d = defaults();
    return new Fusion(method, rrfK, semanticWeight, minDepth, d.keywordDepth(), d.crossLingualSemanticWeight());
  }

  /** Candidates the semantic leg ranks for a page: enough to fill it, and never fewer than minDepth. */
  public int depth(int offset, int limit) {
    return Math.max(minDepth, offset + limit);
  }

  /**
   * Candidates the keyword leg of a hybrid search ranks for a page: enough to fill it, and never
   * fewer than keywordDepth or minDepth, whichever is lower.
   */
  public int keywordDepth(int offset, int limit) {
    return Math.max(Math.min(keywordDepth, minDepth), offset + limit);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s(k=%d, semanticWeight=%.2f, depth=%d, keywordDepth=%d, crossLingual=%.2f)",
        method.name().toLowerCase(Locale.ROOT), rrfK, semanticWeight, minDepth, Math.min(keywordDepth, minDepth),
        crossLingualSemanticWeight);
  }
}
