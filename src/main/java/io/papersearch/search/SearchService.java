package io.papersearch.search;

import io.papersearch.embed.Embedders;
import io.papersearch.embed.Role;
import io.papersearch.embed.TextEmbedder;
import io.papersearch.index.Analyzers;
import io.papersearch.index.PaperFields;
import io.papersearch.index.PaperIndex;
import io.papersearch.index.StoredPaper;
import io.papersearch.index.VectorStorage;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.FixedBitSet;

/**
 * Answers searches and similar-paper lookups over a {@link PaperIndex}.
 *
 * <p>Keyword leg: BM25 over the query language's text (title, abstract and keywords as one field;
 * separate fields in a layout-2 index) and the authors.
 * Semantic leg: HNSW nearest neighbours of the query embedded by that language's model (with the
 * model's query instruction). Hybrid: fusion of both legs ({@link Fusion}; the semantic leg ranks
 * {@link Fusion#depth} candidates, the keyword leg {@link Fusion#keywordDepth}). A keyword search
 * ranks exactly its page. {@link Filters} apply inside both legs (the HNSW search is filtered, not
 * post-filtered), so the fused list is drawn only from papers that pass them. {@link Facets} count
 * the matches on request; the {@link Highlighter} marks the query's terms in each hit on request.
 * Every ordering breaks ties by id.
 *
 * <p>Thread-safe: each call works on a point-in-time searcher.
 */
public final class SearchService {

  private final PaperIndex index;
  private final Embedders embedders;
  private final Analyzer analyzer = Analyzers.perField();
  private final QueryEmbeddingCache queryCache = new QueryEmbeddingCache(4096);
  private final Highlighter highlighter = new Highlighter(analyzer);
  private final Fusion fusion;

  public SearchService(PaperIndex index, Embedders embedders) {
    this(index, embedders, Fusion.defaults());
  }

  public SearchService(PaperIndex index, Embedders embedders, Fusion fusion) {
    this.index = Objects.requireNonNull(index, "index");
    this.embedders = Objects.requireNonNull(embedders, "embedders");
    this.fusion = Objects.requireNonNull(fusion, "fusion");
  }

  public Fusion fusion() {
    return fusion;
  }

  public SearchResponse search(SearchRequest req) {
    long start = System.nanoTime();
    Lang lang = searchLang(req);
    int depth = fusion.depth(req.offset(), req.limit());
    Query filter = req.filters().query();
    boolean facets = !req.facets().isEmpty();
    // Embed before acquiring a searcher: the model run is the slow part and needs no index view.
    float[] vector = req.mode() == SearchMode.KEYWORD ? null : embedQuery(req.query(), lang);
    return index.withSearcher(
        searcher -> {
          DocIds ids = DocIds.of(searcher);
          List<RankFusion.Fused> ranked;
          long total;
          boolean exact = true;
          FixedBitSet counted = null; // the papers facets count (see Facets), when asked for
          switch (req.mode()) {
            case KEYWORD -> {
              // BM25's top k is exact at any k: a keyword search ranks only the page, not the fusion depth.
              KeywordResult kw = keyword(searcher, ids, keywordQuery(req.query(), lang), filter, req.offset() + req.limit(), true, facets);
              ranked = RankFusion.single("keyword", kw.candidates());
              total = kw.total();
              exact = kw.exact();
              counted = kw.matches();
            }
            case SEMANTIC -> {
              List<RankFusion.Candidate> semantic = vectorLeg(searcher, ids, PaperFields.vector(lang), vector, filter, depth);
              ranked = RankFusion.single("semantic", semantic);
              total = ranked.size();
              counted = facets ? Facets.add(Facets.none(searcher), semantic) : null;
            }
            default -> {
              // The legs are independent, so the keyword leg runs beside the vector leg. On two cores
              // this saves little: each leg already searches its segments on every core, so a hybrid
              // search costs about the sum of its legs (README, Performance); with more cores, or a
              // leg that cannot split (one HNSW graph), it approaches the slower leg.
              int keywordDepth = fusion.keywordDepth(req.offset(), req.limit());
              // Analysed here, not in the leg's thread: analysers reuse their token streams per thread,
              // and the leg's thread is new for every search (re-creating them measured 0.15 ms).
              Query terms = keywordQuery(req.query(), lang);
              // A tie across the keyword leg's cut is settled by index order (no clean cut): the cut
              // decides only which candidates are fused, and the fused order still breaks ties by id.
              Future<KeywordResult> keyword =
                  LEGS.submit(() -> keyword(searcher, ids, terms, filter, keywordDepth, false, facets));
              List<RankFusion.Candidate> semantic = vectorLeg(searcher, ids, PaperFields.vector(lang), vector, filter, depth);
              KeywordResult kw = join(keyword);
              ranked = RankFusion.hybrid(kw.candidates(), semantic, lang == req.effectiveLang() ? fusion : fusion.crossLingual());
              total = ranked.size();
              counted = facets ? Facets.add(kw.matches(), semantic) : null;
            }
          }
          Function<Paper, Map<String, String>> highlight =
              req.highlight() ? paper -> highlighter.highlight(paper, req.query(), lang) : null;
          List<Hit> hits = page(searcher, ranked, req.offset(), req.limit(), req.explain(), highlight);
          Map<FacetField, List<FacetCount>> facetCounts = facets ? Facets.count(searcher, counted, req.facets()) : null;
          return new SearchResponse(
              hits, total, exact, req.limit(), req.offset(), millisSince(start), req.mode().wire(), wire(lang),
              facetCounts, req.fields());
        });
  }

