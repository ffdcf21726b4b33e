package io.papersearch.index;

import io.papersearch.ingest.Paper;
import io.papersearch.ingest.PaperReader;
import io.papersearch.ingest.PaperReaders;
import io.papersearch.ingest.PaperSink;
import io.papersearch.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Imports files into the index: read, normalise, embed what is new, upsert, commit.
 *
 * <p>The calling thread reads records; {@code workers} threads index them, so that several
 * embeddings run at once (one ONNX Runtime predictor each) while reading, normalising and Lucene
 * work overlap them. Records with the same id are indexed in file order (a later one waits for an
 * earlier one in flight), so the last record of an id wins, as with a sequential import.
 *
 * <p>Commits every {@link #COMMIT_EVERY} papers or {@link #COMMIT_INTERVAL_NANOS}, and at the end, so an interrupted import keeps
 * what it committed, and re-running it skips those papers without embedding them again. A rejected
 * record is counted and reported; it never stops the import or touches what is indexed.
 *
 * <p>Not thread-safe: one import at a time per instance.
 */
public final class Importer {

  /** Papers between two commits: a crash loses at most this many papers' embedding work... */
  public static final int COMMIT_EVERY = 200;

  /** ...or this much time of it, whichever comes first (a slow model makes 200 papers take long). */
  public static final long COMMIT_INTERVAL_NANOS = 5_000_000_000L;

  /** Told about each record as the import goes; called from one thread at a time. */
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
  private final int workers;

  // Guarded by "this".
  private int added;
  private int updated;
  private int unchanged;
  private int sinceCommit;
  private long lastCommitNanos = System.nanoTime();
  private final List<Rejection> rejections = new ArrayList<>();
  private final Set<String> inFlight = new HashSet<>();
  private Throwable failure;

  public Importer(PaperIndex index, Indexer indexer) {
    this(index, indexer, 1);
  }

  /**
   * @param workers papers indexed at once; match the embedders' predictor count
   */
  public Importer(PaperIndex index, Indexer indexer, int workers) {
    this.index = Objects.requireNonNull(index, "index");
    this.indexer = Objects.requireNonNull(indexer, "indexer");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    this.workers = workers;
  }

  /** Imports one file, its format chosen by extension. */
  public Summary importFile(Path file, Listener listener) throws IOException {
    return run(PaperReaders.forFile(file), (reader, sink) -> reader.read(file, sink), listener);
  }

  /** Imports a stream (a bundled resource, an upload) read as {@code nameForMessages}' file type. */
  public Summary importStream(InputStream in, Path nameForMessages, Listener listener) throws IOException {
    return run(PaperReaders.forFile(nameForMessages), (reader, sink) -> reader.read(in, nameForMessages, sink), listener);
  }

  /** Imports papers already in memory (built by a test collection, say), in list order. */
  public Summary importPapers(List<Paper> papers, Listener listener) throws IOException {
    return run(null, (reader, sink) -> {
      for (int i = 0; i < papers.size(); i++) {
        sink.accept(papers.get(i), i + 1);
      }
    }, listener);
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

  /** Totals over every file imported by this instance. */
  public synchronized Summary summary() {
    return new Summary(added, updated, unchanged, List.copyOf(rejections));
  }

  private interface ReadAction {
    void read(PaperReader reader, PaperSink sink) throws IOException;
  }

  private Summary run(PaperReader reader, ReadAction action, Listener listener) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "papersearch-import");
      t.setDaemon(true);
      return t;
    });
    // Bounds the papers read ahead of the workers (memory stays flat on any file size).
    Semaphore slots = new Semaphore(workers * 2);
    try {
      action.read(reader, new Sink(pool, slots, listener));
      slots.acquireUninterruptibly(workers * 2); // wait for every paper in flight
      slots.release(workers * 2);
    } finally {
      pool.shutdownNow();
      // Whatever happened, what was indexed so far becomes durable.
      index.commit();
      synchronized (this) {
        sinceCommit = 0;
        lastCommitNanos = System.nanoTime();
      }
    }
    synchronized (this) {
      if (failure != null) {
        Throwable f = failure;
        failure = null;
        if (f instanceof RuntimeException e) {
          throw e;
        }
        throw new IllegalStateException("indexing failed: " + f.getMessage(), f);
      }
    }
    return summary();
  }

  private final class Sink implements PaperSink {
    private final ExecutorService pool;
    private final Semaphore slots;
    private final Listener listener;

    Sink(ExecutorService pool, Semaphore slots, Listener listener) {
      this.pool = pool;
      this.slots = slots;
      this.listener = listener;
    }

    @Override
    public void accept(Paper paper, int line) throws IOException {
      try {
        slots.acquire();
        synchronized (Importer.this) {
          while (inFlight.contains(paper.id()) && failure == null) {
            Importer.this.wait();
          }
          if (failure != null) {
            slots.release();
            throw new IOException("import stopped: " + failure.getMessage(), failure);
          }
          inFlight.add(paper.id());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("import interrupted");
      }
      pool.execute(() -> indexOne(paper, slots, listener));
    }

    @Override
    public void reject(Rejection rejection) {
      synchronized (Importer.this) {
        rejections.add(rejection);
        listener.onRecord(summary());
      }
    }
  }

  private void indexOne(Paper paper, Semaphore slots, Listener listener) {
    try {
      Indexer.Outcome outcome = indexer.index(paper);
      boolean commit;
      synchronized (this) {
        switch (outcome) {
          case ADDED -> added++;
          case UPDATED -> updated++;
          case UNCHANGED -> unchanged++;
        }
        long now = System.nanoTime();
        commit = ++sinceCommit >= COMMIT_EVERY || now - lastCommitNanos >= COMMIT_INTERVAL_NANOS;
        if (commit) {
          sinceCommit = 0;
          lastCommitNanos = now;
        }
        listener.onRecord(summary());
      }
      if (commit) {
        index.commit(); // Lucene commits while other workers keep writing
      }
    } catch (Throwable t) {
      synchronized (this) {
        if (failure == null) {
          failure = t;
        }
      }
    } finally {
      synchronized (this) {
        inFlight.remove(paper.id());
        notifyAll();
      }
      slots.release();
    }
  }
}
