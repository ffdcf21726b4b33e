package io.papersearch.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metric values computed by hand (log2(2)=1, log2(3)=1.58496, log2(4)=2, log2(5)=2.32193). */
class MetricsTest {
  static final Map<String, Integer> JUDGED = Map.of("a", 1, "b", 2, "x", 0);

  @Test
  void ndcg_uses_graded_gains_and_the_ideal_order() {
    // ranking: c(0) a(1) b(2); DCG = 0 + 1/log2(3) + 2/log2(4) = 0.63093 + 1 = 1.63093
    // ideal: b(2) a(1); IDCG = 2/1 + 1/log2(3) = 2.63093
    assertThat(Metrics.ndcg(List.of("c", "a", "b"), JUDGED, 10)).isCloseTo(1.63093 / 2.63093, within(1e-5));
    assertThat(Metrics.ndcg(List.of("b", "a"), JUDGED, 10)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void ndcg_cuts_at_k() {
    // only the first rank counts: c(0) -> 0
    assertThat(Metrics.ndcg(List.of("c", "b", "a"), JUDGED, 1)).isZero();
    // k=2: c(0), b(2): DCG = 2/log2(3) = 1.26186; IDCG@2 = 2.63093
    assertThat(Metrics.ndcg(List.of("c", "b", "a"), JUDGED, 2)).isCloseTo(1.26186 / 2.63093, within(1e-5));
  }

  @Test
  void recall_counts_relevant_documents_found_once() {
    assertThat(Metrics.recall(List.of("a", "a", "c"), JUDGED, 100)).isEqualTo(0.5);
    assertThat(Metrics.recall(List.of("c", "x", "b", "a"), JUDGED, 3)).isEqualTo(0.5);
    assertThat(Metrics.recall(List.of("c"), Map.of("c", 0), 100)).isZero();
  }

  @Test
  void mrr_is_the_reciprocal_rank_of_the_first_relevant_document_within_k() {
    assertThat(Metrics.mrr(List.of("x", "c", "b"), JUDGED, 10)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(Metrics.mrr(List.of("x", "c", "b"), JUDGED, 2)).isZero();
  }

  @Test
  void k_must_be_positive() {
    assertThatThrownBy(() -> Metrics.ndcg(List.of(), JUDGED, 0)).hasMessage("k must be >= 1, got 0");
  }

  @Test
  void qrels_read_beir_tsv_and_name_bad_lines(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("qrels.tsv");
    Files.writeString(ok, "query-id\tcorpus-id\tscore\n1\td1\t1\n1\td2\t0\n2\td3\t2\n");
    Qrels q = Qrels.read(ok);
    assertThat(q.judged("1")).containsEntry("d1", 1).containsEntry("d2", 0);
    assertThat(q.hasRelevant("2")).isTrue();
    assertThat(q.hasRelevant("3")).isFalse();
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "1\td1\tyes\n");
    assertThatThrownBy(() -> Qrels.read(bad)).hasMessageEndingWith("bad.tsv:1: score must be an integer, got 'yes'");
  }
}
