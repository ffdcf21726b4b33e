package io.papersearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilterValuesTest {

  @Test
  void case_width_accents_and_spacing_do_not_matter() {
    assertThat(FilterValues.normalize("ICCV")).isEqualTo("iccv");
    assertThat(FilterValues.normalize("ＩＣＣＶ")).isEqualTo("iccv"); // full-width, from a Chinese IME
    assertThat(FilterValues.normalize("  Ada \u00a0 LOVELACE ")).isEqualTo("ada lovelace");
    assertThat(FilterValues.normalize("Morales-Álvarez")).isEqualTo("morales-alvarez");
    assertThat(FilterValues.normalize("Großbröhmer")).isEqualTo("grossbrohmer");
    assertThat(FilterValues.normalize("医学图像")).isEqualTo("医学图像");
    assertThat(FilterValues.normalize("Semi\u200b-supervised")).isEqualTo("semi-supervised"); // zero-width space dropped
  }

  @Test
  void nothing_left_is_null() {
    assertThat(FilterValues.normalize(null)).isNull();
    assertThat(FilterValues.normalize("   ")).isNull();
    assertThat(FilterValues.normalize("\u200b")).isNull();
  }

  @Test
  void name_starts_are_the_full_name_and_every_tail_from_a_name_token() {
    assertThat(FilterValues.nameStarts("ada lovelace")).containsExactly("ada lovelace", "lovelace");
    assertThat(FilterValues.nameStarts("jean-paul o'neil"))
        .containsExactly("jean-paul o'neil", "paul o'neil", "o'neil", "neil");
    // Each Han character is a token, so a given name finds the full name.
    assertThat(FilterValues.nameStarts("王小明")).containsExactly("王小明", "小明", "明");
    assertThat(FilterValues.nameStarts("x")).containsExactly("x");
  }
}
