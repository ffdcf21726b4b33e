package io.papersearch.index;

import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import java.util.Map;

/**
 * A paper as the index holds it: the record, and per language the content hash and vector of the
 * embedded text (absent when the paper has no text in that language).
 */
public record StoredPaper(Paper paper, Map<Lang, String> hashes, Map<Lang, float[]> vectors) {
  public StoredPaper {
    hashes = Map.copyOf(hashes);
    vectors = Map.copyOf(vectors);
  }
}
