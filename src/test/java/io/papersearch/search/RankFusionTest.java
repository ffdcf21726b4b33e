package io.papersearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankFusionTest {

  static RankFusion.Candidate c(String id, double score) {
    return new RankFusion.Candidate(id, 0, score);
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
  void k_must_be_positive() {
    assertThatThrownBy(() -> RankFusion.fuse(Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be >= 1, got 0");
  }
}
