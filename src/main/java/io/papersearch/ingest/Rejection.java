package io.papersearch.ingest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A record that could not be turned into a {@link Paper}, with where it is and why. Immutable.
 *
 * @param file the file the record was read from
 * @param line the 1-based line where the record starts
 * @param reason what is wrong, naming the offending value
 */
public record Rejection(Path file, int line, String reason) {

  public Rejection {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
    if (line < 1) {
      throw new IllegalArgumentException("line must be at least 1, got " + line);
    }
  }

  /** Compiler-style {@code papers.jsonl:17: reason}, with the file's name only. */
  @Override
  public String toString() {
    Path name = file.getFileName();
    return (name == null ? file : name) + ":" + line + ": " + reason;
  }
}
