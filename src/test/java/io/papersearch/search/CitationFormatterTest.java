package io.papersearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import io.papersearch.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationFormatterTest {

  static Paper paper(String title, List<String> authors, Integer year, String venue, String url, String doi) {
    return new Paper("x1", title, authors, year, venue, url, doi, "An abstract.", null, List.of());
  }

  @Test
  void header_is_number_title_authors_year_venue_link() {
    Paper p = Fixtures.corpus().get(0);
    assertThat(CitationFormatter.header(1, p))
        .isEqualTo("[1] Semi-supervised segmentation of organs. Ada Lovelace, Alan Turing (2021). MICCAI. https://example.org/p1");
    assertThat(CitationFormatter.header(12, p)).startsWith("[12] Semi-supervised");
    assertThatThrownBy(() -> CitationFormatter.header(0, p)).hasMessageContaining("got 0");
  }

  @Test
  void more_than_three_authors_become_et_al() {
    Paper p = paper("U-Net", List.of("A", "B", "C", "D"), 2015, null, null, null);
    assertThat(CitationFormatter.reference(p)).isEqualTo("U-Net. A, B, C et al. (2015).");
  }

  @Test
  void missing_parts_are_left_out_and_a_doi_stands_in_for_a_url() {
    assertThat(CitationFormatter.reference(paper("Is attention all you need?", List.of(), null, null, null, "10.1/abc")))
        .isEqualTo("Is attention all you need? https://doi.org/10.1/abc");
    assertThat(CitationFormatter.reference(paper(null, List.of("Ada"), null, "MICCAI", null, null)))
        .isEqualTo("(untitled). Ada. MICCAI.");
    assertThat(CitationFormatter.reference(paper("基于Transformer的分割。", List.of("张三", "李四"), 2023, "CVPR", null, null)))
        .isEqualTo("基于Transformer的分割。 张三, 李四 (2023). CVPR.");
  }

  @Test
  void a_header_is_always_one_line() {
    Paper p = paper("A title\nwith a break", List.of("A"), 2020, "Ven\r\nue", "https://x.org/a", null);
    assertThat(CitationFormatter.header(1, p)).doesNotContain("\n").doesNotContain("\r").contains("A title with a break");
  }

  @Test
  void abstract_in_the_query_language_falls_back_to_the_other() {
    Paper both = Fixtures.corpus().get(1);
    Paper enOnly = Fixtures.corpus().get(2);
    assertThat(CitationFormatter.abstractFor(both, Lang.ZH)).isEqualTo("一种用于脑部扫描配准的网络。");
    assertThat(CitationFormatter.abstractFor(both, Lang.EN)).startsWith("A registration network");
    assertThat(CitationFormatter.abstractFor(enOnly, Lang.ZH)).startsWith("Reconstruction of CT");
  }

  static final String EN = "We propose a new method. It segments organs from few labels using consistency training, "
      + "and it beats strong baselines on three benchmarks. Code is public.";

  @Test
  void a_text_that_fits_is_unchanged() {
    assertThat(CitationFormatter.excerpt(EN, EN.length())).isEqualTo(EN);
  }

  @Test
  void english_is_cut_at_a_sentence_end_when_that_keeps_half() {
    // room for the first two sentences but not the third
    String out = CitationFormatter.excerpt(EN, EN.length() - 5);
    assertThat(out).isEqualTo("We propose a new method. It segments organs from few labels using consistency training, "
        + "and it beats strong baselines on three benchmarks. …");
  }

  @Test
  void english_is_cut_at_a_word_boundary_otherwise() {
    String out = CitationFormatter.excerpt(EN, 60);
    assertThat(out).isEqualTo("We propose a new method. It segments organs from few labels…");
    assertThat(out.length()).isLessThanOrEqualTo(60);
  }

  @Test
  void a_trailing_comma_is_not_left_before_the_ellipsis() {
    String out = CitationFormatter.excerpt("alpha beta gamma, delta epsilon zeta eta theta iota kappa", 20);
    assertThat(out).isEqualTo("alpha beta gamma…");
  }

  static final String ZH = "我们提出一种新的半监督医学图像分割方法，利用一致性训练从少量标注中学习。实验表明该方法在三个数据集上优于基线。";

  @Test
  void chinese_is_cut_at_a_character_boundary() {
    String out = CitationFormatter.excerpt(ZH, 20);
    assertThat(out).isEqualTo("我们提出一种新的半监督医学图像分割方法…");
    assertThat(out).hasSize(20);
  }

  @Test
  void chinese_prefers_a_sentence_end() {
    int firstSentence = ZH.indexOf('。') + 1;
    String out = CitationFormatter.excerpt(ZH, firstSentence + 5);
    assertThat(out).isEqualTo(ZH.substring(0, firstSentence) + "…");
  }

  @Test
  void no_budget_ever_splits_a_surrogate_pair_or_is_exceeded() {
    // U+20000 and U+2A6D6 are Han characters outside the BMP: two UTF-16 units each.
    String text = "基于𠀀的图像𪛖分割方法𠀀𠀀与Transformer模型 and some English words 𠀀.";
    for (int max = 0; max <= text.length() + 2; max++) {
      String out = CitationFormatter.excerpt(text, max);
      assertThat(out.length()).as("max %d", max).isLessThanOrEqualTo(Math.max(max, 0));
      for (int i = 0; i < out.length(); i++) {
        char c = out.charAt(i);
        if (Character.isHighSurrogate(c)) {
          assertThat(i + 1 < out.length() && Character.isLowSurrogate(out.charAt(i + 1))).as("max %d: %s", max, out).isTrue();
        }
        if (Character.isLowSurrogate(c)) {
          assertThat(i > 0 && Character.isHighSurrogate(out.charAt(i - 1))).as("max %d: %s", max, out).isTrue();
        }
      }
      if (!out.equals(text) && !out.isEmpty()) {
        assertThat(out).endsWith(CitationFormatter.ELLIPSIS);
        String kept = out.substring(0, out.length() - 1).stripTrailing();
        assertThat(text).startsWith(kept);
      }
    }
  }

  @Test
  void a_budget_too_small_for_a_useful_excerpt_gives_none() {
    assertThat(CitationFormatter.excerpt(EN, CitationFormatter.MIN_EXCERPT_CHARS - 1)).isEmpty();
    assertThat(CitationFormatter.excerpt("short", 3)).isEmpty();
    assertThat(CitationFormatter.excerpt(null, 100)).isEmpty();
  }
}
