package io.papersearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankFusionTest {

  /** Test papers: document n is the n-th id named so far, so each id has one document number. */
  private final List<String> names = new ArrayList<>();

  private final DocIds ids = names::get;

  RankFusion.Candidate c(String id, double score) {
    if (!names.contains(id)) {
      names.add(id);
    }
    return new RankFusion.Candidate(names.indexOf(id), score, ids);
  }

  @Test
  void fused_score_is_the_sum_of_reciprocal_ranks() {
    Map<String, List<RankFusion.Candidate>> legs = new LinkedHashMap<>();
    legs.put("keyword", List.of(c("a", 9), c("b", 5)));
    legs.put("semantic", List.of(c("b", 0.9), c("c", 0.8)));
    List<RankFusion.Fused> fused = RankFusion.fuse(legs, 60);
    // b: 1/62 + 1/61 ; a: 1/61 ; c: 1/62
    assertThat(fused).extracting(RankFusion.Fused::id).containsExactly("b", "a", "c");
    assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
    assertThat(fused.get(0).legs().get("keyword").rank()).isEqualTo(2);
    assertThat(fused.get(0).legs().get("semantic").rank()).isEqualTo(1);
    assertThat(fused.get(1).legs()).containsOnlyKeys("keyword");
  }

  @Test
  void equal_fused_scores_are_ordered_by_id() {
    Map<String, List<RankFusion.Candidate>> legs = new LinkedHashMap<>();
    legs.put("keyword", List.of(c("z", 3)));
    legs.put("semantic", List.of(c("m", 0.5)));
    assertThat(RankFusion.fuse(legs, 60)).extracting(RankFusion.Fused::id).containsExactly("m", "z");
  }

  @Test
  void a_leg_is_ordered_by_score_then_id() {
    assertThat(RankFusion.ordered(List.of(c("b", 1), c("a", 1), c("c", 2))))
        .extracting(RankFusion.Candidate::id)
        .containsExactly("c", "a", "b");
  }

  @Test
  void ids_are_read_only_to_break_ties() {
    List<Integer> looked = new ArrayList<>();
    DocIds counting = doc -> {
      looked.add(doc);
      return "p" + doc;
    };
    List<RankFusion.Candidate> kw = List.of(new RankFusion.Candidate(7, 3, counting), new RankFusion.Candidate(4, 2, counting));
    List<RankFusion.Candidate> sem = List.of(new RankFusion.Candidate(4, 0.9, counting), new RankFusion.Candidate(9, 0.1, counting));
    RankFusion.hybrid(RankFusion.ordered(kw), RankFusion.ordered(sem), Fusion.defaults());
    assertThat(looked).isEmpty();

    List<RankFusion.Candidate> tied = List.of(new RankFusion.Candidate(9, 1, counting), new RankFusion.Candidate(8, 1, counting));
    assertThat(RankFusion.ordered(tied)).extracting(RankFusion.Candidate::doc).containsExactly(8, 9);
    assertThat(looked).contains(8, 9);
  }

  @Test
  void k_must_be_positive() {
    assertThatThrownBy(() -> RankFusion.fuse(Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be >= 1, got 0");
  }

  @Test
  void weighted_rrf_at_half_equals_plain_rrf() {
    List<RankFusion.Candidate> kw = List.of(c("a", 9), c("b", 5));
    List<RankFusion.Candidate> sem = List.of(c("b", 0.9), c("c", 0.8));
    List<RankFusion.Fused> weighted = RankFusion.hybrid(kw, sem, Fusion.of(Fusion.Method.RRF, 60, 0.5, 100));
    Map<String, List<RankFusion.Candidate>> legs = new LinkedHashMap<>();
    legs.put("keyword", kw);
    legs.put("semantic", sem);
    assertThat(weighted).isEqualTo(RankFusion.fuse(legs, 60));
  }

  @Test
  void semantic_weight_shifts_the_ranking_towards_the_semantic_leg() {
    List<RankFusion.Candidate> kw = List.of(c("a", 9), c("b", 5));
    List<RankFusion.Candidate> sem = List.of(c("b", 0.9), c("c", 0.8));
    // weight 0.9: a = 2*0.1/61 = 0.00328 ; c = 2*0.9/62 = 0.02903 ; b = 2*0.1/62 + 2*0.9/61 = 0.03273
    List<RankFusion.Fused> f = RankFusion.hybrid(kw, sem, Fusion.of(Fusion.Method.RRF, 60, 0.9, 100));
    assertThat(f).extracting(RankFusion.Fused::id).containsExactly("b", "c", "a");
    assertThat(f.get(1).score()).isCloseTo(2 * 0.9 / 62, within(1e-12));
  }

  @Test
  void convex_fusion_combines_min_max_normalised_scores() {
    List<RankFusion.Candidate> kw = List.of(c("a", 10), c("b", 6), c("d", 2));
    List<RankFusion.Candidate> sem = List.of(c("b", 0.9), c("c", 0.7), c("a", 0.5));
    // keyword normalised: a 1, b 0.5, d 0 ; semantic normalised: b 1, c 0.5, a 0
    // alpha 0.6: a = 0.4*1 + 0.6*0 = 0.4 ; b = 0.4*0.5 + 0.6*1 = 0.8 ; c = 0.6*0.5 = 0.3 ; d = 0
    List<RankFusion.Fused> f = RankFusion.hybrid(kw, sem, Fusion.of(Fusion.Method.CONVEX, 60, 0.6, 100));
    assertThat(f).extracting(RankFusion.Fused::id).containsExactly("b", "a", "c", "d");
    assertThat(f.get(0).score()).isCloseTo(0.8, within(1e-12));
    assertThat(f.get(1).score()).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void fusion_settings_are_checked_by_name() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fusion.of(Fusion.Method.RRF, 60, 1.5, 100))
        .hasMessage("semanticWeight must be in [0, 1], got 1.5");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fusion.Method.parse("max"))
        .hasMessage("fusion method must be rrf or convex, got 'max'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fusion.defaults().withKeywordDepth(0))
        .hasMessage("keywordDepth must be in 1..10000, got 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fusion.defaults().withMinDepth(10_001))
        .hasMessage("minDepth must be in 1..10000, got 10001");
  }

  @Test
  void the_keyword_leg_ranks_fewer_candidates_than_the_semantic_leg_unless_a_page_reaches_deeper() {
    Fusion f = Fusion.defaults();
    assertThat(f.depth(0, 10)).isEqualTo(100);
    assertThat(f.keywordDepth(0, 10)).isEqualTo(Fusion.KEYWORD_DEPTH);
    assertThat(f.keywordDepth(40, 10)).isEqualTo(50); // the page needs 50
    assertThat(f.depth(200, 20)).isEqualTo(220);
    assertThat(f.withMinDepth(20).keywordDepth(0, 10)).isEqualTo(20); // never deeper than the semantic leg
    assertThat(f.withKeywordDepth(100).keywordDepth(0, 10)).isEqualTo(100);
    assertThat(f.withMinDepth(20).toString()).contains("depth=20, keywordDepth=20");
  }
}
