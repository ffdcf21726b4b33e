package io.papersearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.papersearch.embed.Embedders;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeriodicCommitTest {
  @TempDir Path dir;

  /** Papers another process would see: only committed ones. */
  int committed(Embedders embedders) {
    try (PaperIndex reader = PaperIndex.openReadOnly(dir, Indexer.schemaOf(embedders))) {
      return reader.count();
    }
  }

  @Test
  void writes_become_durable_within_the_interval_and_idle_ticks_commit_nothing() throws Exception {
    Embedders embedders = Fixtures.fakeEmbedders();
    try (PaperIndex index = PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders))) {
      Indexer indexer = new Indexer(index, embedders);
      assertThat(index.commitIfChanged()).as("a fresh index has nothing to commit").isFalse();
      try (PeriodicCommit commits = new PeriodicCommit(index, Duration.ofMillis(100))) {
        indexer.index(Fixtures.corpus().get(0));
        indexer.index(Fixtures.corpus().get(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (committed(embedders) < 2 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(committed(embedders)).isEqualTo(2);
      }
      assertThat(index.commitIfChanged()).as("nothing written since the periodic commit").isFalse();
      indexer.index(Fixtures.corpus().get(2));
      assertThat(index.commitIfChanged()).isTrue();
      assertThat(committed(embedders)).isEqualTo(3);
    }
  }
}
