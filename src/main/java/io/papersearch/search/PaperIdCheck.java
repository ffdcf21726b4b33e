package io.papersearch.search;

import io.papersearch.ingest.PaperIds;

/** Boundary check for ids coming from clients: the ingest rules, in the API's error vocabulary. */
final class PaperIdCheck {
  private PaperIdCheck() {}

  static void check(String id) {
    try {
      PaperIds.requireValid(id);
    } catch (IllegalArgumentException e) {
      throw new PapersearchException(ErrorCode.INVALID_PAPER_ID, "paper " + e.getMessage(), e);
    }
  }
}
