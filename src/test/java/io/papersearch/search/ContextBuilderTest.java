package io.papersearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import io.papersearch.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget, the numbering and the cuts of a context block, over every budget in a range. */
class ContextBuilderTest {

  static final String LONG_EN = "Semi-supervised segmentation learns from few labels. "
      + "We enforce consistency between two views of every unlabelled scan, and we calibrate the teacher with an "
      + "uncertainty estimate so that wrong pseudo-labels are down-weighted. On three public datasets of abdominal CT "
      + "the method closes most of the gap to full supervision with only ten percent of the labels.";

  static final String LONG_ZH = "我们提出一种新的半监督医学图像分割方法𠀀，利用两个视角之间的一致性从少量标注中学习。"
      + "教师模型的不确定性估计用于降低错误伪标签的权重。在三个公开的腹部CT数据集上，该方法仅用百分之十的标注就接近全监督的效果。";

  static List<Paper> papers() {
    List<Paper> out = new ArrayList<>();
    out.add(Fixtures.paper("a1", "Uncertainty-aware consistency for semi-supervised segmentation", 2023, LONG_EN, LONG_ZH));
    out.add(Fixtures.paper("a2", "Short abstract paper", 2022, "Tiny.", null));
    out.add(new Paper("a3", "A paper without an abstract", List.of(), null, null, null, null, null, null, List.of()));
    out.add(Fixtures.paper("a4", "Another long one", 2021, LONG_EN.replace("Semi", "Fully"), null));
    out.add(Fixtures.paper("a5", "仅有中文摘要的论文", 2020, null, LONG_ZH));
    return out;
  }

  @Test
  void every_budget_is_respected_and_no_citation_is_cut() {
    List<Paper> papers = papers();
    for (Lang lang : Lang.values()) {
      for (int max = ContextRequest.MIN_MAX_CHARS; max <= 2500; max += 7) {
        ContextBuilder.Fitted f = ContextBuilder.fit(papers, lang, max);
        String ctx = lang + " max " + max + ":\n" + f.text();
        assertThat(f.text().length()).as(ctx).isLessThanOrEqualTo(max);
        List<String> entries = f.text().isEmpty() ? List.of() : List.of(f.text().split("\n\n", -1));
        assertThat(entries).as(ctx).hasSameSizeAs(f.citations());
        for (int i = 0; i < entries.size(); i++) {
          ContextBlock.Citation c = f.citations().get(i);
          Paper p = papers.get(i); // trailing entries are dropped, never skipped: the i-th cited is the i-th ranked
          assertThat(c.n()).isEqualTo(i + 1);
          assertThat(c.paper()).isSameAs(p);
          String[] lines = entries.get(i).split("\n", -1);
          assertThat(lines.length).as(ctx).isBetween(1, 2);
          assertThat(lines[0]).as(ctx).isEqualTo(CitationFormatter.header(i + 1, p));
          if (lines.length == 2) {
            String abs = CitationFormatter.abstractFor(p, lang);
            String excerpt = lines[1];
            if (!excerpt.equals(abs)) {
              assertThat(excerpt).as(ctx).endsWith(CitationFormatter.ELLIPSIS);
              assertThat(abs).as(ctx).startsWith(excerpt.substring(0, excerpt.length() - 1).stripTrailing());
            }
            assertThat(Character.isHighSurrogate(excerpt.charAt(Math.max(0, excerpt.length() - 2)))).as(ctx).isFalse();
          }
        }
      }
    }
  }

  @Test
  void a_large_budget_cites_every_paper_with_its_whole_abstract() {
    ContextBuilder.Fitted f = ContextBuilder.fit(papers(), Lang.EN, 10_000);
    assertThat(f.citations()).hasSize(5);
    assertThat(f.text()).doesNotContain(CitationFormatter.ELLIPSIS).contains(LONG_EN).contains("\nTiny.")
        .contains("[3] A paper without an abstract.\n\n[4] ");
    assertThat(f.text()).startsWith("[1] Uncertainty-aware consistency for semi-supervised segmentation. Ada Lovelace, Alan Turing (2023). "
        + "ICCV. https://example.org/a1\nSemi-supervised segmentation learns");
  }

  @Test
  void short_abstracts_are_kept_whole_while_long_ones_share_the_rest() {
    ContextBuilder.Fitted f = ContextBuilder.fit(papers(), Lang.EN, 900);
    assertThat(f.text()).contains("\nTiny.\n\n");
    assertThat(f.text().length()).isLessThanOrEqualTo(900).isGreaterThan(700);
  }

  @Test
  void a_chinese_query_gets_chinese_excerpts() {
    ContextBuilder.Fitted f = ContextBuilder.fit(papers(), Lang.ZH, 10_000);
    assertThat(f.text()).contains(LONG_ZH).doesNotContain(LONG_EN.substring(0, 40) + "\n\n[2]");
  }

  @Test
  void trailing_papers_that_do_not_fit_are_dropped_whole() {
    List<Paper> papers = papers();
    // [1] with its minimal excerpt, [2] with its whole 5-character abstract, then [3]'s header alone.
    int upToThird = CitationFormatter.header(1, papers.get(0)).length() + 1 + ContextBuilder.MIN_EXCERPT_CHARS
        + 2 + CitationFormatter.header(2, papers.get(1)).length() + 1 + "Tiny.".length()
        + 2 + CitationFormatter.header(3, papers.get(2)).length();
    ContextBuilder.Fitted without = ContextBuilder.fit(papers, Lang.EN, upToThird - 1);
    assertThat(without.citations()).extracting(ContextBlock.Citation::n).containsExactly(1, 2);
    assertThat(without.text()).doesNotContain("[3]").endsWith("\nTiny.");
    ContextBuilder.Fitted with = ContextBuilder.fit(papers, Lang.EN, upToThird);
    assertThat(with.citations()).extracting(ContextBlock.Citation::n).containsExactly(1, 2, 3);
    assertThat(with.text().length()).isLessThanOrEqualTo(upToThird);
    assertThat(with.text()).endsWith("\n\n" + CitationFormatter.header(3, papers.get(2)));
  }

  @Test
  void a_budget_below_the_first_header_gives_an_empty_block() {
    Paper p = Fixtures.paper("long", "A very long title ".repeat(10).strip(), 2020, LONG_EN, null);
    ContextBuilder.Fitted f = ContextBuilder.fit(List.of(p), Lang.EN, 150);
    assertThat(f.text()).isEmpty();
    assertThat(f.citations()).isEmpty();
  }
}
