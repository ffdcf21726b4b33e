package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordMapperTest {

  private static Map<String, Object> record(Object... keysAndValues) {
    Map<String, Object> record = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      record.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return record;
  }

  private static Paper map(Object... keysAndValues) throws InvalidRecordException {
    return RecordMapper.plain().map(record(keysAndValues));
  }

  private static void assertRejected(Map<String, Object> record, String message) {
    assertThatThrownBy(() -> RecordMapper.plain().map(record))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage(message);
  }

  @Test
  void all_fields_are_mapped_and_normalised() throws Exception {
    Paper paper = map(
        "id", "p1", "title", "  A\u00A0Title ", "abstract", "An  abstract.", "abstractZh", "中文摘要。",
        "authors", List.of("Ann Lee", " Bo  Li "), "year", 2023, "venue", "ICCV", "url", "https://x.org",
        "doi", "https://doi.org/10.1000/xyz", "keywords", List.of("a", "b"));
    assertThat(paper).isEqualTo(new Paper("p1", "A Title", List.of("Ann Lee", "Bo Li"), 2023, "ICCV",
        "https://x.org", "10.1000/xyz", "An abstract.", "中文摘要。", List.of("a", "b")));
  }

  @Test
  void chinese_and_beir_aliases_mean_the_same_fields() throws Exception {
    Paper chinese = map("年份", "2023", "题目", "标题", "作者", "甲, 乙", "摘要", "English abstract.",
        "中文摘要", "中文摘要。", "链接", "[link](https://x.org/a.pdf)", "会议", "ICCV", "关键词", "分割；检测");
    assertThat(chinese.year()).isEqualTo(2023);
    assertThat(chinese.title()).isEqualTo("标题");
    assertThat(chinese.authors()).containsExactly("甲", "乙");
    assertThat(chinese.abstractEn()).isEqualTo("English abstract.");
    assertThat(chinese.abstractZh()).isEqualTo("中文摘要。");
    assertThat(chinese.url()).isEqualTo("https://x.org/a.pdf");
    assertThat(chinese.venue()).isEqualTo("ICCV");
    assertThat(chinese.keywords()).containsExactly("分割", "检测");

    Paper beir = map("_id", "4983", "title", "", "text", "An abstract.", "metadata", Map.of());
    assertThat(beir.id()).isEqualTo("4983");
    assertThat(beir.title()).isNull();
    assertThat(beir.abstractEn()).isEqualTo("An abstract.");

    assertThat(map("Title", "T", "abstract_zh", "中文。").abstractZh()).isEqualTo("中文。");
  }

  @Test
  void abstract_in_chinese_goes_to_abstract_zh() throws Exception {
    Paper paper = map("title", "T", "abstract", "采用修正的Rodrigues参数(MRP),建立了数学模型。");
    assertThat(paper.abstractEn()).isNull();
    assertThat(paper.abstractZh()).isEqualTo("采用修正的Rodrigues参数(MRP),建立了数学模型。");
  }

  @Test
  void swapped_abstract_columns_are_put_right() throws Exception {
    Paper paper = map("title", "T", "abstract", "中文摘要。", "abstract_zh", "English abstract.");
    assertThat(paper.abstractEn()).isEqualTo("English abstract.");
    assertThat(paper.abstractZh()).isEqualTo("中文摘要。");
  }

  @Test
  void when_both_abstracts_are_chinese_the_explicit_chinese_column_wins() throws Exception {
    Paper paper = map("title", "T", "abstract", "第一。", "abstract_zh", "第二。");
    assertThat(paper.abstractEn()).isNull();
    assertThat(paper.abstractZh()).isEqualTo("第二。");
  }

  @Test
  void record_without_title_or_abstract_is_rejected() {
    assertRejected(record("id", "x", "title", "  ", "abstract", "\u200B", "year", 2020),
        "record has neither title nor abstract");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "999", "2101", "20.5", "２０２３x"})
  void year_outside_the_range_or_not_an_integer_is_rejected_naming_the_value(String year) {
    assertRejected(record("title", "T", "year", year),
        "year must be an integer between 1000 and 2100, got '" + year + "'");
  }

  @Test
  void year_as_json_number_string_or_whole_double_is_accepted() throws Exception {
    assertThat(map("title", "T", "year", 2023).year()).isEqualTo(2023);
    assertThat(map("title", "T", "year", " 2023 ").year()).isEqualTo(2023);
    assertThat(map("title", "T", "year", 2023.0).year()).isEqualTo(2023);
    assertThat(map("title", "T", "year", "").year()).isNull();
    assertRejected(record("title", "T", "year", 2023.5),
        "year must be an integer between 1000 and 2100, got '2023.5'");
    assertRejected(record("title", "T", "year", List.of(2023)),
        "year must be an integer between 1000 and 2100, got array");
    assertRejected(record("title", "T", "year", 99_999_999_999L),
        "year must be an integer between 1000 and 2100, got '99999999999'");
  }

  @Test
  void bad_id_is_rejected_naming_the_value() {
    assertRejected(record("id", "bad id!", "title", "T"),
        "id must be 1 to 128 characters of ASCII letters, digits, '.', '_', '-' or ':', got 'bad id!'");
    assertRejected(record("id", true, "title", "T"), "id must be a string, got boolean");
  }

  @Test
  void numeric_id_is_accepted() throws Exception {
    assertThat(map("_id", 4983, "title", "T").id()).isEqualTo("4983");
  }

  @Test
  void missing_id_is_derived_from_the_title_or_else_the_abstract() throws Exception {
    assertThat(map("title", "Deep Learning: A Survey").id()).isEqualTo("deep-learning-a-survey");
    assertThat(map("title", "半监督医学图像分割").id()).isEqualTo(PaperIds.hashed("半监督医学图像分割"));
    assertThat(map("abstract", "Only an abstract.").id()).isEqualTo(PaperIds.hashed("Only an abstract."));
    assertThat(map("id", "  ", "title", "Deep").id()).isEqualTo("deep");
  }

  @Test
  void author_string_is_split_on_semicolons_commas_and_and() throws Exception {
    assertThat(map("title", "T", "authors", "Ann Lee, Bo Li and Cy Wu").authors())
        .containsExactly("Ann Lee", "Bo Li", "Cy Wu");
    assertThat(map("title", "T", "authors", "Ann Lee, Bo Li, and Cy Wu").authors())
        .containsExactly("Ann Lee", "Bo Li", "Cy Wu");
    assertThat(map("title", "T", "authors", "Lee, Ann; Li, Bo").authors())
        .containsExactly("Lee, Ann", "Li, Bo");
    assertThat(map("title", "T", "authors", "张三、李四").authors()).containsExactly("张三", "李四");
    assertThat(map("title", "T", "authors", "Alexander Anderson").authors()).containsExactly("Alexander Anderson");
  }

  @Test
  void author_mojibake_is_repaired() throws Exception {
    assertThat(map("title", "T", "authors", "Arne Schmidt, Pablo Morales-Ãlvarez").authors())
        .containsExactly("Arne Schmidt", "Pablo Morales-Álvarez");
  }

  @Test
  void wrong_types_are_rejected_naming_the_field() {
    assertRejected(record("title", List.of("T")), "title must be a string, got array");
    assertRejected(record("title", "T", "authors", 5),
        "authors must be a string or an array of strings, got number");
    assertRejected(record("title", "T", "authors", List.of("a", Map.of())),
        "authors must be a string or an array of strings, got an array with object at index 1");
    assertRejected(record("title", "T", "keywords", true),
        "keywords must be a string or an array of strings, got boolean");
  }

  @Test
  void empty_values_in_author_arrays_are_dropped() throws Exception {
    assertThat(map("title", "T", "authors", Arrays.asList("A", null, " ", "B")).authors())
        .containsExactly("A", "B");
  }

  @Test
  void keywords_string_is_split_on_semicolons_else_commas() throws Exception {
    assertThat(map("title", "T", "keywords", "deep learning; segmentation, 3D").keywords())
        .containsExactly("deep learning", "segmentation, 3D");
    assertThat(map("title", "T", "keywords", "a, b，c").keywords()).containsExactly("a", "b", "c");
  }

  @Test
  void empty_strings_become_null_and_the_first_alias_with_a_value_wins() throws Exception {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("title", "T");
    record.put("venue", "");
    record.put("doi", "");
    record.put("url", "");
    record.put("abstract", "");
    record.put("text", "From text.");
    Paper paper = RecordMapper.plain().map(record);
    assertThat(paper.venue()).isNull();
    assertThat(paper.doi()).isNull();
    assertThat(paper.url()).isNull();
    assertThat(paper.abstractEn()).isEqualTo("From text.");
  }

  @Test
  void unknown_fields_are_ignored() throws Exception {
    Map<String, Object> record = new HashMap<>(Map.of("title", "T", "split", "dev", "discipline", "工学"));
    assertThat(RecordMapper.plain().map(record).title()).isEqualTo("T");
  }

  @Test
  void markdown_mapper_strips_markup_but_plain_mapper_does_not() throws Exception {
    Map<String, Object> record = record("title", "**Bold** [Title](https://x)", "link", "[link](https://x.org/p.pdf)");
    Paper markdown = RecordMapper.markdown().map(record);
    assertThat(markdown.title()).isEqualTo("Bold Title");
    assertThat(markdown.url()).isEqualTo("https://x.org/p.pdf");
    assertThat(RecordMapper.plain().map(record).title()).isEqualTo("**Bold** [Title](https://x)");
  }
}
