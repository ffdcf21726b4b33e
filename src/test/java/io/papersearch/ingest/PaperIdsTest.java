package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaperIdsTest {

  @Test
  void latin_title_becomes_a_lowercase_hyphenated_slug() {
    assertThat(PaperIds.fromTitle("U-Net: Convolutional Networks for Biomedical Image Segmentation"))
        .isEqualTo("u-net-convolutional-networks-for-biomedical-image-segmentation");
    assertThat(PaperIds.fromTitle("  (Semi)-Supervised -- Learning!  ")).isEqualTo("semi-supervised-learning");
  }

  @Test
  void accents_are_folded_into_the_slug() {
    assertThat(PaperIds.fromTitle("Großbröhmer's Æther Ångström Study")).isEqualTo("grossbrohmer-s-aether-angstrom-study");
  }

  @Test
  void long_slug_is_cut_at_a_hyphen_and_ends_with_a_hash_so_long_titles_do_not_collide() {
    String prefix = "Anatomical Invariance Modeling and Semantic Alignment for Self-supervised Learning";
    String one = PaperIds.fromTitle(prefix + " in 3D Medical Image Analysis");
    String two = PaperIds.fromTitle(prefix + " in 2D Medical Image Analysis");
    assertThat(one).hasSizeLessThanOrEqualTo(PaperIds.MAX_SLUG_LENGTH)
        .startsWith("anatomical-invariance-modeling-and-semantic-")
        .matches(".*-[0-9a-f]{7}");
    assertThat(one).isNotEqualTo(two);
    assertThat(PaperIds.isValid(one)).isTrue();
  }

  @Test
  void chinese_title_gets_a_hash_id() {
    String id = PaperIds.fromTitle("一种基于平方和优化的飞行器大角度机动镇定控制器设计方法");
    assertThat(id).matches("p-[0-9a-f]{12}");
    assertThat(PaperIds.fromTitle("一种基于平方和优化的飞行器大角度机动镇定控制器设计方法")).isEqualTo(id);
  }

  @Test
  void mixed_chinese_title_is_hashed_rather_than_reduced_to_its_latin_words() {
    assertThat(PaperIds.fromTitle("基于Transformer的分割")).matches("p-[0-9a-f]{12}");
    assertThat(PaperIds.fromTitle("基于Transformer的分割"))
        .isNotEqualTo(PaperIds.fromTitle("基于Transformer的检测"));
  }

  @Test
  void hashed_is_sha256_of_the_utf8_text() {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertThat(PaperIds.hashed("abc")).isEqualTo("p-ba7816bf8f01");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "1984.bcs-1.4", "csl-dev-0000", "4983", "doi:10.1000_x", "A_b-C.d:9"})
  void valid_ids_pass(String id) {
    assertThat(PaperIds.isValid(id)).isTrue();
    assertThat(PaperIds.requireValid(id)).isEqualTo(id);
  }

  @Test
  void invalid_id_is_refused_with_its_value_in_the_message() {
    assertThatThrownBy(() -> PaperIds.requireValid("a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must be 1 to 128 characters of ASCII letters, digits, '.', '_', '-' or ':', got 'a b'");
    assertThat(PaperIds.isValid("")).isFalse();
    assertThat(PaperIds.isValid("論文")).isFalse();
    assertThat(PaperIds.isValid("x".repeat(129))).isFalse();
    assertThat(PaperIds.isValid(null)).isFalse();
  }

  @Test
  void blank_title_is_refused() {
    assertThatThrownBy(() -> PaperIds.fromTitle(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("title must not be blank, got ' '");
  }
}
