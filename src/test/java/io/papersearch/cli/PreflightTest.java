package io.papersearch.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
  @TempDir Path dir;

  @Test
  void a_missing_index_folder_is_fine_when_it_can_be_created() {
    assertThatCode(() -> Preflight.indexFolder(dir.resolve("a/b/index"), "index: default")).doesNotThrowAnyException();
    assertThatCode(() -> Preflight.indexFolder(dir, "index: default")).doesNotThrowAnyException();
  }

  @Test
  void an_index_folder_under_a_file_cannot_be_created() throws Exception {
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    assertThatThrownBy(() -> Preflight.indexFolder(file.resolve("index"), "index from PAPERSEARCH_INDEX"))
        .hasMessage("cannot create index folder " + file.resolve("index") + ": " + file + " is a file (index from PAPERSEARCH_INDEX)");
  }

  @Test
  void an_unknown_host_is_named() {
    assertThatThrownBy(() -> Preflight.port("no-such-host.invalid", 7070))
        .hasMessage("cannot listen on no-such-host.invalid:7070: unknown host 'no-such-host.invalid'");
  }
}
