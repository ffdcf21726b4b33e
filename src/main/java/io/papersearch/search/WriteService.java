package io.papersearch.search;

import io.papersearch.index.GroupCommit;
import io.papersearch.index.Importer;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.ingest.InvalidRecordException;
import io.papersearch.ingest.Paper;
import io.papersearch.ingest.RecordMapper;
import io.papersearch.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * Writes through the API: upsert one paper, delete one, import an NDJSON stream.
 *
 * <p>Durability: a write returns only after a Lucene commit covering it (group commit, see {@link
 * GroupCommit}); an acknowledged write survives a crash and is already visible to searches.
 *
 * <p>Writes never starve searches: embedding is what costs, and writes may run at most {@code
 * writers} embeddings at once (one core fewer than the machine has, at least one), so a query's own
 * embedding always finds a free core. A bulk import takes every writer slot for its duration; single
 * writes queue behind it.
 *
 * <p>Thread-safe.
 */
public final class WriteService {

  /** What a single upsert did. */
  public record PutResult(String id, Indexer.Outcome outcome) {
    /** Whether the paper is new (HTTP 201 rather than 200). */
    public boolean created() {
      return outcome == Indexer.Outcome.ADDED;
    }

    /** added, updated or unchanged. */
    public String result() {
      return outcome.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a bulk import did, with every rejected line. */
  public record BulkResult(int added, int updated, int unchanged, List<Rejection> rejected, long tookMs) {}

  /** Formats a bulk body may come in; each is read by the reader of its file type. */
  public enum BulkFormat {
    NDJSON("request.ndjson"),
    BIBTEX("request.bib"),
    RIS("request.ris");

    /** The name rejections carry; its extension picks the reader. */
    final Path source;

    BulkFormat(String source) {
      this.source = Path.of(source);
    }
  }

  private final PaperIndex index;
  private final Indexer indexer;
  private final GroupCommit commits;
  private final int writers;
  private final Semaphore slots;

  /**
   * @param writers embeddings writes may run at once; the CLI passes cores - 1 (at least 1)
   */
  public WriteService(PaperIndex index, Indexer indexer, int writers) {
    this.index = Objects.requireNonNull(index, "index");
    this.indexer = Objects.requireNonNull(indexer, "indexer");
    if (writers < 1) {
      throw new IllegalArgumentException("writers must be >= 1, got " + writers);
    }
    this.writers = writers;
    this.slots = new Semaphore(writers, true);
    this.commits = new GroupCommit(index);
  }

  /** Writer slots for a machine with {@code cores} cores: one core stays free for searches. */
  public static int writersFor(int cores) {
    return Math.max(1, cores - 1);
  }

  /**
   * Adds or replaces paper {@code id} from a JSON record (the fields of a JSONL import line).
   *
   * @throws PapersearchException {@code invalid_paper_id}, or {@code invalid_paper} naming the field
   */
  public PutResult put(String id, Map<String, ?> record) {
    PaperIdCheck.check(id);
    Object bodyId = record.get("id");
    if (bodyId != null && !id.equals(String.valueOf(bodyId))) {
      throw new PapersearchException(ErrorCode.INVALID_PAPER,
          "body id '" + abbreviate(String.valueOf(bodyId)) + "' differs from the id in the path, '" + id + "'");
    }
    Map<String, Object> withId = new HashMap<>(record);
    withId.put("id", id);
    Paper paper;
    try {
      paper = RecordMapper.plain().map(withId);
    } catch (InvalidRecordException e) {
      throw new PapersearchException(ErrorCode.INVALID_PAPER, "paper " + id + ": " + e.getMessage(), e);
    }
    slots.acquireUninterruptibly();
    Indexer.Outcome outcome;
    try {
      outcome = indexer.index(paper);
    } catch (RuntimeException e) {
      throw indexFailure(e);
    } finally {
      slots.release();
    }
    // Even an unchanged paper waits: an identical write racing in from another request may not be
    // committed yet, and this answer must not acknowledge what a crash could still lose.
    awaitDurable();
    return new PutResult(id, outcome);
  }

  /**
   * Deletes paper {@code id}.
   *
   * @throws PapersearchException {@code paper_not_found} if there is no such paper
   */
  public void delete(String id) {
    PaperIdCheck.check(id);
    boolean existed;
    try {
      existed = index.delete(id);
    } catch (RuntimeException e) {
      throw indexFailure(e);
    }
    if (!existed) {
      throw new PapersearchException(ErrorCode.PAPER_NOT_FOUND, "paper '" + id + "' not found");
    }
    awaitDurable();
  }

  private void awaitDurable() {
    try {
      commits.awaitDurable();
    } catch (RuntimeException e) {
      throw indexFailure(e);
    }
  }

  /**
   * {@code index_write_failed} for a failure of the index itself (a full disk, a folder that stopped
   * being writable) in a single write: nothing of it was acknowledged, and the index keeps its last
   * commit. The message gives the operating system's reason but never a path. Anything else is
   * rethrown.
   */
  private static RuntimeException indexFailure(RuntimeException e) {
    PapersearchException failed = e instanceof PapersearchException ? null : indexWriteFailed(e, SINGLE_WRITE_LOST);
    return failed != null ? failed : e;
  }

  private static final String SINGLE_WRITE_LOST = "nothing from this request was saved, and the index keeps what it held";
  private static final String BULK_PART_KEPT = "papers committed before the failure stay indexed, and sending the body again "
      + "skips them without embedding";

  /** {@code index_write_failed} if {@code e} or a cause of it is the index failing, else null. */
  private static PapersearchException indexWriteFailed(Throwable e, String whatSurvived) {
    boolean fromIndex = false;
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      fromIndex |= t instanceof UncheckedIOException || t instanceof org.apache.lucene.store.AlreadyClosedException;
      root = t;
    }
    if (!fromIndex) {
      return null;
    }
    return new PapersearchException(ErrorCode.INDEX_WRITE_FAILED,
        "the index could not be written (" + reason(root) + "); " + whatSurvived + "; retry once the server's disk has room", e);
  }

