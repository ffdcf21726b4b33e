package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownTableReaderTest {

  @TempDir Path dir;

  @Test
  void markdown_table_with_chinese_header_is_read_and_text_outside_is_ignored() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.md", """
        # ICCV 2023

        Some intro text | with a pipe.

        | 年份 | 题目 | 作者 | 摘要      | 中文摘要 | link |
        | --- | --- | --- |-----------| --- | --- |
        | 2023 | **Skeletonization** for Optimization | Martin J. Menten, Pablo Morales-Ãlvarez | The skeleton of a digital image. | 数字图像的骨架。 | [link](https://openaccess.thecvf.com/a.pdf) |
        | 2023 | A \\| B Networks | Ann Lee | Pipes \\| inside. | 管道。 | [link](https://x.org/b.pdf) |

        Trailing notes.
        """);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.lines).containsExactly(7, 8);
    Paper first = sink.papers.get(0);
    assertThat(first.year()).isEqualTo(2023);
    assertThat(first.title()).isEqualTo("Skeletonization for Optimization");
    assertThat(first.id()).isEqualTo("skeletonization-for-optimization");
    assertThat(first.authors()).containsExactly("Martin J. Menten", "Pablo Morales-Álvarez");
    assertThat(first.abstractEn()).isEqualTo("The skeleton of a digital image.");
    assertThat(first.abstractZh()).isEqualTo("数字图像的骨架。");
    assertThat(first.url()).isEqualTo("https://openaccess.thecvf.com/a.pdf");
    Paper second = sink.papers.get(1);
    assertThat(second.title()).isEqualTo("A | B Networks");
    assertThat(second.abstractEn()).isEqualTo("Pipes | inside.");
  }

  @Test
  void markdown_english_header_aliases_and_missing_outer_pipe_are_accepted() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.markdown", """
        | Year | Title | Authors | Abstract | abstract_zh | URL | Venue | DOI | Keywords | id
        |:----:|:------|-------|---|---|---|---|---|---|---:
        | 2022 | T | A, B | Abs. | 摘要。 | https://x.org | MICCAI | doi:10.1/x | seg; det | my-id
        """);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("my-id");
      assertThat(p.venue()).isEqualTo("MICCAI");
      assertThat(p.doi()).isEqualTo("10.1/x");
      assertThat(p.keywords()).containsExactly("seg", "det");
      assertThat(p.url()).isEqualTo("https://x.org");
    });
  }

  @Test
  void markdown_row_with_wrong_cell_count_is_rejected_with_its_line() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.md", """
        | year | title | abstract |
        | --- | --- | --- |
        | 2023 | Good | Fine. |
        | 2023 | Missing a cell |
        | 2023 | Too | many | cells |
        | 1900s | Bad year | x |
        |  |  |  |
        | 2023 | Good again | Fine. |
        """);
    assertThat(sink.papers).extracting(Paper::title).containsExactly("Good", "Good again");
    assertThat(sink.rejectionTexts()).containsExactly(
        "papers.md:4: row has 2 cells, header has 3",
        "papers.md:5: row has 4 cells, header has 3",
        "papers.md:6: year must be an integer between 1000 and 2100, got '1900s'",
        "papers.md:7: record has neither title nor abstract");
  }

  @Test
  void markdown_tables_without_paper_columns_are_ignored() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "notes.md", """
        | metric | value |
        | --- | --- |
        | nDCG | 0.7 |

        | title |
        | --- |
        | Only Title |
        """);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).extracting(Paper::title).containsExactly("Only Title");
  }

  @Test
  void markdown_header_naming_a_column_twice_fails_the_file() {
    Path file = CollectingSink.write(dir, "dup.md", """
        | title | title |
        | --- | --- |
        | a | b |
        """);
    assertThatThrownBy(() -> CollectingSink.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ":1: column 'title' appears twice in the header");
  }

  @Test
  void markdown_row_split_handles_escapes_and_outer_pipes() {
    assertThat(MarkdownTableReader.splitRow("| a | b \\| c |")).containsExactly("a", "b | c");
    assertThat(MarkdownTableReader.splitRow("  | a |  | c")).containsExactly("a", "", "c");
    assertThat(MarkdownTableReader.splitRow("|")).isEmpty();
  }

  @Test
  void a_damaged_row_is_rejected_and_the_rows_after_it_are_read() throws IOException {
    // Found by ReaderFuzzTest: a NUL before the first pipe, and then a row overwritten by a long run
    // of letters, each ended the table, and the rows after it were dropped without a rejection.
    CollectingSink sink = CollectingSink.read(dir, "papers.md", """
        | id | title |
        | --- | --- |
        \u0000| a-1 | First |
        | b-2 | Second |
        aaaaaaaa
        | c-3 | Third |
        """);
    assertThat(sink.papers).extracting(Paper::id).containsExactly("b-2", "c-3");
    assertThat(sink.rejectionTexts()).containsExactly(
        "papers.md:3: table row must start with '|', got '\u0000| a-1 | First |'",
        "papers.md:5: table row must start with '|', got 'aaaaaaaa'");
  }

  @Test
  void a_blank_line_or_a_new_block_ends_the_table_as_in_gfm() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.md", """
        | id | title |
        | --- | --- |
        | a-1 | First |

        | b-2 | Outside any table |
        | id | title |
        | --- | --- |
        | c-3 | Third |
        ## Next section
        | d-4 | Outside again |
        """);
    assertThat(sink.papers).extracting(Paper::id).containsExactly("a-1", "c-3");
    assertThat(sink.rejections).isEmpty();
    assertThat(MarkdownTableReader.continuesTable("plain text")).isTrue();
    assertThat(MarkdownTableReader.continuesTable("x | y")).isTrue();
    for (String block : new String[] {"", "   ", "# H", "> quote", "```", "- item", "* item", "1. item", "2) item", "***", "- - -", "<div>"}) {
      assertThat(MarkdownTableReader.continuesTable(block)).as(block).isFalse();
    }
  }
}
