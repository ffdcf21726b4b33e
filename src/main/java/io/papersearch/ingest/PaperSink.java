package io.papersearch.ingest;

import java.io.IOException;

/**
 * Receives what a {@link PaperReader} reads, one record at a time, in file order.
 *
 * <p>Readers call the sink from the thread that called {@link PaperReader#read}, so a sink needs no
 * synchronisation unless it shares state with other threads itself. An {@link IOException} thrown
 * by the sink (an index that cannot be written, say) stops the read and reaches the caller.
 */
public interface PaperSink {

  /**
   * Takes a paper that passed every check.
   *
   * @param paper the paper, normalised
   * @param line the 1-based line where its record starts
   */
  void accept(Paper paper, int line) throws IOException;

  /** Takes a record that was skipped; the reader goes on with the next one. */
  void reject(Rejection rejection) throws IOException;
}
