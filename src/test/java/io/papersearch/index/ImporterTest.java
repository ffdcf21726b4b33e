package io.papersearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.papersearch.embed.Embedders;
import io.papersearch.embed.ModelSpec;
import io.papersearch.embed.Role;
import io.papersearch.embed.TextEmbedder;
import io.papersearch.testing.FakeEmbedder;
import io.papersearch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
  @TempDir Path dir;

  @Test
  void parallel_workers_keep_file_order_for_repeated_ids() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      jsonl.append("{\"id\":\"p").append(i % 10).append("\",\"title\":\"Version ").append(i).append(" of segmentation\"}\n");
    }
    jsonl.append("not json\n");
    Path file = dir.resolve("papers.jsonl");
    Files.writeString(file, jsonl);
    Embedders e = Fixtures.fakeEmbedders();
    try (PaperIndex index = PaperIndex.openForWriting(dir.resolve("index"), Indexer.schemaOf(e))) {
      List<Importer.Summary> seen = new ArrayList<>();
      Importer.Summary s = new Importer(index, new Indexer(index, e), 4).importFile(file, seen::add);
      assertThat(s.added()).isEqualTo(10);
      assertThat(s.updated()).isEqualTo(40);
      assertThat(s.rejections()).hasSize(1);
      assertThat(s.rejections().get(0).line()).isEqualTo(51);
      assertThat(seen).hasSize(51);
      assertThat(index.count()).isEqualTo(10);
      for (int id = 0; id < 10; id++) {
        // The last record of each id (i = 40 + id) wins.
        assertThat(index.get("p" + id).orElseThrow().paper().title()).isEqualTo("Version " + (40 + id) + " of segmentation");
      }
    }
  }

  @Test
  void a_failing_model_stops_the_import_and_keeps_what_was_committed() throws Exception {
    Path file = dir.resolve("papers.jsonl");
    Files.writeString(file, "{\"id\":\"ok\",\"title\":\"fine\"}\n{\"id\":\"boom\",\"title\":\"explode\"}\n{\"id\":\"later\",\"title\":\"never\"}\n");
    TextEmbedder failing = new TextEmbedder() {
      final FakeEmbedder inner = new FakeEmbedder("fake-en", "en");

      @Override
      public ModelSpec spec() {
        return inner.spec();
      }

      @Override
      public float[] embed(String text, Role role) {
        if (text.contains("explode")) {
          throw new IllegalStateException("model failed on purpose");
        }
        return inner.embed(text, role);
      }

      @Override
      public int countTokens(String text, Role role) {
        return 1;
      }

      @Override
      public void close() {}
    };
    Embedders e = new Embedders(failing, new FakeEmbedder("fake-zh", "zh"));
    try (PaperIndex index = PaperIndex.openForWriting(dir.resolve("index"), Indexer.schemaOf(e))) {
      assertThatThrownBy(() -> new Importer(index, new Indexer(index, e), 1).importFile(file, s -> {}))
          .hasMessageContaining("model failed on purpose");
      assertThat(index.get("ok")).isPresent();
      assertThat(index.get("boom")).isEmpty();
    }
  }
}
