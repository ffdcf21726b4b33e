package io.papersearch.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.papersearch.testing.FakeEmbedder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
  @TempDir Path dir;
  final FakeEmbedder model = new FakeEmbedder("fake-en", "en");

  @Test
  void a_cached_text_is_not_embedded_again_even_after_reopening() {
    try (CachedEmbedder e = new CachedEmbedder(model, EmbeddingCache.open(dir, model.spec()))) {
      float[] first = e.embed("image segmentation", Role.PASSAGE);
      assertThat(e.embed("image segmentation", Role.PASSAGE)).containsExactly(first);
      assertThat(model.calls.get()).isEqualTo(1);
      e.embed("image segmentation", Role.QUERY); // another role is another text
      assertThat(model.calls.get()).isEqualTo(2);
    }
    FakeEmbedder fresh = new FakeEmbedder("fake-en", "en");
    try (CachedEmbedder e = new CachedEmbedder(fresh, EmbeddingCache.open(dir, fresh.spec()))) {
      e.embed("image segmentation", Role.PASSAGE);
      e.embed("image segmentation", Role.QUERY);
      assertThat(fresh.calls.get()).isZero();
    }
  }

  @Test
  void a_torn_last_record_is_dropped_and_the_rest_kept() throws Exception {
    try (EmbeddingCache c = EmbeddingCache.open(dir, model.spec())) {
      c.put("a", Role.PASSAGE, new float[] {1, 0, 0, 0});
      c.put("b", Role.PASSAGE, new float[] {0, 1, 0, 0});
    }
    Path file = dir.resolve("fake-en.vectors");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(Files.size(file) - 5); // a crash in the middle of writing "b"
    }
    try (EmbeddingCache c = EmbeddingCache.open(dir, model.spec())) {
      assertThat(c.size()).isEqualTo(1);
      assertThat(c.get("a", Role.PASSAGE)).containsExactly(1, 0, 0, 0);
      assertThat(c.get("b", Role.PASSAGE)).isNull();
      c.put("c", Role.PASSAGE, new float[] {0, 0, 1, 0});
    }
    try (EmbeddingCache c = EmbeddingCache.open(dir, model.spec())) {
      assertThat(c.get("c", Role.PASSAGE)).containsExactly(0, 0, 1, 0);
    }
  }

  @Test
  void a_cache_of_another_dimension_is_refused_by_name() {
    EmbeddingCache.open(dir, model.spec()).close();
    ModelSpec other = new ModelSpec("fake-en", "en", dir, "x.onnx", "t.json", 8, ModelSpec.Pooling.CLS, true, 512, "", "");
    assertThatThrownBy(() -> EmbeddingCache.open(dir, other))
        .hasMessageContaining("fake-en.vectors does not belong to this model")
        .hasMessageContaining("papersearch-vectors 1 fake-en 8");
  }

  @Test
  void vectors_of_the_wrong_dimension_are_refused() {
    try (EmbeddingCache c = EmbeddingCache.open(dir, model.spec())) {
      assertThatThrownBy(() -> c.put("a", Role.PASSAGE, new float[3])).hasMessage("vector must have 4 dimensions, got 3");
    }
  }

  @Test
  void a_second_opener_reads_but_never_writes_the_file() throws Exception {
    try (EmbeddingCache writer = EmbeddingCache.open(dir, model.spec())) {
      writer.put("a", Role.PASSAGE, new float[] {1, 0, 0, 0});
      try (EmbeddingCache reader = EmbeddingCache.open(dir, model.spec())) {
        assertThat(reader.get("a", Role.PASSAGE)).containsExactly(1, 0, 0, 0);
        reader.put("b", Role.PASSAGE, new float[] {0, 1, 0, 0});
        assertThat(reader.get("b", Role.PASSAGE)).containsExactly(0, 1, 0, 0); // kept in memory
      }
      writer.put("c", Role.PASSAGE, new float[] {0, 0, 1, 0});
    }
    try (EmbeddingCache c = EmbeddingCache.open(dir, model.spec())) {
      assertThat(c.size()).isEqualTo(2);
      assertThat(c.get("b", Role.PASSAGE)).isNull();
      assertThat(c.get("c", Role.PASSAGE)).containsExactly(0, 0, 1, 0);
    }
  }
}
