package io.papersearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.papersearch.embed.Embedders;
import io.papersearch.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorStorageTest {
  @TempDir Path dir;
  final Embedders embedders = Fixtures.fakeEmbedders();

  @Test
  void parse_accepts_the_wire_names_and_names_them_when_it_refuses() {
    assertThat(VectorStorage.parse("int8")).isEqualTo(VectorStorage.INT8);
    assertThat(VectorStorage.parse("FLOAT32")).isEqualTo(VectorStorage.FLOAT32);
    assertThatThrownBy(() -> VectorStorage.parse("int2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector storage must be one of float32, int8, int4, got 'int2'");
  }

  @Test
  void a_new_index_records_its_storage_and_keeps_it_when_reopened_without_one() {
    Fixtures.indexedCorpus(dir, embedders, VectorStorage.INT8).close();
    try (PaperIndex again = PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders))) {
      assertThat(again.vectorStorage()).isEqualTo(VectorStorage.INT8);
    }
    try (PaperIndex readOnly = PaperIndex.openReadOnly(dir, Indexer.schemaOf(embedders))) {
      assertThat(readOnly.vectorStorage()).isEqualTo(VectorStorage.INT8);
      assertThat(readOnly.count()).isEqualTo(Fixtures.corpus().size());
    }
  }

  @Test
  void an_existing_index_refuses_another_storage_and_stays_intact() {
    Fixtures.indexedCorpus(dir, embedders, null).close();
    assertThatThrownBy(() -> PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders), VectorStorage.INT4, 16))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessage("index " + dir + " stores float32 vectors, not int4; vector storage is chosen when an index is created: index into a new folder");
    try (PaperIndex readOnly = PaperIndex.openReadOnly(dir, Indexer.schemaOf(embedders))) {
      assertThat(readOnly.vectorStorage()).isEqualTo(VectorStorage.FLOAT32);
      assertThat(readOnly.count()).isEqualTo(Fixtures.corpus().size());
    }
  }

  @Test
  void ram_buffer_must_be_positive() {
    assertThatThrownBy(() -> PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders), null, 0))
        .hasMessage("ramBufferMb must be >= 1, got 0");
  }

  @Test
  void a_parallel_graph_builder_needs_two_workers() {
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      assertThat(VectorStorage.INT8.format(2, pool).getName()).isEqualTo(VectorStorage.INT8.format().getName());
      assertThatThrownBy(() -> VectorStorage.FLOAT32.format(1, pool))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("workers must be >= 2, got 1");
    }
  }
}