  /**
   * Papers nearest to a paper's stored vectors (each language it has), itself excluded.
   *
   * @throws PapersearchException {@code paper_not_found} if there is no such paper
   */
  public SearchResponse similar(SimilarRequest req) {
    long start = System.nanoTime();
    StoredPaper source = get(req.id());
    int depth = fusion.depth(req.offset(), req.limit());
    BooleanQuery.Builder filter = new BooleanQuery.Builder();
    Query filters = req.filters().query();
    filter.add(filters != null ? filters : new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
    filter.add(new TermQuery(new Term(PaperFields.ID, req.id())), BooleanClause.Occur.MUST_NOT);
    Query excludeSelf = filter.build();
    return index.withSearcher(
        searcher -> {
          DocIds ids = DocIds.of(searcher);
          Map<String, List<RankFusion.Candidate>> legs = new LinkedHashMap<>();
          for (Lang lang : Lang.values()) {
            float[] v = source.vectors().get(lang);
            if (v != null) {
              legs.put(wire(lang), vectorLeg(searcher, ids, PaperFields.vector(lang), v, excludeSelf, depth));
            }
          }
          List<RankFusion.Fused> ranked =
              legs.size() == 1
                  ? RankFusion.single(legs.keySet().iterator().next(), legs.values().iterator().next())
                  : RankFusion.fuse(legs, fusion.rrfK());
          List<Hit> hits = page(searcher, ranked, req.offset(), req.limit(), req.explain(), null);
          return new SearchResponse(
              hits, ranked.size(), true, req.limit(), req.offset(), millisSince(start), "similar", String.join("+", legs.keySet()),
              null, req.fields());
        });
  }

  /**
   * The stored paper with {@code id}.
   *
   * @throws PapersearchException {@code paper_not_found}
   */
  public StoredPaper get(String id) {
    PaperIdCheck.check(id);
    return index
        .get(id)
        .orElseThrow(() -> new PapersearchException(ErrorCode.PAPER_NOT_FOUND, "paper '" + id + "' not found"));
  }

  public int count() {
    return index.count();
  }

  /** Bytes the index takes on disk (for monitoring). */
  public long indexSizeBytes() {
    return index.sizeOnDisk();
  }

  /** The models the index was built with. */
  public io.papersearch.index.IndexSchema schema() {
    return index.schema();
  }

  /**
   * The language whose fields and vectors answer the query: the query's own, unless the index holds
   * no paper text in that language while it holds some in the other. Then the query is searched
   * across languages: analysed by the other language's analyser and embedded by the other language's
   * model (a Chinese question over an English-only collection still finds its papers; measured in
   * the README). An explicit {@code lang} is always obeyed.
   */
  private Lang searchLang(SearchRequest req) {
    Lang own = req.effectiveLang();
    if (req.lang() != null) {
      return own;
    }
    Lang other = own == Lang.ZH ? Lang.EN : Lang.ZH;
    return index.vectorCount(own) == 0 && index.vectorCount(other) > 0 ? other : own;
  }

  private float[] embedQuery(String query, Lang lang) {
    TextEmbedder embedder = embedders.forLang(lang);
    return queryCache.get(embedder.spec().id(), query, () -> embedder.embed(query, Role.QUERY));
  }

  /**
   * Keyword matches are counted exactly up to this many; beyond, the count is a lower bound. Counting
   * every match would visit every posting of common words (tens of milliseconds at a million papers);
   * stopping lets Lucene skip blocks that cannot reach the top (block-max WAND), as Elasticsearch's
   * {@code track_total_hits} does.
   */
  public static final int TOTAL_HITS_EXACT_UP_TO = 1000;

  /** Runs keyword legs beside vector legs; virtual threads, so it needs no sizing or shutdown. */
  private static final ExecutorService LEGS = Executors.newVirtualThreadPerTaskExecutor();

  private static <T> T join(Future<T> leg) throws IOException {
    try {
      return leg.get();
    } catch (InterruptedException e) {
      leg.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while searching", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("search leg failed", e.getCause());
    }
  }

  /**
   * The keyword leg's ranked candidates and match count, and (when asked, for facets) every
   * matching document.
   */
  private record KeywordResult(List<RankFusion.Candidate> candidates, long total, boolean exact, FixedBitSet matches) {}

  /** The keyword leg's query for {@code text}, or null when it has no searchable term. */
  private Query keywordQuery(String text, Lang lang) {
    return KeywordQuery.build(analyzer, text, lang, index.flatText());
  }

  /**
   * @param terms the query from {@link #keywordQuery}, null when the text has no searchable term
   * @param cleanCut whether papers tied across the cut at {@code depth} are settled by id, like every
   *     other tie (a keyword search's page boundary: page 2 must continue page 1), at the price of
   *     a wider search when there is such a tie
   * @param allMatches whether to collect every match (for facets)
   */
  private KeywordResult keyword(
      IndexSearcher searcher, DocIds ids, Query terms, Query filter, int depth, boolean cleanCut, boolean allMatches)
      throws IOException {
    if (terms == null) {
      return new KeywordResult(List.of(), 0, true, allMatches ? Facets.none(searcher) : null);
    }
    Query query = terms;
    if (filter != null) {
      query = new BooleanQuery.Builder().add(terms, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
    }
    // Top-by-score collection lets Lucene skip non-competitive blocks (block-max WAND); sorting by
    // (score, id) instead measured 30% slower at a million papers (README, Performance). Ties are
    // then ordered by id. Lucene keeps the lowest document numbers of papers tied across the cut,
    // so one hit more than asked shows such a tie, and for a clean cut the search widens until the
    // paper after the cut scores lower. Not rare: BM25 stores document lengths in one byte, so papers
    // matching the same words the same number of times often tie (a quarter of the title queries
    // at a million synthetic papers).
    int n = depth;
    TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(cleanCut ? n + 1 : n, TOTAL_HITS_EXACT_UP_TO));
    while (cleanCut && top.scoreDocs.length > n && top.scoreDocs[n].score == top.scoreDocs[depth - 1].score && n < Fusion.MAX_DEPTH) {
      n = Math.min(2 * n, Fusion.MAX_DEPTH);
      top = searcher.search(query, new TopScoreDocCollectorManager(n + 1, TOTAL_HITS_EXACT_UP_TO));
    }
    List<RankFusion.Candidate> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      out.add(new RankFusion.Candidate(sd.doc, sd.score, ids));
    }
    return new KeywordResult(
        first(RankFusion.ordered(out), depth), top.totalHits.value(), top.totalHits.relation() == TotalHits.Relation.EQUAL_TO,
        allMatches ? Facets.matches(searcher, query) : null);
  }

