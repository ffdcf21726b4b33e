package io.papersearch.index;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Durability for acknowledged writes without a commit per write: a writer calls {@link
 * #awaitDurable()} after its write reached the {@code IndexWriter}, and returns once a Lucene commit
 * that started after that call has completed (then the write is fsync'ed and visible to searches).
 *
 * <p>Leader-based group commit, as databases do with their logs: whichever waiting writer takes the
 * commit lock commits on behalf of every writer that arrived before the commit started; the others
 * find their write already covered and return without committing. Under concurrent writes one
 * commit (tens of milliseconds of fsync) serves many requests; a lone write pays for one commit.
 *
 * <p>Thread-safe. Searches never wait for it: Lucene commits do not block searchers.
 */
public final class GroupCommit {
  private final PaperIndex index;
  private final ReentrantLock commitLock = new ReentrantLock();
  private final Object tickets = new Object();
  private long issued; // guarded by tickets
  private volatile long durable; // written under commitLock

  public GroupCommit(PaperIndex index) {
    this.index = index;
  }

  /**
   * Blocks until every write made by the calling thread before this call is committed.
   *
   * @throws java.io.UncheckedIOException if the commit fails; the write is then not acknowledged
   */
  public void awaitDurable() {
    long ticket;
    synchronized (tickets) {
      ticket = ++issued;
    }
    commitLock.lock();
    try {
      if (durable >= ticket) {
        return; // a commit that started after our write already covered it
      }
      long covered;
      synchronized (tickets) {
        covered = issued; // every ticket issued so far belongs to a write already in the IndexWriter
      }
      index.commit();
      durable = covered;
    } finally {
      commitLock.unlock();
    }
  }

  /** Commits made so far on behalf of writers (for tests and metrics): the highest ticket covered. */
  long durableTicket() {
    return durable;
  }
}
