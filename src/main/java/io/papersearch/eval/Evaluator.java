package io.papersearch.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.papersearch.search.Fusion;
import io.papersearch.search.Hit;
import io.papersearch.search.SearchMode;
import io.papersearch.search.SearchRequest;
import io.papersearch.search.SearchResponse;
import io.papersearch.search.SearchService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.papersearch.ingest.JsonLines;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import io.papersearch.ingest.PaperReaders;
import io.papersearch.ingest.PaperSink;
import io.papersearch.ingest.Rejection;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs a query set through {@link SearchService} in one mode and averages nDCG@10, Recall@10, Recall@100
 * and MRR@10 over the queries that have at least one relevant document. Thread-safe if the service is.
 *
 * <p>Each measure reads the page a user would ask for: the @10 measures a page of {@link #TOP}, and
 * Recall@100 a page of {@link #DEPTH}. The difference matters when a leg draws fewer than 100
 * candidates: a hybrid search's keyword leg does by default, so a page of 10 ranks from fewer
 * candidates than a page of 100 (see {@link Fusion#keywordDepth(int, int)}), and that is what the
 * @10 measures must score.
 */
public final class Evaluator {

  /** Results retrieved per query for Recall@100, and the run file. */
  public static final int DEPTH = 100;

  /** Results retrieved per query for the @10 measures. */
  public static final int TOP = 10;

  /** One test query. */
  public record Query(String id, String text) {}

  /** Mean scores of one mode over a query set. */
  public record Scores(SearchMode mode, double ndcg10, double recall10, double recall100, double mrr10, int queries) {}

  private final SearchService search;
  private final Lang queryLang;

  public Evaluator(SearchService search) {
    this(search, null);
  }

  /** @param queryLang language every query is searched in, or null to detect it per query */
  public Evaluator(SearchService search, Lang queryLang) {
    this.search = Objects.requireNonNull(search, "search");
    this.queryLang = queryLang;
  }

  /**
   * Reads BEIR queries: one JSON object per line with {@code _id} (or {@code id}) and {@code text}
   * (or {@code query}).
   *
   * @throws IllegalArgumentException naming file and line for a malformed line
   */
  public static List<Query> readQueries(Path file) throws IOException {
    List<Query> out = new ArrayList<>();
    JsonLines.forEach(file, (node, n) -> {
      String id = text(node, "_id", "id");
      String text = text(node, "text", "query");
      if (id == null || text == null) {
        throw new IllegalArgumentException(file.getFileName() + ":" + n + ": a query needs '_id' and 'text'");
      }
      out.add(new Query(id, text));
    });
    return out;
  }

  /** A test collection held in memory: documents to index, queries, judgments. */
  public record Collection(List<Paper> documents, List<Query> queries, Qrels qrels) {}

  /**
   * Known-item lookup from a paper file: each paper is indexed without its title and keywords, and its title is
   * the query that must find it (the standard CSL title-to-abstract task).
   */
  public static Collection titleLookup(Path corpus) throws IOException {
    List<Paper> docs = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
    PaperReaders.forFile(corpus).read(corpus, new PaperSink() {
      @Override
      public void accept(Paper p, int line) {
        if (p.title() == null || (p.abstractEn() == null && p.abstractZh() == null)) {
          return; // nothing to look up, or nothing to find
        }
        // Keywords are dropped too: they often repeat the title and would leak the answer.
        docs.add(new Paper(p.id(), null, p.authors(), p.year(), p.venue(), p.url(), p.doi(), p.abstractEn(), p.abstractZh(), List.of()));
        queries.add(new Query(p.id(), p.title()));
        judged.put(p.id(), Map.of(p.id(), 1));
      }

      @Override
      public void reject(Rejection r) {
        throw new IllegalArgumentException("corpus record rejected: " + r);
      }
    });
    return new Collection(docs, queries, new Qrels(judged));
  }

  /**
   * Cross-lingual pair lookup from {@code {"id","zh","en"}} lines: the sentences of one language are
   * indexed as abstracts; each sentence of the other language must find its own pair.
   *
   * @param queryLang language of the queries; documents are in the other one
   */
  public static Collection pairLookup(Path pairs, Lang queryLang) throws IOException {
    List<Paper> docs = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
    JsonLines.forEach(pairs, (node, n) -> {
      String id = text(node, "id", "_id");
      String zh = text(node, "zh", "zh");
      String en = text(node, "en", "en");
      if (id == null) {
        throw new IllegalArgumentException(pairs.getFileName() + ":" + n + ": a pair needs an 'id'");
      }
      if (zh == null || en == null) {
        return; // half a pair (one such line in the WMT Medline set) tests nothing
      }
      boolean zhQuery = queryLang == Lang.ZH;
      docs.add(new Paper(id, null, List.of(), null, null, null, null, zhQuery ? en : null, zhQuery ? null : zh, List.of()));
      queries.add(new Query(id, zhQuery ? zh : en));
      judged.put(id, Map.of(id, 1));
    });
    return new Collection(docs, queries, new Qrels(judged));
  }

  private static String text(JsonNode node, String name, String alias) {
    JsonNode v = node.has(name) ? node.get(name) : node.get(alias);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  /**
   * Evaluates one mode. Queries without a relevant judgment are skipped, as trec_eval does.
   *
   * @param run where to write the TREC run lines, or null
   */
  public Scores evaluate(SearchMode mode, List<Query> queries, Qrels qrels, PrintWriter run) {
    double ndcg = 0;
    double recall10 = 0;
    double recall = 0;
    double mrr = 0;
    int n = 0;
    for (Query q : queries) {
      if (!qrels.hasRelevant(q.id())) {
        continue;
      }
      List<String> deep = rank(q, mode, DEPTH, run);
      // A page of 10 is the first 10 of a page of 100 when its legs rank the same candidates: no
      // second search. BM25's top k is exact at any k (ties by id, even across the cut).
      Fusion f = search.fusion();
      boolean same = switch (mode) {
        case KEYWORD -> true;
        case SEMANTIC -> f.depth(0, TOP) == f.depth(0, DEPTH);
        case HYBRID -> f.depth(0, TOP) == f.depth(0, DEPTH) && f.keywordDepth(0, TOP) == f.keywordDepth(0, DEPTH);
      };
      List<String> top = same ? deep : rank(q, mode, TOP, null);
      ndcg += Metrics.ndcg(top, qrels.judged(q.id()), TOP);
      recall10 += Metrics.recall(top, qrels.judged(q.id()), TOP);
      recall += Metrics.recall(deep, qrels.judged(q.id()), DEPTH);
      mrr += Metrics.mrr(top, qrels.judged(q.id()), TOP);
      n++;
    }
    return n == 0 ? new Scores(mode, 0, 0, 0, 0, 0) : new Scores(mode, ndcg / n, recall10 / n, recall / n, mrr / n, n);
  }

  private List<String> rank(Query q, SearchMode mode, int limit, PrintWriter run) {
    // Overlong queries are cut to the API's bound rather than dropped, so every query counts.
    String text = q.text().length() > SearchRequest.MAX_QUERY_CHARS ? q.text().substring(0, SearchRequest.MAX_QUERY_CHARS) : q.text();
    SearchResponse r = search.search(new SearchRequest(text, mode, queryLang, limit, 0, null, null, false));
    List<String> ids = new ArrayList<>(r.hits().size());
    int rank = 0;
    for (Hit h : r.hits()) {
      ids.add(h.paper().id());
      if (run != null) {
        run.printf(Locale.ROOT, "%s Q0 %s %d %.6f papersearch-%s%n", q.id(), h.paper().id(), ++rank, h.score(), mode.wire());
      }
    }
    return ids;
  }
}
