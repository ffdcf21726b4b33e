package io.papersearch.search;

import io.papersearch.index.PaperIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.search.IndexSearcher;

/**
 * The paper id of a document of one searcher, looked up only when a ranking needs it.
 *
 * <p>Why lazily: candidates are fused by document number (both legs of a query share one
 * point-in-time searcher, so a number names the same paper in both), and ids only break ties. Looking
 * up the ids of all 200 candidates of a hybrid search read the id doc values 200 times, each a
 * random seek into a compressed terms block: 7% of the CPU time of searches at a million papers
 * (README, Performance). Ties are rare, so most queries now look up none.
 */
@FunctionalInterface
interface DocIds {

  /** The id of document {@code doc}. */
  String of(int doc);

  /**
   * Ids read from {@code searcher}'s id doc values, each at most once. Thread-safe: the two legs of
   * a hybrid search may break ties at the same time.
   */
  static DocIds of(IndexSearcher searcher) {
    Map<Integer, String> seen = new ConcurrentHashMap<>();
    return doc -> seen.computeIfAbsent(doc, d -> {
      try {
        return PaperIndex.id(searcher, d);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the id of document " + d, e);
      }
    });
  }
}
