package io.papersearch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads paper records from one file format and streams them to a {@link PaperSink}.
 *
 * <p>Readers hold no memory of the file: each record is mapped and handed to the sink before the
 * next one is read, so a file of any length is read in constant memory. Input must be UTF-8 (a
 * leading BOM is skipped); a line that is not valid UTF-8 rejects its record.
 *
 * <p>Implementations are stateless and thread-safe: one instance may read many files at once.
 * Get them from {@link PaperReaders}.
 */
public interface PaperReader {

  /**
   * Reads every record of a stream. Does not close the stream.
   *
   * @param in UTF-8 bytes
   * @param source the name used in rejections and error messages (the file, or an upload's name)
   * @param sink receives papers and rejections in file order
   * @throws IOException when the stream cannot be read or the file cannot be read on (for example
   *     a CSV header that names a column twice); the message names {@code source}
   */
  void read(InputStream in, Path source, PaperSink sink) throws IOException;

  /**
   * Reads every record of a file.
   *
   * @throws IOException when the file cannot be opened or read on; the message names the file
   */
  default void read(Path file, PaperSink sink) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      read(in, file, sink);
    }
  }
}
