package io.papersearch.index;

import io.papersearch.ingest.Paper;
import io.papersearch.ingest.PaperReader;
import io.papersearch.ingest.PaperReaders;
import io.papersearch.ingest.PaperSink;
import io.papersearch.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Imports files into the index: read, normalise, embed what is new, upsert, commit.
 *
 * <p>Commits every {@link #COMMIT_EVERY} papers and at the end, so an interrupted import keeps
 * what it committed, and re-running it skips those papers without embedding them again. A rejected
 * record is counted and reported; it never stops the import or touches what is indexed.
 *
 * <p>Not thread-safe: one import at a time per instance.
 */
public final class Importer {

  /** Papers between two commits: a crash loses at most this many papers' embedding work. */
  public static final int COMMIT_EVERY = 200;

  /** Told about each record as the import goes. */
  public interface Listener {
    void onRecord(Summary soFar);
  }

  /** Counts of one import, with every rejection. */
  public record Summary(int added, int updated, int unchanged, List<Rejection> rejections) {
    public int papers() {
      return added + updated + unchanged;
    }

    public int records() {
      return papers() + rejections.size();
    }
  }

  private final PaperIndex index;
  private final Indexer indexer;

  private int added;
  private int updated;
  private int unchanged;
  private final List<Rejection> rejections = new ArrayList<>();
  private int sinceCommit;

  public Importer(PaperIndex index, Indexer indexer) {
    this.index = Objects.requireNonNull(index, "index");
    this.indexer = Objects.requireNonNull(indexer, "indexer");
  }

  /** Imports one file, its format chosen by extension. */
  public Summary importFile(Path file, Listener listener) throws IOException {
    return run(PaperReaders.forFile(file), reader -> reader.read(file, sink(listener)));
  }

  /** Imports a stream (a bundled resource, an upload) read as {@code format}'s file type. */
  public Summary importStream(InputStream in, Path nameForMessages, Listener listener) throws IOException {
    PaperReader reader = PaperReaders.forFile(nameForMessages);
    return run(reader, r -> r.read(in, nameForMessages, sink(listener)));
  }

  /** Counts the records of a file without indexing them: the total behind a progress bar. */
  public static int countRecords(Path file) throws IOException {
    int[] n = {0};
    PaperReaders.forFile(file)
        .read(
            file,
            new PaperSink() {
              @Override
              public void accept(Paper paper, int line) {
                n[0]++;
              }

              @Override
              public void reject(Rejection rejection) {
                n[0]++;
              }
            });
    return n[0];
  }

  private interface ReadAction {
    void read(PaperReader reader) throws IOException;
  }

  private Summary run(PaperReader reader, ReadAction action) throws IOException {
    try {
      action.read(reader);
    } finally {
      // Whatever happened, what was indexed so far becomes durable.
      index.commit();
      sinceCommit = 0;
    }
    return summary();
  }

  /** Totals over every file imported by this instance. */
  public Summary summary() {
    return new Summary(added, updated, unchanged, List.copyOf(rejections));
  }

  private PaperSink sink(Listener listener) {
    return new PaperSink() {
      @Override
      public void accept(Paper paper, int line) {
        switch (indexer.index(paper)) {
          case ADDED -> added++;
          case UPDATED -> updated++;
          case UNCHANGED -> unchanged++;
        }
        if (++sinceCommit >= COMMIT_EVERY) {
          index.commit();
          sinceCommit = 0;
        }
        listener.onRecord(summary());
      }

      @Override
      public void reject(Rejection rejection) {
        rejections.add(rejection);
        listener.onRecord(summary());
      }
    };
  }
}
