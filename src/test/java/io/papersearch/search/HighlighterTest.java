package io.papersearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.papersearch.index.Analyzers;
import io.papersearch.index.PaperFields;
import io.papersearch.ingest.Lang;
import io.papersearch.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact snippets, with the index's real analysers (smartcn for Chinese, EnglishAnalyzer for English). */
class HighlighterTest {
  final Highlighter h = new Highlighter(Analyzers.perField());

  static final String EN = "Medical imaging needs labels. Annotating scans is slow and costly for experts, who must"
      + " outline every organ by hand in three dimensions. We propose a consistency method that learns segmentation"
      + " from a few labelled scans and many unlabelled ones. It beats fully supervised training on two public"
      + " datasets. Code is released.";

  static final String ZH = "医学图像标注费时费力，专家需要逐层勾画每个器官的轮廓，这在三维扫描中尤其困难。为此，许多工作研究如何减少标注。"
      + "我们提出一种半监督医学图像分割方法，利用少量标注数据和大量未标注数据进行一致性训练。在两个公开数据集上，该方法优于全监督训练。代码已公开。";

  @Test
  void chinese_query_words_are_marked_as_whole_segmented_words() {
    assertThat(h.snippet(PaperFields.ABSTRACT_ZH, "我们提出一种半监督医学图像分割方法", "半监督 分割"))
        .isEqualTo("我们提出一种<mark>半监督</mark>医学图像<mark>分割</mark>方法");
  }

  @Test
  void a_query_character_inside_a_chinese_word_marks_nothing() {
    // smartcn reads 分割 as one word, so the query 分 is not a match for half of it.
    assertThat(h.snippet(PaperFields.ABSTRACT_ZH, "我们提出一种半监督医学图像分割方法", "分"))
        .isEqualTo("我们提出一种半监督医学图像分割方法");
  }

  @Test
  void english_terms_match_by_stem_and_the_text_around_them_is_html_escaped() {
    assertThat(h.snippet(PaperFields.ABSTRACT_EN, "Segmentation of organs & <tissue> in \"CT\" isn't easy.", "segmenting organs"))
        .isEqualTo("<mark>Segmentation</mark> of <mark>organs</mark> &amp; &lt;tissue&gt; in &quot;CT&quot; isn&#39;t easy.");
  }

  @Test
  void a_long_english_abstract_is_cut_to_the_sentences_with_the_most_query_terms() {
    assertThat(EN.length()).isGreaterThan(Highlighter.SNIPPET_CHARS);
    // "labels" is in the first sentence too, but the third holds four distinct query terms.
    assertThat(h.snippet(PaperFields.ABSTRACT_EN, EN, "semi-supervised segmentation with few labels"))
        .isEqualTo("…We propose a consistency method that learns <mark>segmentation</mark> from a <mark>few</mark>"
            + " <mark>labelled</mark> scans and many unlabelled ones. It beats fully <mark>supervised</mark> training"
            + " on two public datasets. Code is released.");
  }

  @Test
  void a_long_chinese_abstract_is_cut_at_a_sentence_and_at_whole_words() {
    assertThat(ZH.length()).isGreaterThan(Highlighter.SNIPPET_CHARS_HAN);
    assertThat(h.snippet(PaperFields.ABSTRACT_ZH, ZH, "半监督 分割"))
        .isEqualTo("…我们提出一种<mark>半监督</mark>医学图像<mark>分割</mark>方法，利用少量标注数据和大量未标注数据进行一致性训练。"
            + "在两个公开数据集上，该方法优于全<mark>监督</mark>训练。代码已公开。");
  }

  @Test
  void a_hit_found_by_meaning_alone_gets_the_plain_beginning_of_its_abstract() {
    assertThat(h.snippet(PaperFields.ABSTRACT_EN, EN, "diffusion priors"))
        .isEqualTo("Medical imaging needs labels. Annotating scans is slow and costly for experts, who must outline every"
            + " organ by hand in three dimensions. We propose a consistency method that learns segmentation from…");
    assertThat(h.snippet(PaperFields.ABSTRACT_ZH, ZH, "重建"))
        .isEqualTo("医学图像标注费时费力，专家需要逐层勾画每个器官的轮廓，这在三维扫描中尤其困难。为此，许多工作研究如何减少标注。"
            + "我们提出一种半监督医学图像分割方法，利用少量标注数据和大量未标注数据进行一致性训练。在两个…");
  }

  @Test
  void a_long_sentence_starts_a_little_before_its_match_at_a_word() {
    String text = "word ".repeat(80) + "segmentation " + "tail ".repeat(60);
    String s = h.snippet(PaperFields.ABSTRACT_EN, text, "segmentation");
    // 200 / 3 = 66 characters of context before the match, from a word start, and never cut mid-word.
    assertThat(s).startsWith("…word word").contains("<mark>segmentation</mark>").endsWith("tail…");
    assertThat(s.substring(1, s.indexOf("<mark>"))).isEqualTo("word ".repeat(13));
  }

  @Test
  void titles_are_whole_marked_and_escaped() {
    assertThat(h.whole(PaperFields.TITLE_EN, "U-Net's <b>Semi-Supervised</b> Segmentation", "semi supervised segmentation"))
        .isEqualTo("U-Net&#39;s &lt;b&gt;<mark>Semi</mark>-<mark>Supervised</mark>&lt;/b&gt; <mark>Segmentation</mark>");
  }

  @Test
  void a_hit_shows_its_title_and_the_abstract_in_the_searched_language_else_the_other() {
    var p1 = Fixtures.corpus().get(0); // English title, both abstracts
    assertThat(h.highlight(p1, "分割", Lang.ZH))
        .containsExactly(
            java.util.Map.entry("title", "Semi-supervised segmentation of organs"),
            java.util.Map.entry("abstractZh", "我们研究少量标注下的器官<mark>分割</mark>。"));
    assertThat(h.highlight(p1, "segmentation", Lang.EN))
        .containsExactly(
            java.util.Map.entry("title", "Semi-supervised <mark>segmentation</mark> of organs"),
            java.util.Map.entry("abstract", "We study <mark>segmentation</mark> with few labels using consistency training."));
    var p3 = Fixtures.corpus().get(2); // English only
    assertThat(h.highlight(p3, "重建", Lang.ZH).keySet()).containsExactly("title", "abstract");
    var zhOnly = Fixtures.paper("z", "半监督医学图像分割", 2023, "MICCAI", List.of(), List.of(), null, "我们提出一种半监督医学图像分割方法");
    assertThat(h.highlight(zhOnly, "半监督 分割", Lang.ZH))
        .containsExactly(
            java.util.Map.entry("title", "<mark>半监督</mark>医学图像<mark>分割</mark>"),
            java.util.Map.entry("abstractZh", "我们提出一种<mark>半监督</mark>医学图像<mark>分割</mark>方法"));
  }
}
