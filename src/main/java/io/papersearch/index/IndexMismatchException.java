package io.papersearch.index;

/** The index on disk was built with other models, or by another version of papersearch. */
public class IndexMismatchException extends RuntimeException {
  public IndexMismatchException(String message) {
    super(message);
  }
}
