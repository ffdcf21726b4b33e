package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextNormalizerTest {

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t\n\r", "\u00A0\u3000", "\u200B\uFEFF", "\u0000\u0007"})
  void blank_or_invisible_text_becomes_null(String text) {
    assertThat(TextNormalizer.normalize(text)).isNull();
  }

  @Test
  void whitespace_of_every_kind_collapses_to_one_space() {
    assertThat(TextNormalizer.normalize("  a\tb\r\n\nc\u00A0d\u2009e\u3000f\u202Fg\u2028h  "))
        .isEqualTo("a b c d e f g h");
  }

  @Test
  void control_and_format_characters_are_removed() {
    assertThat(TextNormalizer.normalize("\uFEFFzero\u200Bwidth\u200D soft\u00ADhyphen\u0001\u009C end\uD800"))
        .isEqualTo("zerowidth softhyphen end");
  }

  @Test
  void text_is_composed_to_nfc() {
    assertThat(TextNormalizer.normalize("Mu\u0308ller e\u0301")).isEqualTo("Müller é");
  }

  @Test
  void pdf_ligatures_are_expanded() {
    assertThat(TextNormalizer.normalize("diﬀerent ﬁne ﬂow eﬃcient")).isEqualTo("different fine flow efficient");
  }

  @Test
  void chinese_text_is_kept_intact() {
    String text = "自监督学习（SSL）最近在3D医学图像分析任务中取得了令人期待的表现。";
    assertThat(TextNormalizer.normalize(text)).isEqualTo(text);
    assertThat(TextNormalizer.normalize("半监督\u3000医学图像")).isEqualTo("半监督 医学图像");
  }

  @Test
  void mojibake_is_repaired_before_invisible_characters_are_removed() {
    // Ã followed by a soft hyphen is the UTF-8 of í read as Latin-1; removing the hyphen first
    // would leave a lone Ã.
    assertThat(TextNormalizer.normalize("Mart\u00C3\u00ADn")).isEqualTo("Martín");
    assertThat(TextNormalizer.normalize("Gro\u00C3\u009Fe")).isEqualTo("Große");
    assertThat(TextNormalizer.normalize("Pablo Morales-Ãlvarez ")).isEqualTo("Pablo Morales-Álvarez");
  }

  @Test
  void markdown_links_and_emphasis_are_stripped() {
    assertThat(TextNormalizer.stripMarkdown("See [the paper](https://x.org/a_(b)) and **bold** or __this__."))
        .isEqualTo("See the paper and bold or this.");
    assertThat(TextNormalizer.stripMarkdown("![figure](fig.png)")).isEqualTo("figure");
    assertThat(TextNormalizer.stripMarkdown("line<br>break<br/>again")).isEqualTo("line break again");
  }

  @Test
  void strip_markdown_keeps_underscores_and_stars_that_are_not_emphasis() {
    assertThat(TextNormalizer.stripMarkdown("snake_case and 2 * 3 ** 2 and a__b"))
        .isEqualTo("snake_case and 2 * 3 ** 2 and a__b");
    assertThat(TextNormalizer.stripMarkdown(null)).isNull();
  }

  @Test
  void url_is_extracted_from_a_markdown_link_cell() {
    assertThat(TextNormalizer.extractUrl(" [link](https://openaccess.thecvf.com/a.pdf) "))
        .isEqualTo("https://openaccess.thecvf.com/a.pdf");
    assertThat(TextNormalizer.extractUrl("[pdf](https://x.org/a_(b))")).isEqualTo("https://x.org/a_(b)");
    assertThat(TextNormalizer.extractUrl("<https://x.org/p>")).isEqualTo("https://x.org/p");
    assertThat(TextNormalizer.extractUrl("https://x.org/plain")).isEqualTo("https://x.org/plain");
    assertThat(TextNormalizer.extractUrl("  ")).isNull();
    assertThat(TextNormalizer.extractUrl(null)).isNull();
  }
}
