package io.papersearch.search;

import io.papersearch.index.FilterValues;
import io.papersearch.index.PaperFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.FixedBitSet;

/**
 * Facet counts: how many of the papers a search counts have each year and each venue, read from doc
 * values (the year's numeric doc values, the venue's sorted-set doc values), no facet module needed.
 *
 * <p>Which papers are counted, by mode: <b>keyword</b>, every paper matching the query and filters
 * (all of them, not just the first 1,000 that {@code totalHits} counts exactly); <b>semantic</b>, the
 * vector leg's ranked candidates (a nearest-neighbour search has no "match", only the nearest k);
 * <b>hybrid</b>, the union of both: every keyword match plus the vector candidates, as Elasticsearch
 * aggregates a query combined with a kNN search. Filters apply to all of them.
 *
 * <p>Values are ordered by count (descending), then value (years ascending, venues by their
 * spelling), at most {@value #MAX_VALUES} per facet. Venue spellings that normalise alike
 * ({@code ICCV}, {@code iccv}) are one value, shown in the spelling most papers use, which is also a
 * valid {@code venue} filter for it. Stateless and thread-safe.
 */
final class Facets {
  private Facets() {}

  /** Values returned per facet at most, the most frequent first (Meilisearch's default too). */
  static final int MAX_VALUES = 100;

  /**
   * Every document matching {@code query} (deleted ones excluded), without scoring: counting
   * facets needs the whole match set, not the top hits.
   */
  static FixedBitSet matches(IndexSearcher searcher, Query query) throws IOException {
    int maxDoc = searcher.getIndexReader().maxDoc();
    return searcher.search(new ConstantScoreQuery(query), new CollectorManager<DocSetCollector, FixedBitSet>() {
      @Override
      public DocSetCollector newCollector() {
        return new DocSetCollector(maxDoc);
      }

      @Override
      public FixedBitSet reduce(Collection<DocSetCollector> collectors) {
        FixedBitSet all = new FixedBitSet(maxDoc);
        collectors.forEach(c -> all.or(c.docs));
        return all;
      }
    });
  }

  /** No documents: what a query without a searchable term matches. */
  static FixedBitSet none(IndexSearcher searcher) {
    return new FixedBitSet(searcher.getIndexReader().maxDoc());
  }

  /** Adds a leg's candidates to {@code docs}. */
  static FixedBitSet add(FixedBitSet docs, List<RankFusion.Candidate> candidates) {
    for (RankFusion.Candidate c : candidates) {
      docs.set(c.doc());
    }
    return docs;
  }

  /** Counts the documents in {@code docs} by each facet in {@code facets}. */
  static Map<FacetField, List<FacetCount>> count(IndexSearcher searcher, FixedBitSet docs, Set<FacetField> facets)
      throws IOException {
    Map<FacetField, List<FacetCount>> out = new EnumMap<>(FacetField.class);
    for (FacetField f : FacetField.values()) {
      if (facets.contains(f)) {
        out.put(f, switch (f) {
          case YEAR -> years(searcher, docs);
          case VENUE -> venues(searcher, docs);
        });
      }
    }
    return out;
  }

  private static List<FacetCount> years(IndexSearcher searcher, FixedBitSet docs) throws IOException {
    Map<Integer, int[]> counts = new HashMap<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      SortedNumericDocValues years = DocValues.getSortedNumeric(leaf.reader(), PaperFields.YEAR);
      forEachDoc(docs, leaf, doc -> {
        if (years.advanceExact(doc)) {
          for (int i = 0; i < years.docValueCount(); i++) {
            counts.computeIfAbsent((int) years.nextValue(), y -> new int[1])[0]++;
          }
        }
      });
    }
    List<FacetCount> out = new ArrayList<>(counts.size());
    counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<Integer, int[]>>comparingInt(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
        .limit(MAX_VALUES)
        .forEach(e -> out.add(new FacetCount(e.getKey(), e.getValue()[0])));
    return out;
  }

  private static List<FacetCount> venues(IndexSearcher searcher, FixedBitSet docs) throws IOException {
    // Count per spelling first (by ordinal inside each segment, then by string across segments).
    Map<String, Integer> bySpelling = new HashMap<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      SortedSetDocValues venues = DocValues.getSortedSet(leaf.reader(), PaperFields.VENUE_FACET);
      long valueCount = venues.getValueCount();
      if (valueCount == 0) {
        continue;
      }
      int[] perOrd = new int[Math.toIntExact(valueCount)];
      forEachDoc(docs, leaf, doc -> {
        if (venues.advanceExact(doc)) {
          for (int i = 0; i < venues.docValueCount(); i++) {
            perOrd[(int) venues.nextOrd()]++;
          }
        }
      });
      for (int ord = 0; ord < perOrd.length; ord++) {
        if (perOrd[ord] > 0) {
          bySpelling.merge(venues.lookupOrd(ord).utf8ToString(), perOrd[ord], Integer::sum);
        }
      }
    }
    // Then one value per normal form, labelled with its most common spelling (ties: the smallest).
    Map<String, Venue> byVenue = new HashMap<>();
    bySpelling.forEach((spelling, n) -> byVenue
        .computeIfAbsent(FilterValues.normalize(spelling), k -> new Venue())
        .add(spelling, n));
    List<FacetCount> out = new ArrayList<>(byVenue.size());
    byVenue.values().stream()
        .map(v -> new FacetCount(v.label, v.total))
        .sorted(Comparator.comparingInt(FacetCount::count).reversed().thenComparing(c -> (String) c.value()))
        .limit(MAX_VALUES)
        .forEach(out::add);
    return out;
  }

  /** One venue's count over its spellings, and the spelling that labels it. */
  private static final class Venue {
    int total;
    String label;
    int labelCount;

    void add(String spelling, int n) {
      total += n;
      if (label == null || n > labelCount || (n == labelCount && spelling.compareTo(label) < 0)) {
        label = spelling;
        labelCount = n;
      }
    }
  }

  private interface DocConsumer {
    void accept(int leafDoc) throws IOException;
  }

  /** Calls {@code consumer} with each document of {@code docs} inside {@code leaf}, as a leaf doc id. */
  private static void forEachDoc(FixedBitSet docs, LeafReaderContext leaf, DocConsumer consumer) throws IOException {
    int from = leaf.docBase;
    int to = leaf.docBase + leaf.reader().maxDoc();
    for (int d = from < to ? docs.nextSetBit(from, to) : DocIdSetIterator.NO_MORE_DOCS;
        d != DocIdSetIterator.NO_MORE_DOCS;
        d = d + 1 < to ? docs.nextSetBit(d + 1, to) : DocIdSetIterator.NO_MORE_DOCS) {
      consumer.accept(d - leaf.docBase);
    }
  }

  /** Marks each collected document in a bit set over the whole reader. */
  private static final class DocSetCollector extends SimpleCollector {
    final FixedBitSet docs;
    private int docBase;

    DocSetCollector(int maxDoc) {
      docs = new FixedBitSet(maxDoc);
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
      docBase = context.docBase;
    }

    @Override
    public void collect(int doc) {
      docs.set(docBase + doc);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
