package io.papersearch.embed;

/** A model could not be loaded or failed to run; the cause is kept. */
public class EmbeddingException extends RuntimeException {
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
