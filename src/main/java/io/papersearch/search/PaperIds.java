package io.papersearch.search;

/** Boundary check for ids coming from clients. */
final class PaperIds {
  private PaperIds() {}

  static final int MAX_LENGTH = 128;

  static void check(String id) {
    if (id == null || id.isEmpty()) {
      throw new PapersearchException(ErrorCode.INVALID_PAPER_ID, "paper id must not be empty");
    }
    if (id.length() > MAX_LENGTH) {
      throw new PapersearchException(
          ErrorCode.INVALID_PAPER_ID, "paper id must be at most " + MAX_LENGTH + " characters, got " + id.length());
    }
  }
}
