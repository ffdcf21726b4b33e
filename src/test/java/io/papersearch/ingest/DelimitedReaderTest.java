package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedReaderTest {

  @TempDir Path dir;

  @Test
  void csv_quoted_fields_hold_separators_quotes_and_newlines() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.csv", """
        id,title,abstract,abstract_zh,authors,year
        p1,"Segmentation, Revisited","He said ""hi"".
        Second line of the abstract.",中文摘要。,"Lee, Ann; Li, Bo",2023
        p2,Plain,Abstract two.,,Cy Wu,
        """);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.lines).containsExactly(2, 4);
    Paper first = sink.papers.get(0);
    assertThat(first.title()).isEqualTo("Segmentation, Revisited");
    assertThat(first.abstractEn()).isEqualTo("He said \"hi\". Second line of the abstract.");
    assertThat(first.abstractZh()).isEqualTo("中文摘要。");
    assertThat(first.authors()).containsExactly("Lee, Ann", "Li, Bo");
    assertThat(sink.papers.get(1).year()).isNull();
  }

  @Test
  void csv_rejections_name_the_line_where_the_record_starts() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.csv",
        "title,abstract,year\r\n"
            + "Good,\"multi\r\nline\",2020\r\n"
            + "Too,many,fields,here\r\n"
            + "\r\n"
            + "\"Multi\nline title\",x,abc\r\n"
            + "\"Closed\"junk,x,2020\r\n"
            + "Last,ok,2021\r\n");
    assertThat(sink.papers).extracting(Paper::title).containsExactly("Good", "Last");
    assertThat(sink.lines).containsExactly(2, 9);
    assertThat(sink.rejectionTexts()).containsExactly(
        "papers.csv:4: record has 4 fields, header has 3",
        "papers.csv:6: year must be an integer between 1000 and 2100, got 'abc'",
        "papers.csv:8: unexpected 'j' after a closing quote on line 8");
  }

  @Test
  void csv_unclosed_quote_is_rejected_at_the_line_where_it_opened() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.csv", """
        title,abstract
        Fine,ok
        "Never closed,x
        More,lines
        """);
    assertThat(sink.papers).extracting(Paper::title).containsExactly("Fine");
    assertThat(sink.rejectionTexts()).containsExactly(
        "papers.csv:3: quoted field opened on line 3 is not closed at the end of the file");
  }

  @Test
  void csv_spaces_around_quotes_are_tolerated() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.csv", """
        title, abstract
        "A, B" , "C"
        """);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).singleElement().satisfies(p -> {
      assertThat(p.title()).isEqualTo("A, B");
      assertThat(p.abstractEn()).isEqualTo("C");
    });
  }

  @Test
  void csv_invalid_utf8_rejects_the_record() throws IOException {
    Path file = dir.resolve("bad.csv");
    java.nio.file.Files.write(file, new byte[] {
        't', 'i', 't', 'l', 'e', '\n', 'o', 'k', '\n', (byte) 0xFF, 'x', '\n', 'f', 'i', 'n', 'e', '\n'});
    CollectingSink sink = CollectingSink.read(file);
    assertThat(sink.papers).extracting(Paper::title).containsExactly("ok", "fine");
    assertThat(sink.rejectionTexts()).containsExactly("bad.csv:3: line 3 is not valid UTF-8");
  }

  @Test
  void csv_header_without_title_or_abstract_fails_the_file_naming_it() {
    Path file = CollectingSink.write(dir, "people.csv", "name,email\nAnn,a@x.org\n");
    assertThatThrownBy(() -> CollectingSink.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ":1: header has no title or abstract column; got columns name, email");
  }

  @Test
  void csv_header_naming_a_column_twice_fails_the_file() {
    Path file = CollectingSink.write(dir, "dup.csv", "title,year,year\nT,2020,2021\n");
    assertThatThrownBy(() -> CollectingSink.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ":1: column 'year' appears twice in the header");
  }

  @Test
  void empty_csv_has_no_papers() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "empty.csv", "");
    assertThat(sink.papers).isEmpty();
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void tsv_uses_tabs_and_the_same_aliases() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.tsv",
        "_id\ttitle\ttext\tabstractZh\tkeywords\n"
            + "t1\tA, comma title\tEnglish, with commas.\t中文。\tx;y\n"
            + "t2\tshort\n");
    assertThat(sink.papers).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("t1");
      assertThat(p.title()).isEqualTo("A, comma title");
      assertThat(p.abstractEn()).isEqualTo("English, with commas.");
      assertThat(p.abstractZh()).isEqualTo("中文。");
      assertThat(p.keywords()).containsExactly("x", "y");
    });
    assertThat(sink.rejectionTexts()).containsExactly("papers.tsv:3: record has 2 fields, header has 5");
  }
}
