package io.papersearch.cli;

import io.papersearch.embed.Embedders;
import io.papersearch.embed.Role;
import io.papersearch.embed.TextEmbedder;
import io.papersearch.index.EmbeddingTexts;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperFields;
import io.papersearch.index.PaperIndex;
import io.papersearch.index.VectorStorage;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import io.papersearch.search.SearchMode;
import io.papersearch.search.SearchRequest;
import io.papersearch.search.SearchResponse;
import io.papersearch.search.SearchService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.VectorUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code papersearch bench scale}: search latency, recall and memory at 100k or 1M papers.
 *
 * <p>A real collection of that size would take days to embed on this CPU, so the index is
 * synthetic but built from real parts: every paper is a real ACL title, authors and venue with an
 * abstract spliced from two real ACL abstracts, and its vector is drawn from a Gaussian fitted to
 * real embeddings of real abstracts ({@link SyntheticVectors}). Queries are real: ACL titles not
 * used as seeds, embedded by the real model. The index is built once into {@code --index} and
 * reused; run the command a second time for memory figures of a process that only searched.
 */
@Command(name = "scale", description = "Hybrid search latency, HNSW recall against exact search, heap, RSS and index size "
    + "on a large synthetic index (built once, then reused).")
final class ScaleBenchCommand implements Callable<Integer> {

  @Mixin CommonOptions opts;

  @Option(names = "--papers", defaultValue = "100000", description = "Papers in the index (default: ${DEFAULT-VALUE}).")
  int papers;

  @Option(names = "--texts", paramLabel = "FILE", defaultValue = "../shared/data/acl/acl-anthology-abstracts.jsonl",
      description = "JSONL papers whose texts, seed embeddings and query titles are used (default: ${DEFAULT-VALUE}).")
  Path texts;

  @Option(names = "--seed-vectors", defaultValue = "2000",
      description = "Real abstracts embedded to fit the vector distribution (cached; default: ${DEFAULT-VALUE}).")
  int seedVectors;

  @Option(names = "--queries", defaultValue = "200", description = "Real query titles to time (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--ram-buffer-mb", defaultValue = "512", description = "Lucene indexing buffer while building (default: ${DEFAULT-VALUE}).")
  int ramBufferMb;

  private static final long SEED = 20261122L;
  private static final int K = 10;
  private static final int WARM_UP_ROUNDS = 3;
  private static final int TIMED_ROUNDS = 3;

  @Override
  public Integer call() throws Exception {
    if (papers < 1 || queries < 1 || seedVectors < 2) {
      throw new IllegalArgumentException(
          "--papers and --queries must be >= 1 and --seed-vectors >= 2, got " + papers + ", " + queries + ", " + seedVectors);
    }
    if (!Files.isReadable(texts)) {
      throw new IllegalArgumentException("cannot read " + texts + ": no such readable file (see --texts)");
    }
    VectorStorage storage = opts.vectorStorage() != null ? opts.vectorStorage() : VectorStorage.FLOAT32;
    Path dir = opts.index != null ? opts.index : Path.of("bench-index", papers + "-" + storage.wire());
    PrintStream out = System.out;
    List<Paper> source = BenchSupport.readPapers(texts,
        p -> p.title() != null && p.abstractEn() != null && p.abstractEn().length() > 200);
    if (source.size() < seedVectors + queries) {
      throw new IllegalArgumentException(texts + " has " + source.size() + " papers with a title and abstract; need " + (seedVectors + queries));
    }
    List<Paper> seeds = source.subList(0, seedVectors);
    List<Paper> questionPapers = source.subList(source.size() - queries, source.size());
    List<Paper> textPool = source.subList(0, source.size() - queries);
    out.printf(Locale.ROOT, "papersearch bench scale: %,d papers, %s vectors, index %s, fusion depth %d (keyword leg %d), %d cores, max heap %.0f MiB%n",
        papers, storage.wire(), dir, opts.fusion().minDepth(), opts.fusion().keywordDepth(0, K), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1048576.0);

    try (Embedders embedders = Embedders.load(opts.models(), opts.modelEn, opts.modelZh, opts.modelThreads(), opts.cacheDir())) {
      TextEmbedder en = embedders.en();
      long start = System.nanoTime();
      float[][] embedded = new float[seeds.size()][];
      BenchSupport.parallel(opts.workers(), seeds.size(), i -> embedded[i] = en.embed(EmbeddingTexts.of(seeds.get(i)).get(Lang.EN), Role.PASSAGE));
      List<float[]> real = List.of(embedded);
      SyntheticVectors synthetic = SyntheticVectors.fit(real);
      List<float[]> drawn = new ArrayList<>();
      for (int i = 0; i < real.size(); i++) {
        drawn.add(synthetic.draw(SEED + i));
      }
      double[] realCos = SyntheticVectors.pairwiseCosine(real, 20_000, SEED);
      double[] synCos = SyntheticVectors.pairwiseCosine(drawn, 20_000, SEED);
      out.printf(Locale.ROOT, "vectors: Gaussian fitted to %d real abstract embeddings (%.1f s, cached after the first run)%n",
          real.size(), BenchSupport.seconds(start));
      out.printf(Locale.ROOT, "  pairwise cosine, real: mean %.3f sd %.3f; synthetic: mean %.3f sd %.3f%n",
          realCos[0], realCos[1], synCos[0], synCos[1]);

      build(dir, embedders, storage, synthetic, textPool, out);

      try (PaperIndex index = PaperIndex.openReadOnly(dir, Indexer.schemaOf(embedders))) {
        measure(index, embedders, questionPapers, out);
      }
    }
    return 0;
  }

