package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MojibakeTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      Ã¶                           | ö
      Ã³                           | ó
      Ã¡                           | á
      Ã©tude                       | étude
      donâ€™t                      | don’t
      â€œquotedâ€\u009D            | “quoted”
      Â°C                          | °C
      JosÃ© MarÃ­a                 | José María
      ZÃ¼rich                      | Zürich
      StraÃ\u009Fe                | Straße
      ardÃ³s                       | ardós
      Pablo MÃ¡rquez-Neila         | Pablo Márquez-Neila
      Juan D. TardÃ³s              | Juan D. Tardós
      å¤§è§„æ¨¡                     | 大规模
      ðŸ˜€                         | 😀
      """)
  void byte_sequence_mojibake_is_decoded(String broken, String repaired) {
    assertThat(TextNormalizer.repairMojibake(broken)).isEqualTo(repaired);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      Pablo Morales-Ãlvarez                               | Pablo Morales-Álvarez
      Arne Schmidt, Pablo Morales-Ãlvarez, Rafael Molina  | Arne Schmidt, Pablo Morales-Álvarez, Rafael Molina
      Tobias GroÃbrÃ¶hmer                                 | Tobias Großbröhmer
      Christoph GroÃbrÃ¶hmer, Lasse Hansen                | Christoph Großbröhmer, Lasse Hansen
      VÃctor M                                            | Víctor M
      Javier RodrÃguez-Puigvert, VÃctor M. Batlle          | Javier Rodríguez-Puigvert, Víctor M. Batlle
      RodrÃguez-P                                         | Rodríguez-P
      MÃ¡rquez                                            | Márquez
      MarÃa                                               | María
      LuÃs                                                | Luís
      RuÃz                                                | Ruíz
      heiÃt                                               | heißt
      StraÃe                                              | Straße
      Ãngel                                               | Ángel
      """)
  void lone_a_tilde_whose_second_byte_was_lost_is_guessed(String broken, String repaired) {
    assertThat(TextNormalizer.repairMojibake(broken)).isEqualTo(repaired);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "São Paulo",
      "SÃO PAULO",
      "JOÃO E MÃE",
      "Ångström",
      "Müller",
      "Ã",
      "Ã.",
      "Ã 1",
      "半监督医学图像分割",
      "naïve",
      "©2023",
      "€5",
      "Æsir",
      "Straße",
      "façade, crème brûlée, résumé, Zürich",
      "Ørsted",
      "10×µm",
      "½ cup",
      "Dvořák “quoted” — dash…",
      "plain ascii",
      "Â",
      "Ê"})
  void correct_text_is_left_alone(String text) {
    assertThat(TextNormalizer.repairMojibake(text)).isSameAs(text);
  }

  @Test
  void latin1_decoding_of_utf8_is_undone_for_every_latin1_letter() {
    String original = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ";
    String broken = new String(original.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(TextNormalizer.repairMojibake(broken)).isEqualTo(original);
  }

  @Test
  void cp1252_decoding_of_utf8_is_undone_for_punctuation_and_cjk() {
    String original = "“Smart” quotes – dashes — and 医学图像 … €";
    String broken = cp1252(original.getBytes(StandardCharsets.UTF_8));
    assertThat(broken).isNotEqualTo(original);
    assertThat(TextNormalizer.repairMojibake(broken)).isEqualTo(original);
  }

  /**
   * Decodes like a browser's windows-1252: the five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F,
   * 0x90, 0x9D) become the C1 control of the same value instead of U+FFFD.
   */
  private static String cp1252(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      String c = new String(new byte[] {b}, Charset.forName("windows-1252"));
      out.append(c.equals("\uFFFD") ? (char) (b & 0xFF) : c.charAt(0));
    }
    return out.toString();
  }

  @Test
  void double_encoding_is_undone() {
    String once = new String("Márquez".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    String twice = new String(once.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(TextNormalizer.repairMojibake(twice)).isEqualTo("Márquez");
  }

  @Test
  void null_stays_null() {
    assertThat(TextNormalizer.repairMojibake(null)).isNull();
  }
}
