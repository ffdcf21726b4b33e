package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {

  @TempDir Path dir;

  @Test
  void jsonl_reads_every_field_and_reports_source_lines() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.jsonl", """
        {"id": "a1", "title": "First", "abstract": "One.", "authors": ["Ann Lee", "Bo Li"], "year": 2021, "venue": "ACL", "url": "https://x.org/1", "doi": "10.1/a", "keywords": ["k1", "k2"]}

        {"title": "Second Paper", "abstract": "Two.", "authors": "Cy Wu; Di Xu", "year": "2022", "keywords": "k3, k4", "booktitle": "ignored"}
        """);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.lines).containsExactly(1, 3);
    assertThat(sink.papers.get(0)).isEqualTo(new Paper("a1", "First", List.of("Ann Lee", "Bo Li"), 2021, "ACL",
        "https://x.org/1", "10.1/a", "One.", null, List.of("k1", "k2")));
    Paper second = sink.papers.get(1);
    assertThat(second.id()).isEqualTo("second-paper");
    assertThat(second.authors()).containsExactly("Cy Wu", "Di Xu");
    assertThat(second.year()).isEqualTo(2022);
    assertThat(second.keywords()).containsExactly("k3", "k4");
  }

  @Test
  void jsonl_abstract_in_chinese_goes_to_abstract_zh() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "csl.jsonl", """
        {"id": "csl-dev-0000", "split": "dev", "title": "一种飞行器控制器设计方法", "abstract": "采用修正的Rodrigues参数(MRP),建立了数学模型.", "keywords": ["平方和优化", "Lyapunov函数"], "discipline": "兵器科学与技术", "category": "工学"}
        """);
    assertThat(sink.rejections).isEmpty();
    Paper paper = sink.papers.get(0);
    assertThat(paper.id()).isEqualTo("csl-dev-0000");
    assertThat(paper.abstractEn()).isNull();
    assertThat(paper.abstractZh()).isEqualTo("采用修正的Rodrigues参数(MRP),建立了数学模型.");
    assertThat(paper.keywords()).containsExactly("平方和优化", "Lyapunov函数");
  }

  @Test
  void jsonl_beir_corpus_uses_underscore_id_and_text() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "corpus.jsonl", """
        {"_id": "4983", "title": "Microstructural development", "text": "Alterations of the architecture.", "metadata": {}}
        """);
    assertThat(sink.papers).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("4983");
      assertThat(p.abstractEn()).isEqualTo("Alterations of the architecture.");
    });
  }

  @Test
  void jsonl_bad_lines_are_rejected_with_line_numbers_and_reading_goes_on() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "papers.jsonl", """
        {"title": "Good one"}
        {"title": "Broken",
        [1, 2]
        "just a string"
        {"title": "T", "year": "abc"}
        {"title": "T", "authors": {"name": "x"}}
        {"id": "has space", "title": "T"}
        {"abstract": ""}
        {"title": "T", "title": "again"}
        {"title": "T"} {"title": "U"}
        {"title": "Good two"}
        """);
    assertThat(sink.papers).extracting(Paper::title).containsExactly("Good one", "Good two");
    assertThat(sink.lines).containsExactly(1, 11);
    assertThat(sink.rejections).extracting(Rejection::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(sink.rejectionTexts()).element(0).asString().startsWith("papers.jsonl:2: invalid JSON: ");
    assertThat(sink.rejectionTexts().subList(1, 7)).containsExactly(
        "papers.jsonl:3: line must be a JSON object, got array",
        "papers.jsonl:4: line must be a JSON object, got string",
        "papers.jsonl:5: year must be an integer between 1000 and 2100, got 'abc'",
        "papers.jsonl:6: authors must be a string or an array of strings, got object",
        "papers.jsonl:7: id must be 1 to 128 characters of ASCII letters, digits, '.', '_', '-' or ':', got 'has space'",
        "papers.jsonl:8: record has neither title nor abstract");
    assertThat(sink.rejections.get(7).reason()).isEqualTo("invalid JSON: Duplicate field 'title' (column 23)");
    assertThat(sink.rejections.get(8).reason()).startsWith("invalid JSON: Trailing token");
  }

  @Test
  void jsonl_invalid_utf8_rejects_only_the_affected_line() throws IOException {
    byte[] bad = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}', '\n'};
    Path file = dir.resolve("mixed.jsonl");
    try (var out = Files.newOutputStream(file)) {
      out.write("{\"title\": \"Before\"}\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.write(bad);
      out.write("{\"title\": \"After\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    CollectingSink sink = CollectingSink.read(file);
    assertThat(sink.papers).extracting(Paper::title).containsExactly("Before", "After");
    assertThat(sink.rejectionTexts()).containsExactly("mixed.jsonl:2: line is not valid UTF-8");
  }

  @Test
  void jsonl_leading_bom_is_skipped() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "bom.jsonl", "\uFEFF{\"title\": \"T\"}\n");
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).hasSize(1);
  }

  @Test
  void jsonl_streams_large_files_one_record_at_a_time() throws IOException {
    int count = 30_000;
    InputStream lines = new InputStream() {
      private int next;
      private byte[] current = new byte[0];
      private int at;

      @Override
      public int read() {
        if (at == current.length) {
          if (next == count) {
            return -1;
          }
          current = ("{\"id\": \"p" + next++ + "\", \"title\": \"Paper " + next + "\"}\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          at = 0;
        }
        return current[at++];
      }
    };
    int[] seen = {0};
    PaperReaders.jsonl().read(lines, Path.of("generated.jsonl"), new PaperSink() {
      @Override
      public void accept(Paper paper, int line) {
        assertThat(paper.id()).isEqualTo("p" + (line - 1));
        seen[0]++;
      }

      @Override
      public void reject(Rejection rejection) {
        throw new AssertionError(rejection.toString());
      }
    });
    assertThat(seen[0]).isEqualTo(count);
  }

  @Test
  void sink_io_exception_stops_the_read_and_reaches_the_caller() {
    PaperSink failing = new PaperSink() {
      @Override
      public void accept(Paper paper, int line) throws IOException {
        throw new IOException("index is full");
      }

      @Override
      public void reject(Rejection rejection) {}
    };
    var in = new ByteArrayInputStream("{\"title\": \"T\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PaperReaders.jsonl().read(in, Path.of("x.jsonl"), failing))
        .isInstanceOf(IOException.class)
        .hasMessage("index is full");
  }
}
