package io.papersearch.cli;

import io.papersearch.index.PaperIndex;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a served index every {@code commitInterval} when something was written since the last
 * commit, so a crash loses at most that interval of writes while a burst of writes pays for one
 * Lucene commit (an fsync of every new file), not one each. Idle ticks cost nothing.
 *
 * <p>Thread-safe; {@link #close()} stops the ticks (closing the index commits what is left).
 */
final class PeriodicCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicCommit.class);

  private final ScheduledExecutorService timer;

  PeriodicCommit(PaperIndex index, Duration interval) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "papersearch-commit");
      t.setDaemon(true); // never what keeps the JVM alive
      return t;
    });
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        index.commitIfChanged();
      } catch (RuntimeException e) {
        // Caught so the schedule survives (an escaping exception would cancel it); the next tick retries.
        LOG.error("periodic commit of {} failed", index.path(), e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("periodic commit still running after 30 s; closing the index commits anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