  private void build(Path dir, Embedders embedders, VectorStorage storage, SyntheticVectors synthetic, List<Paper> pool, PrintStream out)
      throws Exception {
    if (Files.isDirectory(dir) && hasIndex(dir)) {
      try (PaperIndex existing = PaperIndex.openReadOnly(dir, Indexer.schemaOf(embedders))) {
        if (existing.count() != papers || existing.vectorStorage() != storage) {
          throw new IllegalArgumentException("index " + dir + " holds " + existing.count() + " papers with "
              + existing.vectorStorage().wire() + " vectors, not " + papers + " with " + storage.wire()
              + "; delete it or pass another --index");
        }
      }
      out.printf(Locale.ROOT, "index: reusing %s%n", dir);
      return;
    }
    long start = System.nanoTime();
    AtomicLong done = new AtomicLong();
    try (PaperIndex index = PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders), storage, ramBufferMb)) {
      Progress progress = new Progress(System.err, "synthetic", papers, 0);
      BenchSupport.parallel(opts.workers(), papers, i -> {
        index.upsert(syntheticPaper(i, pool), Map.of(Lang.EN, synthetic.draw(SEED + 1_000_003L * (i + 1))), Map.of());
        progress.update((int) done.incrementAndGet());
      });
      progress.finish();
      index.commit();
    }
    double seconds = BenchSupport.seconds(start);
    out.printf(Locale.ROOT, "index: built %,d papers in %.0f s (%.0f papers/s, HNSW included; %d threads, %d MiB buffer)%n",
        papers, seconds, papers / seconds, opts.workers(), ramBufferMb);
  }

  private static boolean hasIndex(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
    }
  }

  /** Paper {@code i}: real title, authors and venue, an abstract spliced from two real ones, a year. */
  private static Paper syntheticPaper(int i, List<Paper> pool) {
    SplittableRandom r = new SplittableRandom(SEED ^ (i * 0x9E3779B97F4A7C15L));
    Paper a = pool.get(r.nextInt(pool.size()));
    Paper b = pool.get(r.nextInt(pool.size()));
    String abstractEn = firstHalf(a.abstractEn()) + " " + secondHalf(b.abstractEn());
    return new Paper("syn-" + i, a.title(), a.authors(), 1980 + r.nextInt(46), a.venue(), null, null, abstractEn, null, List.of());
  }

  private static String firstHalf(String text) {
    int cut = text.indexOf(". ", text.length() / 2);
    return cut < 0 ? text : text.substring(0, cut + 1);
  }

  private static String secondHalf(String text) {
    int cut = text.indexOf(". ", text.length() / 2);
    return cut < 0 ? "" : text.substring(cut + 2);
  }

  private void measure(PaperIndex index, Embedders embedders, List<Paper> questionPapers, PrintStream out) throws Exception {
    SearchService search = new SearchService(index, embedders, opts.fusion());
    List<String> questions = questionPapers.stream().map(Paper::title).toList();
    List<float[]> vectors = new ArrayList<>();
    for (String q : questions) {
      vectors.add(embedders.en().embed(q, Role.QUERY));
    }
    // Warm-up: every question WARM_UP_ROUNDS times per mode (the first pass also fills the
    // query-vector cache). One pass left the JIT half done: the next pass ran 20-30% faster.
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      for (SearchMode mode : SearchMode.values()) {
        for (String q : questions) {
          search.search(request(q, mode));
        }
      }
    }
    out.printf(Locale.ROOT, "search without embedding, %d real titles as queries x %d rounds, %,d papers (%d segments):%n",
        questions.size(), TIMED_ROUNDS, index.count(), index.withSearcher(s -> s.getIndexReader().leaves().size()));
    List<SearchMode> timed = List.of(SearchMode.HYBRID, SearchMode.KEYWORD, SearchMode.SEMANTIC);
    long[][] nanos = new long[timed.size()][questions.size() * TIMED_ROUNDS];
    long[] cpu = new long[timed.size()];
    // Rounds alternate the modes, so a slow stretch of the machine spreads over all of them.
    for (int round = 0; round < TIMED_ROUNDS; round++) {
      for (int m = 0; m < timed.size(); m++) {
        long cpuBefore = BenchSupport.processCpuNanos();
        for (int i = 0; i < questions.size(); i++) {
          long t = System.nanoTime();
          search.search(request(questions.get(i), timed.get(m)));
          nanos[m][round * questions.size() + i] = System.nanoTime() - t;
        }
        cpu[m] += BenchSupport.processCpuNanos() - cpuBefore;
      }
    }
    // CPU per search (every thread of the process, both cores): steadier than latency on a shared
    // machine, and what throughput under load is bound by.
    boolean cpuKnown = BenchSupport.processCpuNanos() >= 0;
    for (int m = 0; m < timed.size(); m++) {
      out.printf(Locale.ROOT, "  %-9s %s%s%n", timed.get(m).wire(), BenchSupport.latency(nanos[m]),
          cpuKnown ? String.format(Locale.ROOT, "; CPU %.2f ms per search", cpu[m] / 1e6 / nanos[m].length) : "");
    }

    // Recall@10 against exact (brute-force) search over every stored float vector.
    String field = PaperFields.vector(Lang.EN);
    double rawRecall = 0;
    double servedRecall = 0;
    long exactNanos = 0;
    for (int i = 0; i < questions.size(); i++) {
      float[] q = vectors.get(i);
      long t = System.nanoTime();
      Set<String> exact = exactTop(index, field, q);
      exactNanos += System.nanoTime() - t;
      Set<String> raw = index.withSearcher(s -> {
        TopDocs top = s.search(new KnnFloatVectorQuery(field, q, K), K);
        Set<String> ids = new HashSet<>();
        for (ScoreDoc sd : top.scoreDocs) {
          ids.add(PaperIndex.id(s, sd.doc));
        }
        return ids;
      });
      SearchResponse served = search.search(request(questions.get(i), SearchMode.SEMANTIC));
      rawRecall += overlap(exact, raw);
      servedRecall += overlap(exact, new HashSet<>(served.hits().stream().map(h -> h.paper().id()).toList()));
    }
    out.printf(Locale.ROOT, "recall@10 against exact search (%d queries; exact scan p50 %.0f ms):%n",
        questions.size(), exactNanos / 1e6 / questions.size());
    out.printf(Locale.ROOT, "  HNSW k=10 (%s codes, no rescoring): %.3f%n", index.vectorStorage().wire(), rawRecall / questions.size());
    out.printf(Locale.ROOT, "  papersearch semantic top 10 (k=%d candidates%s): %.3f%n",
        search.fusion().depth(0, K) * index.vectorStorage().oversample(),
        index.vectorStorage().quantized() ? ", float rescoring" : "", servedRecall / questions.size());

    Map<String, Long> sizes = BenchSupport.sizeByExtension(index.path());
    long total = sizes.values().stream().mapToLong(Long::longValue).sum();
    long raw = sizes.getOrDefault("vec", 0L);
    long quantized = sizes.getOrDefault("veq", 0L);
    long graph = sizes.getOrDefault("vex", 0L);
    out.printf(Locale.ROOT, "index size: %s on disk: float vectors %s, quantised vectors %s, HNSW graph %s, text and stored fields %s%n",
        BenchSupport.mib(total), BenchSupport.mib(raw), BenchSupport.mib(quantized), BenchSupport.mib(graph),
        BenchSupport.mib(total - raw - quantized - graph));
    out.printf(Locale.ROOT, "  memory the vector search touches per query (graph + %s vectors): %s%n",
        index.vectorStorage().quantized() ? "quantised" : "float", BenchSupport.mib(graph + (quantized > 0 ? quantized : raw)));
    out.printf(Locale.ROOT, "process: heap in use after GC %.0f MiB, RSS %.0f MiB (RSS counts the index pages mapped so far)%n",
        BenchSupport.heapUsedMiB(), BenchSupport.rssMiB());
  }

  private static SearchRequest request(String q, SearchMode mode) {
    return new SearchRequest(q, mode, Lang.EN, K, 0, null, null, false);
  }

  private static double overlap(Set<String> exact, Set<String> found) {
    Set<String> both = new HashSet<>(found);
    both.retainAll(exact);
    return both.size() / (double) exact.size();
  }

  /** The ids of the {@link #K} stored vectors with the highest dot product with {@code q}. */
  private static Set<String> exactTop(PaperIndex index, String field, float[] q) {
    return index.withSearcher(s -> {
      PriorityQueue<ScoreDoc> top = new PriorityQueue<>((x, y) -> Float.compare(x.score, y.score));
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
        if (values == null) {
          continue;
        }
        var live = leaf.reader().getLiveDocs();
        KnnVectorValues.DocIndexIterator it = values.iterator();
        for (int doc = it.nextDoc(); doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          float score = VectorUtil.dotProduct(q, values.vectorValue(it.index()));
          if (top.size() < K) {
            top.add(new ScoreDoc(leaf.docBase + doc, score));
          } else if (score > top.peek().score) {
            top.poll();
            top.add(new ScoreDoc(leaf.docBase + doc, score));
          }
        }
      }
      Set<String> ids = new HashSet<>();
      for (ScoreDoc sd : top) {
        ids.add(PaperIndex.id(s, sd.doc));
      }
      return ids;
    });
  }
}
