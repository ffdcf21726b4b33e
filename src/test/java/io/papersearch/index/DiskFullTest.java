package io.papersearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.papersearch.embed.Embedders;
import io.papersearch.ingest.Paper;
import io.papersearch.testing.Fixtures;
import java.nio.file.Path;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fills up between commits: the write fails clearly and the last commit survives. */
class DiskFullTest {
  @TempDir Path dir;

  @Test
  void a_full_disk_fails_the_write_by_name_keeps_the_last_commit_and_writes_resume_once_there_is_space() throws Exception {
    Embedders e = Fixtures.fakeEmbedders();
    IndexSchema schema = Indexer.schemaOf(e);
    FillingDirectory.Opened opened = FillingDirectory.open(dir, schema);
    FillingDirectory disk = opened.disk();
    try (PaperIndex index = opened.index()) {
      Indexer indexer = new Indexer(index, e);
      Fixtures.corpus().forEach(indexer::index);
      index.commit();
      int committed = index.count();

      // The disk fills while a paper is written (Lucene streams stored fields to disk) ...
      disk.full.set(true);
      Paper late = Fixtures.paper("late", "Written when the disk was full", 2024, "Never acknowledged.", null);
      assertThatThrownBy(() -> indexer.index(late))
          .hasMessage("cannot write paper late to " + dir + ": No space left on device").hasRootCauseMessage("No space left on device");
      assertThat(index.count()).as("searches go on from the last commit").isEqualTo(committed);

      // ... or between a write and its commit.
      disk.full.set(false);
      Paper later = Fixtures.paper("later", "Committed when the disk was full", 2024, "Never acknowledged either.", null);
      indexer.index(later); // the writer Lucene closed is reopened on the last commit
      disk.full.set(true);
      assertThatThrownBy(index::commit).hasMessage("cannot commit index " + dir + ": No space left on device").hasRootCauseMessage("No space left on device");
      assertThat(index.count()).isEqualTo(committed);
      assertThat(index.get("later")).as("an unacknowledged write is not visible").isEmpty();
      assertThat(index.get("p1")).isPresent();

      // Space again: writes resume in the same process.
      disk.full.set(false);
      indexer.index(later);
      index.commit();
      assertThat(index.get("later")).isPresent();
      assertThat(index.count()).isEqualTo(committed + 1);
    }
    try (Directory d = FSDirectory.open(dir); CheckIndex check = new CheckIndex(d)) {
      check.setInfoStream(null);
      assertThat(check.checkIndex().clean).isTrue();
    }
    try (PaperIndex reopened = PaperIndex.openForWriting(dir, schema)) {
      assertThat(reopened.count()).isEqualTo(Fixtures.corpus().size() + 1);
      assertThat(reopened.get("late")).isEmpty();
      assertThat(reopened.get("later")).isPresent();
    }
  }
}
