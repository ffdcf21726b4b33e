package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LangTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "半监督医学图像分割",
      "SAM 在医学图像分割中的应用",
      "基于Transformer的分割",
      "采用修正的Rodrigues参数(MRP),建立了飞行器姿态控制系统的数学模型",
      "医学图像分割。"})
  void han_text_is_chinese_even_with_latin_acronyms(String text) {
    assertThat(Lang.detect(text)).isEqualTo(Lang.ZH);
    assertThat(Lang.isChinese(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "semi-supervised segmentation",
      "Großbröhmer und Müller",
      "We thank Zhang Wei (张伟) for the annotations of the whole training set.",
      "2023",
      "!!! ??? ...",
      "   "})
  void latin_digits_and_punctuation_are_english(String text) {
    assertThat(Lang.detect(text)).isEqualTo(Lang.EN);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void null_and_empty_are_english(String text) {
    assertThat(Lang.detect(text)).isEqualTo(Lang.EN);
    assertThat(Lang.isChinese(text)).isFalse();
  }

  @Test
  void tag_is_the_lowercase_language_code() {
    assertThat(Lang.EN.tag()).isEqualTo("en");
    assertThat(Lang.ZH.tag()).isEqualTo("zh");
  }
}