  private List<RankFusion.Candidate> vectorLeg(
      IndexSearcher searcher, DocIds ids, String field, float[] vector, Query filter, int depth) throws IOException {
    VectorStorage storage = index.vectorStorage();
    int k = depth * storage.oversample();
    TopDocs top = searcher.search(new KnnFloatVectorQuery(field, vector, k, filter), k);
    List<RankFusion.Candidate> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      float score = storage.quantized() ? fullPrecisionScore(searcher, field, vector, sd.doc) : sd.score;
      out.add(new RankFusion.Candidate(sd.doc, score, ids));
    }
    return first(RankFusion.ordered(out), depth);
  }

  private static List<RankFusion.Candidate> first(List<RankFusion.Candidate> ranked, int n) {
    return ranked.size() > n ? List.copyOf(ranked.subList(0, n)) : ranked;
  }

  /**
   * A quantised graph's score is approximate: the candidate is rescored against its stored float
   * vector, on the same scale as an unquantised dot-product score.
   */
  private static float fullPrecisionScore(IndexSearcher searcher, String field, float[] query, int doc) throws IOException {
    float[] v = PaperIndex.vector(searcher, doc, field);
    if (v == null) {
      throw new IllegalStateException("document " + doc + " matched " + field + " but has no vector in it");
    }
    return VectorSimilarityFunction.DOT_PRODUCT.compare(query, v);
  }

  private static List<Hit> page(
      IndexSearcher searcher, List<RankFusion.Fused> ranked, int offset, int limit, boolean explain,
      Function<Paper, Map<String, String>> highlight)
      throws IOException {
    List<Hit> hits = new ArrayList<>(limit);
    // One reader of stored fields for the page: each opens a reader per segment, and papers in one
    // compressed block are then decompressed once.
    StoredFields stored = searcher.storedFields();
    for (int i = offset; i < Math.min(ranked.size(), offset + limit); i++) {
      RankFusion.Fused f = ranked.get(i);
      Paper paper = PaperIndex.paper(stored, f.doc());
      hits.add(new Hit(paper, f.score(), explain ? f.legs() : null, highlight == null ? null : highlight.apply(paper)));
    }
    return hits;
  }

  private static String wire(Lang lang) {
    return lang.name().toLowerCase(Locale.ROOT);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
