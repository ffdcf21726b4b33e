package io.papersearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.papersearch.embed.Embedders;
import io.papersearch.ingest.Lang;
import io.papersearch.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void every_write_acknowledged_by_any_thread_is_in_the_last_commit() throws Exception {
    Embedders embedders = Fixtures.fakeEmbedders();
    try (PaperIndex index = PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders))) {
      GroupCommit commits = new GroupCommit(index);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int n = i;
        done.add(pool.submit(() -> {
          index.upsert(Fixtures.paper("w" + n, "Paper " + n, 2020, "Text " + n, null), Map.of(Lang.EN, new float[] {1, 0, 0, 0}), Map.of());
          commits.awaitDurable();
          // Acknowledged: another reader of the folder (which only sees commits) must find it now.
          try (PaperIndex reader = PaperIndex.openReadOnly(dir, Indexer.schemaOf(embedders))) {
            assertThat(reader.get("w" + n)).as("w" + n).isPresent();
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(commits.durableTicket()).isEqualTo(64);
    }
  }
}
