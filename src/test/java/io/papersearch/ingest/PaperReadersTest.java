package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperReadersTest {

  @Test
  void reader_is_chosen_by_extension_ignoring_case() {
    assertThat(PaperReaders.forFile(Path.of("a.md"))).isSameAs(PaperReaders.markdown());
    assertThat(PaperReaders.forFile(Path.of("a.MARKDOWN"))).isSameAs(PaperReaders.markdown());
    assertThat(PaperReaders.forFile(Path.of("dir/a.jsonl"))).isSameAs(PaperReaders.jsonl());
    assertThat(PaperReaders.forFile(Path.of("a.NDJSON"))).isSameAs(PaperReaders.jsonl());
    assertThat(PaperReaders.forFile(Path.of("a.csv"))).isSameAs(PaperReaders.csv());
    assertThat(PaperReaders.forFile(Path.of("a.tsv"))).isSameAs(PaperReaders.tsv());
    assertThat(PaperReaders.forFile(Path.of("refs.bib"))).isSameAs(PaperReaders.bibtex());
    assertThat(PaperReaders.forFile(Path.of("refs.BIB"))).isSameAs(PaperReaders.bibtex());
    assertThat(PaperReaders.forFile(Path.of("refs.ris"))).isSameAs(PaperReaders.ris());
  }

  @Test
  void unknown_extension_is_refused_naming_the_file() {
    assertThatThrownBy(() -> PaperReaders.forFile(Path.of("notes.txt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot tell the format of 'notes.txt' from its extension;"
            + " expected .md, .markdown, .jsonl, .ndjson, .csv, .tsv, .bib or .ris");
    assertThatThrownBy(() -> PaperReaders.forFile(Path.of("README")))
        .hasMessageStartingWith("cannot tell the format of 'README'");
  }

  @Test
  void missing_file_fails_with_an_exception_naming_it(@TempDir Path dir) {
    Path missing = dir.resolve("missing.jsonl");
    assertThatThrownBy(() -> CollectingSink.read(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.jsonl");
  }

  @Test
  void rejection_prints_like_a_compiler_message() {
    assertThat(new Rejection(Path.of("data", "papers.jsonl"), 17, "year must be ...").toString())
        .isEqualTo("papers.jsonl:17: year must be ...");
    assertThatThrownBy(() -> new Rejection(Path.of("x"), 0, "r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line must be at least 1, got 0");
  }
}
