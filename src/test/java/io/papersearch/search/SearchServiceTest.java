package io.papersearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.papersearch.embed.Embedders;
import io.papersearch.index.PaperIndex;
import io.papersearch.index.VectorStorage;
import io.papersearch.ingest.Lang;
import io.papersearch.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Search over five papers with hand-made 4-d vectors. */
class SearchServiceTest {
  @TempDir Path dir;
  Embedders embedders;
  PaperIndex index;
  SearchService search;

  @BeforeEach
  void setUp() {
    embedders = Fixtures.fakeEmbedders();
    index = Fixtures.indexedCorpus(dir, embedders);
    search = new SearchService(index, embedders);
  }

  @AfterEach
  void tearDown() {
    index.close();
  }

  static SearchRequest req(String q, SearchMode mode) {
    return new SearchRequest(q, mode, null, 10, 0, null, null, true);
  }

  static List<String> ids(SearchResponse r) {
    return r.hits().stream().map(h -> h.paper().id()).toList();
  }

  @Test
  void keyword_mode_ranks_title_matches_first_and_counts_every_match() {
    SearchResponse r = search.search(req("segmentation", SearchMode.KEYWORD));
    assertThat(ids(r)).containsExactlyInAnyOrder("p1", "p5");
    assertThat(r.totalHits()).isEqualTo(2);
    assertThat(r.totalHitsExact()).isTrue();
    assertThat(r.hits()).allSatisfy(h -> assertThat(h.score()).isPositive().isEqualTo(h.explain().get("keyword").score()));
    assertThat(r.hits().get(0).score()).isGreaterThanOrEqualTo(r.hits().get(1).score());
    assertThat(r.mode()).isEqualTo("keyword");
    assertThat(r.lang()).isEqualTo("en");
  }

  @ParameterizedTest
  @ValueSource(strings = {"int8", "int4"})
  void quantised_indexes_rank_and_score_like_float_ones_after_rescoring(String storage, @TempDir Path other) {
    try (PaperIndex quantised = Fixtures.indexedCorpus(other, embedders, VectorStorage.parse(storage))) {
      SearchService q = new SearchService(quantised, embedders);
      for (String text : List.of("image registration", "organ segmentation", "器官分割")) {
        SearchResponse exact = search.search(req(text, SearchMode.SEMANTIC));
        SearchResponse approx = q.search(req(text, SearchMode.SEMANTIC));
        assertThat(ids(approx)).isEqualTo(ids(exact));
        for (int i = 0; i < exact.hits().size(); i++) {
          assertThat(approx.hits().get(i).score()).isCloseTo(exact.hits().get(i).score(), org.assertj.core.data.Offset.offset(1e-6));
        }
      }
    }
  }

  @Test
  void keyword_totals_are_exact_up_to_a_thousand_then_a_lower_bound_with_the_same_top_hits(@TempDir Path other) {
    try (PaperIndex big = PaperIndex.openForWriting(other, io.papersearch.index.Indexer.schemaOf(embedders))) {
      for (int i = 0; i < 1500; i++) {
        String title = i % 500 == 0 ? "Segmentation of segmentation for segmentation" : "Segmentation study " + i;
        big.upsert(Fixtures.paper(String.format(java.util.Locale.ROOT, "s%04d", i), title, 2020, "Organ images.", null),
            java.util.Map.of(), java.util.Map.of());
      }
      big.commit();
      SearchService s = new SearchService(big, embedders);
      SearchResponse many = s.search(req("segmentation", SearchMode.KEYWORD));
      assertThat(many.totalHitsExact()).isFalse();
      assertThat(many.totalHits()).isBetween((long) SearchService.TOTAL_HITS_EXACT_UP_TO, 1500L);
      // The three papers that say it three times come first, ties in id order, the rest in id order too.
      assertThat(ids(many).subList(0, 4)).containsExactly("s0000", "s0500", "s1000", "s0001");
      SearchResponse few = s.search(req("study 7", SearchMode.KEYWORD));
      assertThat(few.totalHitsExact()).isFalse(); // "study" alone matches 1,497 papers
      SearchResponse one = s.search(req("s0007 unknownword", SearchMode.KEYWORD));
      assertThat(one.totalHitsExact()).isTrue();
    }
  }

  @Test
  void semantic_mode_returns_the_nearest_vectors_first() {
    SearchResponse r = search.search(req("image registration", SearchMode.SEMANTIC));
    assertThat(ids(r).get(0)).isEqualTo("p2");
    assertThat(r.hits().get(0).explain()).containsOnlyKeys("semantic");
  }

  @Test
  void hybrid_mode_fuses_both_legs_and_explains_each() {
    SearchResponse r = new SearchService(index, embedders, Fusion.of(Fusion.Method.RRF, 60, 0.5, 100))
        .search(req("registration", SearchMode.HYBRID));
    assertThat(ids(r).get(0)).isEqualTo("p2");
    Hit top = r.hits().get(0);
    assertThat(top.explain()).containsKeys("keyword", "semantic");
    assertThat(top.explain().get("keyword").rank()).isEqualTo(1);
    assertThat(top.explain().get("semantic").rank()).isEqualTo(1);
    assertThat(top.score()).isEqualTo(2.0 / 61);
  }

