package io.papersearch.ingest;

/**
 * A record that cannot become a {@link Paper}. The message says what is wrong and names the value,
 * ready to be shown to the person who wrote the file.
 */
public final class InvalidRecordException extends Exception {

  public InvalidRecordException(String message) {
    super(message);
  }

  public InvalidRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