  private static String reason(Throwable root) {
    if (root instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (root instanceof java.nio.file.FileSystemException fs) {
      return fs.getReason() != null ? fs.getReason() : "file system error";
    }
    String m = root.getMessage();
    return m != null && !m.isBlank() && m.length() <= 200 && !m.contains("/") && !m.contains("\\") ? m : "I/O error";
  }

  /**
   * Imports papers (NDJSON, BibTeX or RIS) as they stream in; a bad record is reported with its
   * line number and skipped, never stopping the import. Everything reported as added or updated is committed on return.
   *
   * @param maxBytes the body may not be longer; reading stops there with {@code payload_too_large}
   *     (papers read before that point stay indexed and committed, as the message says)
   */
  public BulkResult bulk(InputStream body, BulkFormat format, long maxBytes) {
    long start = System.nanoTime();
    slots.acquireUninterruptibly(writers);
    try {
      Importer importer = new Importer(index, indexer, writers);
      Importer.Summary s = importer.importStream(new Limited(body, maxBytes), format.source, soFar -> {});
      return new BulkResult(s.added(), s.updated(), s.unchanged(), s.rejections(), (System.nanoTime() - start) / 1_000_000);
    } catch (TooLarge e) {
      throw new PapersearchException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), e);
    } catch (IOException e) {
      if (e.getCause() instanceof TooLarge t) {
        throw new PapersearchException(ErrorCode.PAYLOAD_TOO_LARGE, t.getMessage(), e);
      }
      // The import stops on the index's failure with an IOException that carries it.
      PapersearchException failed = indexWriteFailed(e, BULK_PART_KEPT);
      throw failed != null ? failed : new UncheckedIOException("bulk import failed", e);
    } catch (RuntimeException e) {
      PapersearchException failed = e instanceof PapersearchException ? null : indexWriteFailed(e, BULK_PART_KEPT);
      throw failed != null ? failed : e;
    } finally {
      slots.release(writers);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }

  /** A body longer than allowed. */
  private static final class TooLarge extends IOException {
    TooLarge(long maxBytes) {
      super("bulk body must be at most " + maxBytes + " bytes; reading stopped there. Papers read before that were indexed "
          + "and committed; sending them again is safe (unchanged papers are skipped without embedding)");
    }
  }

  /** Counts bytes as they are read and refuses to go past the limit. */
  private static final class Limited extends java.io.FilterInputStream {
    private final long max;
    private long read;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > max) {
        throw new TooLarge(max);
      }
    }
  }
}
