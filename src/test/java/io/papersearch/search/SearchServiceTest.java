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
      // Past the threshold a count is a flagged lower bound; searched in many small partitions (as
      // the tests configure, papersearch.sliceDocs) Lucene may still have counted every match.
      if (many.totalHitsExact()) {
        assertThat(many.totalHits()).isEqualTo(1500L);
      } else {
        assertThat(many.totalHits()).isBetween((long) SearchService.TOTAL_HITS_EXACT_UP_TO, 1500L);
      }
      // The three papers that say it three times come first, ties in id order, the rest in id order too.
      assertThat(ids(many).subList(0, 4)).containsExactly("s0000", "s0500", "s1000", "s0001");
      SearchResponse few = s.search(req("study 7", SearchMode.KEYWORD)); // "study" alone matches 1,497 papers
      assertThat(few.totalHits()).isBetween((long) SearchService.TOTAL_HITS_EXACT_UP_TO, 1497L);
      assertThat(few.totalHitsExact()).isEqualTo(few.totalHits() == 1497L);
      SearchResponse one = s.search(req("s0007 unknownword", SearchMode.KEYWORD));
      assertThat(one.totalHitsExact()).isTrue();
    }
  }

  @Test
  void keyword_ties_across_the_page_cut_are_broken_by_id_and_hybrid_fuses_the_keyword_depth(@TempDir Path other) {
    try (PaperIndex twins = PaperIndex.openForWriting(other, io.papersearch.index.Indexer.schemaOf(embedders))) {
      // 40 papers with the same text and no vectors, written in descending id order: Lucene alone
      // would keep the first written (t39, t38, ...) when a page cuts through them.
      for (int i = 39; i >= 0; i--) {
        twins.upsert(Fixtures.paper(String.format(java.util.Locale.ROOT, "t%02d", i), "Organ segmentation", 2020, "Same text.", null),
            java.util.Map.of(), java.util.Map.of());
      }
      twins.commit();
      SearchService s = new SearchService(twins, embedders);
      SearchResponse first = s.search(new SearchRequest("segmentation", SearchMode.KEYWORD, null, 3, 0, null, null, false));
      assertThat(ids(first)).containsExactly("t00", "t01", "t02");
      assertThat(first.totalHits()).isEqualTo(40);
      assertThat(ids(s.search(new SearchRequest("segmentation", SearchMode.KEYWORD, null, 3, 3, null, null, false))))
          .containsExactly("t03", "t04", "t05");
      // Hybrid: the fused list is the keyword leg's candidates here (no vectors), so its size is the keyword depth.
      SearchRequest hybrid = new SearchRequest("segmentation", SearchMode.HYBRID, null, 3, 0, null, null, false);
      assertThat(s.search(hybrid).totalHits()).isEqualTo(Fusion.KEYWORD_DEPTH);
      // Its cut is not widened: the 30 first written (t39..t10) are fused, then ordered by id.
      assertThat(ids(s.search(hybrid))).containsExactly("t10", "t11", "t12");
      assertThat(new SearchService(twins, embedders, Fusion.defaults().withKeywordDepth(5)).search(hybrid).totalHits()).isEqualTo(5);
      SearchRequest deep = new SearchRequest("segmentation", SearchMode.HYBRID, null, 10, 30, null, null, false);
      assertThat(s.search(deep).totalHits()).isEqualTo(40); // a page reaching past the depth draws what it shows
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

  /** A query every English paper matches by keyword (one topic word each), so filters decide. */
  static final String EVERY_TOPIC = "segmentation registration reconstruction detection";

  static SearchRequest filtered(SearchMode mode, Filters filters) {
    return filtered(EVERY_TOPIC, mode, filters, java.util.Set.of(), 10, 0);
  }

  static SearchRequest filtered(String q, SearchMode mode, Filters filters, java.util.Set<FacetField> facets, int limit, int offset) {
    return new SearchRequest(q, mode, Lang.EN, limit, offset, filters, false, facets, null, false);
  }

  static Filters venue(String v) {
    return new Filters(null, null, v, null, null, null);
  }

  static Filters author(String a) {
    return new Filters(null, null, null, a, null, null);
  }

  static Filters authorPrefix(String a) {
    return new Filters(null, null, null, null, a, null);
  }

  static Filters keyword(String k) {
    return new Filters(null, null, null, null, null, k);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(SearchMode.class)
  void venue_filter_matches_the_whole_venue_ignoring_case_and_width_inside_every_leg(SearchMode mode) {
    // Unfiltered, every mode returns all five (the vector leg ranks every paper); filtered, only ICCV's.
    assertThat(ids(search.search(filtered(mode, Filters.NONE)))).hasSize(5);
    assertThat(ids(search.search(filtered(mode, venue("ICCV"))))).containsExactlyInAnyOrder("p2", "p3", "p4");
    assertThat(ids(search.search(filtered(mode, venue("ｉｃｃｖ"))))).containsExactlyInAnyOrder("p2", "p3", "p4");
    assertThat(ids(search.search(filtered(mode, venue(" miccai "))))).containsExactlyInAnyOrder("p1", "p5");
    assertThat(ids(search.search(filtered(mode, venue("ICC"))))).isEmpty(); // exact, not a prefix
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(SearchMode.class)
  void author_filter_matches_one_whole_name_and_author_prefix_the_start_of_any_name_token(SearchMode mode) {
    assertThat(ids(search.search(filtered(mode, author("ada  LOVELACE"))))).containsExactlyInAnyOrder("p1", "p2");
    assertThat(ids(search.search(filtered(mode, author("Lovelace"))))).isEmpty();
    assertThat(ids(search.search(filtered(mode, author("emile durand-lovelace"))))).containsExactly("p5");
    assertThat(ids(search.search(filtered(mode, authorPrefix("Love"))))).containsExactlyInAnyOrder("p1", "p2", "p5");
    assertThat(ids(search.search(filtered(mode, authorPrefix("ada lo"))))).containsExactlyInAnyOrder("p1", "p2");
    assertThat(ids(search.search(filtered(mode, authorPrefix("Émile D"))))).containsExactly("p5");
    assertThat(ids(search.search(filtered(mode, authorPrefix("hop"))))).containsExactlyInAnyOrder("p2", "p4");
    assertThat(ids(search.search(filtered(mode, authorPrefix("小明"))))).containsExactly("p4");
    assertThat(ids(search.search(filtered(mode, authorPrefix("ovelace"))))).isEmpty(); // not a token start
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(SearchMode.class)
  void keyword_filter_matches_one_whole_keyword_and_filters_combine_with_and(SearchMode mode) {
    assertThat(ids(search.search(filtered(mode, keyword("semi-supervised LEARNING"))))).containsExactlyInAnyOrder("p1", "p5");
    assertThat(ids(search.search(filtered(mode, keyword("semi-supervised"))))).isEmpty();
    assertThat(ids(search.search(filtered(mode, keyword("医学图像"))))).containsExactly("p1");
    assertThat(ids(search.search(filtered(mode, new Filters(2022, null, "miccai", null, null, null))))).containsExactly("p5");
    assertThat(ids(search.search(filtered(mode, new Filters(null, null, "ICCV", "grace hopper", null, null)))))
        .containsExactlyInAnyOrder("p2", "p4");
    assertThat(ids(search.search(filtered(mode, new Filters(null, 2022, "ICCV", null, "ada", "image registration")))))
        .containsExactly("p2");
  }

  @Test
  void similar_papers_take_venue_author_and_keyword_filters() {
    assertThat(ids(search.similar(new SimilarRequest("p1", 10, 0, venue("iccv"), false, null))))
        .containsExactlyInAnyOrder("p2", "p3", "p4");
    assertThat(ids(search.similar(new SimilarRequest("p1", 10, 0, author("Grace Hopper"), false, null))))
        .containsExactlyInAnyOrder("p2", "p4");
    assertThat(ids(search.similar(new SimilarRequest("p1", 10, 0, authorPrefix("lovelace"), false, null))))
        .containsExactlyInAnyOrder("p2", "p5");
    assertThat(ids(search.similar(new SimilarRequest("p1", 10, 0, keyword("Semi-supervised learning"), false, null))))
        .containsExactly("p5");
  }

  @Test
  void bad_filter_values_name_the_parameter() {
    assertThatThrownBy(() -> venue("x".repeat(257)))
        .isInstanceOfSatisfying(PapersearchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SEARCH_VENUE))
        .hasMessage("venue must be at most 256 characters, got 257");
    assertThatThrownBy(() -> authorPrefix("\u200b"))
        .isInstanceOfSatisfying(PapersearchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SEARCH_AUTHOR))
        .hasMessage("authorPrefix has no visible characters");
    assertThatThrownBy(() -> keyword("k".repeat(300)))
        .isInstanceOfSatisfying(PapersearchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SEARCH_KEYWORD))
        .hasMessage("keyword must be at most 256 characters, got 300");
    assertThat(venue("  ")).isEqualTo(Filters.NONE); // blank is no filter, as for every parameter
    assertThat(Filters.NONE.query()).isNull();
  }

  static List<Object> facet(SearchResponse r, FacetField f) {
    return r.facets().get(f).stream().map(c -> (Object) (c.value() + "=" + c.count())).toList();
  }

  @Test
  void keyword_facets_count_every_match_not_only_the_ranked_ones() {
    SearchService shallow = new SearchService(index, embedders, Fusion.of(Fusion.Method.CONVEX, 60, 0.7, 1));
    SearchResponse r = shallow.search(filtered("segmentation", SearchMode.KEYWORD, Filters.NONE, java.util.EnumSet.allOf(FacetField.class), 1, 0));
    assertThat(r.hits()).hasSize(1);
    // p1 (2021, MICCAI) and p5 (2023, MICCAI); count descending, then value ascending.
    assertThat(facet(r, FacetField.YEAR)).containsExactly("2021=1", "2023=1");
    assertThat(facet(r, FacetField.VENUE)).containsExactly("MICCAI=2");
    assertThat(r.facets()).containsOnlyKeys(FacetField.YEAR, FacetField.VENUE);
  }

  @Test
  void venue_spellings_that_differ_in_case_are_one_value_shown_in_the_commonest_spelling() {
    SearchResponse r = search.search(filtered(EVERY_TOPIC, SearchMode.SEMANTIC, Filters.NONE, java.util.EnumSet.allOf(FacetField.class), 10, 0));
    // ICCV twice + iccv once = 3; MICCAI 2. Years: 2023 three times, then 2021 and 2022 once each.
    assertThat(facet(r, FacetField.VENUE)).containsExactly("ICCV=3", "MICCAI=2");
    assertThat(facet(r, FacetField.YEAR)).containsExactly("2023=3", "2021=1", "2022=1");
    assertThat(ids(search.search(filtered(SearchMode.SEMANTIC, venue((String) r.facets().get(FacetField.VENUE).get(0).value())))))
        .hasSize(3); // a facet value is a valid venue filter for exactly the papers it counted
  }

  @Test
  void semantic_facets_count_the_ranked_candidates_and_hybrid_the_keyword_matches_with_them() {
    SearchService shallow = new SearchService(index, embedders, Fusion.of(Fusion.Method.CONVEX, 60, 0.7, 1));
    // "segment" matches p1 and p5 by keyword (stemmed); the fake model reads "reconstruction" in
    // "reconstructionx", so the one vector candidate is p3, which no keyword matches.
    String q = "segment reconstructionx";
    java.util.Set<FacetField> both = java.util.EnumSet.allOf(FacetField.class);
    SearchResponse semantic = shallow.search(filtered(q, SearchMode.SEMANTIC, Filters.NONE, both, 1, 0));
    assertThat(ids(semantic)).containsExactly("p3");
    assertThat(facet(semantic, FacetField.VENUE)).containsExactly("ICCV=1");
    SearchResponse hybrid = shallow.search(filtered(q, SearchMode.HYBRID, Filters.NONE, both, 1, 0));
    assertThat(hybrid.totalHits()).isEqualTo(2); // one candidate per leg is ranked...
    assertThat(facet(hybrid, FacetField.YEAR)).containsExactly("2023=2", "2021=1"); // ...three papers counted
    assertThat(facet(hybrid, FacetField.VENUE)).containsExactly("MICCAI=2", "ICCV=1");
    SearchResponse filteredHybrid = shallow.search(filtered(q, SearchMode.HYBRID, venue("MICCAI"), both, 1, 0));
    assertThat(facet(filteredHybrid, FacetField.VENUE)).containsExactly("MICCAI=2");
  }

  @Test
  void facets_count_live_papers_across_segments_and_are_absent_unless_asked() {
    // Re-indexing p3 under another venue deletes its old document and writes a new segment.
    io.papersearch.ingest.Paper p3 = Fixtures.corpus().get(2);
    new io.papersearch.index.Indexer(index, embedders).index(Fixtures.paper(
        "p3", p3.title(), 2024, "MICCAI", p3.authors(), p3.keywords(), p3.abstractEn(), p3.abstractZh()));
    index.commit();
    SearchResponse r = search.search(filtered(EVERY_TOPIC, SearchMode.SEMANTIC, Filters.NONE, java.util.EnumSet.allOf(FacetField.class), 10, 0));
    assertThat(facet(r, FacetField.VENUE)).containsExactly("MICCAI=3", "ICCV=2");
    assertThat(facet(r, FacetField.YEAR)).containsExactly("2023=2", "2021=1", "2022=1", "2024=1");
    assertThat(search.search(filtered(SearchMode.SEMANTIC, Filters.NONE)).facets()).isNull();
  }

  @Test
  void a_query_without_searchable_terms_counts_no_keyword_matches() {
    SearchResponse r = search.search(filtered("the of and", SearchMode.KEYWORD, Filters.NONE, java.util.Set.of(FacetField.YEAR), 10, 0));
    assertThat(r.hits()).isEmpty();
    assertThat(r.facets().get(FacetField.YEAR)).isEmpty();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(SearchMode.class)
  void three_pages_cover_the_ranking_without_overlap_or_gap(SearchMode mode, @TempDir Path other) {
    try (PaperIndex tied = PaperIndex.openForWriting(other, io.papersearch.index.Indexer.schemaOf(embedders))) {
      io.papersearch.index.Indexer indexer = new io.papersearch.index.Indexer(tied, embedders);
      // Nine papers, in three groups of equal scores: only the id can order each group.
      for (String id : List.of("t9", "t3", "t7", "t1", "t5", "t8", "t2", "t6", "t4")) {
        int n = Integer.parseInt(id.substring(1));
        String title = n % 3 == 0 ? "Segmentation of segmentation" : "Segmentation study";
        indexer.index(Fixtures.paper(id, title, 2020, "Organ images.", null));
      }
      tied.commit();
      SearchService s = new SearchService(tied, embedders);
      List<String> all = ids(s.search(filtered("segmentation", mode, Filters.NONE, java.util.Set.of(), 9, 0)));
      List<String> paged = new java.util.ArrayList<>();
      for (int offset = 0; offset < 9; offset += 3) {
        List<String> page = ids(s.search(filtered("segmentation", mode, Filters.NONE, java.util.Set.of(), 3, offset)));
        assertThat(page).hasSize(3);
        paged.addAll(page);
      }
      assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(all).hasSize(9);
      if (mode == SearchMode.SEMANTIC) {
        assertThat(all).isSortedAccordingTo(java.util.Comparator.naturalOrder()); // equal vectors: id order
      } else {
        // Keyword (and hybrid, whose vector leg ties): the title saying it twice first, ties by id.
        assertThat(all).containsExactly("t3", "t6", "t9", "t1", "t2", "t4", "t5", "t7", "t8");
      }
      // Past the end: an empty page, not an error.
      assertThat(s.search(filtered("segmentation", mode, Filters.NONE, java.util.Set.of(), 3, 9)).hits()).isEmpty();
    }
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