  @Test
  void default_hybrid_scores_are_a_convex_combination_of_normalised_leg_scores() {
    SearchResponse r = search.search(req("registration", SearchMode.HYBRID));
    Hit top = r.hits().get(0);
    assertThat(top.paper().id()).isEqualTo("p2");
    // Best in both legs: 0.3 * 1 + 0.7 * 1.
    assertThat(top.score()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void chinese_queries_use_the_chinese_fields_and_vectors() {
    SearchResponse r = search.search(req("器官分割", SearchMode.HYBRID));
    assertThat(r.lang()).isEqualTo("zh");
    assertThat(ids(r).get(0)).isEqualTo("p1");
    // p3 and p5 have no Chinese text, so neither leg can return them.
    assertThat(ids(r)).doesNotContain("p3", "p5");
  }

  @Test
  void lang_override_beats_detection() {
    SearchResponse r = search.search(new SearchRequest("segmentation", SearchMode.SEMANTIC, Lang.ZH, 10, 0, null, null, false));
    assertThat(r.lang()).isEqualTo("zh");
    assertThat(ids(r)).containsOnly("p1", "p2", "p4");
  }

  @Test
  void year_filters_apply_inside_both_legs() {
    SearchResponse r = search.search(new SearchRequest("segmentation", SearchMode.HYBRID, null, 10, 0, 2023, 2023, false));
    assertThat(ids(r)).isNotEmpty().doesNotContain("p1", "p2");
    assertThat(ids(r).get(0)).isEqualTo("p5");
  }

  @Test
  void paging_walks_the_same_ranking() {
    List<String> all = ids(search.search(new SearchRequest("segmentation", SearchMode.SEMANTIC, null, 5, 0, null, null, false)));
    List<String> second = ids(search.search(new SearchRequest("segmentation", SearchMode.SEMANTIC, null, 2, 2, null, null, false)));
    assertThat(second).containsExactlyElementsOf(all.subList(2, 4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"segmentation", "segmentation AND (", "*", "title:segmentation", "a:b:c)(]]", "((((", "the of and"})
  void query_syntax_is_searched_never_rejected(String q) {
    SearchResponse r = search.search(req(q, SearchMode.HYBRID));
    assertThat(r.hits()).isNotNull();
  }

  @Test
  void similar_papers_exclude_the_paper_itself_and_follow_its_topic() {
    SearchResponse r = search.similar(new SimilarRequest("p5", 10, 0, null, null, false));
    assertThat(ids(r)).doesNotContain("p5");
    assertThat(ids(r).get(0)).isEqualTo("p1");
    assertThat(r.mode()).isEqualTo("similar");
  }

  @Test
  void similar_papers_use_both_languages_when_the_paper_has_both() {
    SearchResponse r = search.similar(new SimilarRequest("p1", 10, 0, null, null, true));
    assertThat(r.lang()).isEqualTo("en+zh");
    assertThat(ids(r)).doesNotContain("p1");
  }

  @Test
  void similar_papers_take_the_year_filter() {
    SearchResponse r = search.similar(new SimilarRequest("p1", 10, 0, 2023, null, false));
    assertThat(ids(r)).isNotEmpty().doesNotContain("p1", "p2");
  }

  @Test
  void unknown_paper_is_paper_not_found() {
    assertThatThrownBy(() -> search.similar(SimilarRequest.of("nope")))
        .isInstanceOfSatisfying(PapersearchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PAPER_NOT_FOUND))
        .hasMessage("paper 'nope' not found");
  }

  @Test
  void bad_requests_name_the_value() {
    assertThatThrownBy(() -> new SearchRequest("x", null, null, 0, 0, null, null, false))
        .hasMessage("limit must be between 1 and 100, got 0");
    assertThatThrownBy(() -> new SearchRequest("x", null, null, 10, -1, null, null, false))
        .hasMessage("offset must be between 0 and 1000, got -1");
    assertThatThrownBy(() -> new SearchRequest(" ", null, null, 10, 0, null, null, false))
        .hasMessage("q must not be empty");
    assertThatThrownBy(() -> new SearchRequest("x".repeat(1001), null, null, 10, 0, null, null, false))
        .hasMessage("q must be at most 1000 characters, got 1001");
    assertThatThrownBy(() -> new SearchRequest("x", null, null, 10, 0, 2024, 2020, false))
        .hasMessage("yearFrom must be <= yearTo, got yearFrom=2024, yearTo=2020");
    assertThatThrownBy(() -> SearchMode.parse("fuzzy")).hasMessage("mode must be keyword, semantic or hybrid, got 'fuzzy'");
    assertThatThrownBy(() -> SearchRequest.parseLang("fr")).hasMessage("lang must be en, zh or auto, got 'fr'");
  }

  @Test
  void a_chinese_question_over_an_english_only_index_is_searched_across_languages(@TempDir Path other) {
    try (PaperIndex english = PaperIndex.openForWriting(other, io.papersearch.index.Indexer.schemaOf(embedders))) {
      io.papersearch.index.Indexer indexer = new io.papersearch.index.Indexer(english, embedders);
      indexer.index(Fixtures.paper("e1", "Organ segmentation", 2020, "Segmentation of organs in CT.", null));
      indexer.index(Fixtures.paper("e2", "Image registration", 2020, "Registration of brain scans.", null));
      english.commit();
      SearchService s = new SearchService(english, embedders);
      SearchResponse r = s.search(req("器官分割", SearchMode.SEMANTIC));
      assertThat(r.lang()).isEqualTo("en");
      assertThat(ids(r).get(0)).isEqualTo("e1");
      // An explicit lang is obeyed, even when it finds nothing.
      assertThat(s.search(new SearchRequest("器官分割", SearchMode.SEMANTIC, Lang.ZH, 10, 0, null, null, false)).hits()).isEmpty();
    }
  }
}
