package io.papersearch.tools;

import com.sun.management.OperatingSystemMXBean;
import io.papersearch.embed.ModelRegistry;
import io.papersearch.embed.OnnxEmbedder;
import io.papersearch.embed.Role;
import io.papersearch.embed.Vectors;
import io.papersearch.index.EmbeddingTexts;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import io.papersearch.ingest.PaperReaders;
import io.papersearch.ingest.PaperSink;
import io.papersearch.ingest.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Measures the evidence behind the default model and analyser choices: fp32 vs int8 speed and
 * quality per language, the effect of the bge query instruction, and smartcn vs CJK bigrams for
 * Chinese keyword search.
 *
 * <p>Sections (all by default): {@code speed} (ACL abstracts, tokens/s), {@code en} (SciFact train
 * subset, nDCG@10), {@code zh} (CSL dev title → abstract, dense), {@code bm25} (the same CSL task,
 * keyword). Usage:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) --enable-native-access=ALL-UNNAMED \
 *   io.papersearch.tools.ModelChoiceBench [--models=models] [--data=../shared/data] [speed] [en] [zh] [bm25]
 * </pre>
 *
 * Progress goes to stderr; the result tables go to stdout at the end. Each speed row also gives the
 * cores' worth of CPU this process and all other processes used during the timed run, so a run
 * disturbed by other work on the machine shows as such (and is repeated, keeping the best).
 */
public final class ModelChoiceBench {

  private static final String EN_FP32 = "bge-small-en-v1.5";
  private static final String EN_INT8 = "bge-small-en-v1.5-q";
  private static final String ZH_FP32 = "bge-small-zh-v1.5";
  private static final String ZH_INT8 = "bge-small-zh-v1.5-q";

  private static final int SPEED_TEXTS = 150;
  private static final int WARMUP_TEXTS = 10;
  /** The machine has 2 cores: above this 1-min load someone else is competing for them. */
  private static final double BUSY_LOAD = 1.2;
  /**
   * Cores' worth of CPU other processes may use during a timed run before it counts as disturbed:
   * the load average only says how busy the machine was before the run.
   */
  private static final double BUSY_OTHERS = 0.15;
  private static final int MAX_SPEED_ATTEMPTS = 3;
  /** USER_HZ: the unit of the /proc/stat counters on Linux. */
  private static final double JIFFIES_PER_SECOND = 100;
  /** Our own previous run raises the 1-min load; let it decay before timing the next one. */
  private static final long QUIET_WAIT_MILLIS = 90_000;

  /**
   * Quality runs embed with two single-threaded predictors fed by two threads: the fastest layout
   * in the speed section, and vectors do not depend on the layout.
   */
  private static final OnnxEmbedder.Threads QUALITY_THREADS = new OnnxEmbedder.Threads(1, 2);

  private static final int SCIFACT_QUERIES = 300;
  private static final int SCIFACT_DOCS = 1000;
  /** Deepest rank any metric looks at (Recall@100). */
  private static final int DEPTH = 100;

  private final ModelRegistry models;
  private final Path data;
  private final List<SpeedRow> speedRows = new ArrayList<>();
  private final List<QualityRow> qualityRows = new ArrayList<>();

  private ModelChoiceBench(ModelRegistry models, Path data) {
    this.models = models;
    this.data = data;
  }

  public static void main(String[] args) throws Exception {
    Path modelsDir = Path.of("models");
    Path dataDir = Path.of("../shared/data");
    Set<String> sections = new LinkedHashSet<>();
    for (String arg : args) {
      if (arg.startsWith("--models=")) {
        modelsDir = Path.of(arg.substring("--models=".length()));
      } else if (arg.startsWith("--data=")) {
        dataDir = Path.of(arg.substring("--data=".length()));
      } else {
        sections.add(arg);
      }
    }
    if (sections.isEmpty()) {
      sections.addAll(List.of("speed", "en", "zh", "bm25"));
    }
    ModelChoiceBench bench = new ModelChoiceBench(ModelRegistry.scan(modelsDir), dataDir);
    for (String section : sections) {
      switch (section) {
        case "speed" -> bench.speed();
        case "en" -> bench.englishQuality();
        case "zh" -> bench.chineseQuality();
        case "bm25" -> bench.chineseKeyword();
        default -> throw new IllegalArgumentException("unknown section '" + section + "'");
      }
    }
    bench.printTables();
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Speed

  /** ONNX Runtime threading plus how many threads call the embedder at once. */
  private record SpeedConfig(OnnxEmbedder.Threads threads, int callers) {
    String label() {
      return "intra=" + threads.intraOp() + " pred=" + threads.predictors() + " callers=" + callers;
    }
  }

  /**
   * @param ownCores cores' worth of CPU this process used during the run
   * @param otherCores cores' worth of CPU every other process (and steal) used during the run
   */
  private record SpeedRow(
      String model, String config, double tokensPerSec, double textsPerSec, double meanTokens,
      double ownCores, double otherCores, String loadBefore, int attempts) {

    boolean disturbed() {
      return oneMinuteLoad(loadBefore) > BUSY_LOAD || otherCores > BUSY_OTHERS;
    }
  }

  private void speed() throws IOException {
    List<String> texts =
        readPapers(data.resolve("acl/acl-anthology-abstracts.jsonl")).stream()
            .map(p -> EmbeddingTexts.of(p).get(Lang.EN))
            .filter(t -> t != null)
            .limit(SPEED_TEXTS + WARMUP_TEXTS)
            .toList();
    // The warm-up texts come after the measured ones so the measured set is exactly the first 150.
    List<String> measured = texts.subList(0, SPEED_TEXTS);
    List<String> warmup = texts.subList(SPEED_TEXTS, texts.size());
    // One thread alone is the baseline that shows what the second core adds in each layout.
    List<SpeedConfig> configs =
        List.of(
            new SpeedConfig(new OnnxEmbedder.Threads(1, 1), 1),
            new SpeedConfig(new OnnxEmbedder.Threads(2, 1), 1),
            new SpeedConfig(new OnnxEmbedder.Threads(1, 2), 2));
    for (String model : List.of(EN_FP32, EN_INT8)) {
      for (SpeedConfig config : configs) {
        speedRows.add(bestSpeedRun(model, config, measured, warmup));
      }
    }
  }

  /** Times one model and config, repeating while the machine was busy around the run; keeps the best. */
  private SpeedRow bestSpeedRun(String model, SpeedConfig config, List<String> measured, List<String> warmup) {
    try (OnnxEmbedder embedder = OnnxEmbedder.load(models.require(model), config.threads())) {
      embedAll(embedder, warmup, Role.PASSAGE, config.callers());
      long tokens = measured.stream().mapToLong(t -> embedder.countTokens(t, Role.PASSAGE)).sum();
      SpeedRow best = null;
      for (int attempt = 1; attempt <= MAX_SPEED_ATTEMPTS; attempt++) {
        String load = awaitQuiet();
        log("speed %s [%s] attempt %d, /proc/loadavg before: %s", model, config.label(), attempt, load);
        SpeedRow row = timeRun(embedder, model, config, measured, tokens, load, attempt);
        log("  -> %.0f tokens/s, %.2f abstracts/s, cores used: this process %.2f, others %.2f",
            row.tokensPerSec(), row.textsPerSec(), row.ownCores(), row.otherCores());
        if (best == null || row.tokensPerSec() > best.tokensPerSec()) {
          best = row;
        }
        if (!row.disturbed()) {
          break;
        }
      }
      return best;
    }
  }

  private static SpeedRow timeRun(
      OnnxEmbedder embedder, String model, SpeedConfig config, List<String> texts, long tokens,
      String load, int attempt) {
    long ownStart = processCpuNanos();
    double machineStart = machineBusySeconds();
    long start = System.nanoTime();
    embedAll(embedder, texts, Role.PASSAGE, config.callers());
    double seconds = (System.nanoTime() - start) / 1e9;
    double own = (processCpuNanos() - ownStart) / 1e9;
    double others = Math.max(0, machineBusySeconds() - machineStart - own);
    return new SpeedRow(
        model, config.label(), tokens / seconds, texts.size() / seconds, (double) tokens / texts.size(),
        own / seconds, others / seconds, load, attempt);
  }

  /** CPU seconds the whole machine has spent busy (steal included: the host took the core). */
  private static double machineBusySeconds() {
    try {
      String[] cols = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(cols[i]);
      }
      return busy / JIFFIES_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Waits (up to a limit) for the 1-min load to fall below {@link #BUSY_LOAD}; returns /proc/loadavg. */
  private static String awaitQuiet() {
    long deadline = System.currentTimeMillis() + QUIET_WAIT_MILLIS;
    String load = loadavg();
    while (oneMinuteLoad(load) > BUSY_LOAD && System.currentTimeMillis() < deadline) {
      sleep(5_000);
      load = loadavg();
    }
    return load;
  }

  private static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static double oneMinuteLoad(String loadavg) {
    try {
      return Double.parseDouble(loadavg.split(" ")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 2.-4. Quality

  /**
   * A retrieval task over a fixed document list.
   *
   * @param relevant per query, the indices into {@code docs} that are relevant
   */
  private record Task(String name, List<String> queries, List<String> docs, List<Set<Integer>> relevant) {}

  /** One dense variant: which model embeds, and as which role the queries are embedded. */
  private record DenseVariant(String model, Role queryRole, String label) {}

  private record QualityRow(String task, String variant, Metrics metrics) {}

  private void englishQuality() throws IOException {
    Task task = sciFactTask();
    evaluateDense(
        task,
        List.of(
            new DenseVariant(EN_FP32, Role.QUERY, "fp32"),
            new DenseVariant(EN_FP32, Role.PASSAGE, "fp32, no query instruction"),
            new DenseVariant(EN_INT8, Role.QUERY, "int8")));
  }

  private void chineseQuality() throws IOException {
    evaluateDense(
        cslTask(),
        List.of(
            new DenseVariant(ZH_FP32, Role.QUERY, "fp32"),
            new DenseVariant(ZH_FP32, Role.PASSAGE, "fp32, no query instruction"),
            new DenseVariant(ZH_INT8, Role.QUERY, "int8")));
  }

  private void chineseKeyword() throws IOException {
    Task task = cslTask();
    try (KeywordIndex index = KeywordIndex.build(task.docs())) {
      for (List<String> fields : List.of(List.of("smartcn"), List.of("cjk"), List.of("smartcn", "cjk"))) {
        int[][] rankings = task.queries().stream().map(q -> index.search(q, fields)).toArray(int[][]::new);
        record(task, "BM25 " + String.join("+", fields), rankings);
      }
    }
  }

  /**
   * SciFact train: the first {@value #SCIFACT_QUERIES} queries with judgments, over their relevant
   * documents plus the first other documents of the corpus up to {@value #SCIFACT_DOCS}, so that
   * the distractors are not chosen by any model.
   */
  private Task sciFactTask() throws IOException {
    Path dir = data.resolve("scifact");
    Map<String, Set<String>> qrels = readQrels(dir.resolve("qrels/train.tsv"));
    // Queries are {"_id","text"}: the reader maps "text" to the (English) abstract.
    List<Paper> queries =
        readPapers(dir.resolve("queries-train.jsonl")).stream()
            .filter(q -> qrels.containsKey(q.id()))
            .limit(SCIFACT_QUERIES)
            .toList();
    Set<String> relevantIds = new HashSet<>();
    queries.forEach(q -> relevantIds.addAll(qrels.get(q.id())));
    List<Paper> docs = new ArrayList<>();
    int others = 0;
    for (Paper doc : readPapers(dir.resolve("corpus.jsonl"))) {
      if (relevantIds.contains(doc.id())) {
        docs.add(doc);
      } else if (others < SCIFACT_DOCS - relevantIds.size()) {
        docs.add(doc);
        others++;
      }
    }
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      position.put(docs.get(i).id(), i);
    }
    List<Set<Integer>> relevant = new ArrayList<>();
    for (Paper q : queries) {
      Set<Integer> rel = new HashSet<>();
      qrels.get(q.id()).stream().map(position::get).filter(i -> i != null).forEach(rel::add);
      relevant.add(rel);
    }
    log("SciFact subset: %d queries, %d docs (%d relevant)", queries.size(), docs.size(), relevantIds.size());
    return new Task(
        "SciFact train",
        queries.stream().map(Paper::abstractEn).toList(),
        docs.stream().map(d -> EmbeddingTexts.of(d).get(Lang.EN)).toList(),
        relevant);
  }

  /** CSL dev: each title must find its own paper's abstract among all 1,000. */
  private Task cslTask() throws IOException {
    List<Paper> papers = readPapers(data.resolve("csl/csl-dev.jsonl"));
    return new Task(
        "CSL dev title->abstract",
        papers.stream().map(Paper::title).toList(),
        papers.stream().map(ModelChoiceBench::anyAbstract).toList(),
        IntStream.range(0, papers.size()).mapToObj(i -> Set.of(i)).toList());
  }

  /** The paper's abstract in whichever language it has: one CSL paper (csl-dev-0566) has an English one. */
  private static String anyAbstract(Paper paper) {
    return paper.abstractZh() != null ? paper.abstractZh() : paper.abstractEn();
  }

  /**
   * Runs each variant. Each model is loaded once and its documents embedded once; queries are
   * embedded once per role, so variants sharing a model never re-embed anything.
   */
  private void evaluateDense(Task task, List<DenseVariant> variants) {
    Map<String, List<DenseVariant>> byModel = new LinkedHashMap<>();
    variants.forEach(v -> byModel.computeIfAbsent(v.model(), k -> new ArrayList<>()).add(v));
    for (var entry : byModel.entrySet()) {
      try (OnnxEmbedder embedder = OnnxEmbedder.load(models.require(entry.getKey()), QUALITY_THREADS)) {
        int callers = QUALITY_THREADS.predictors();
        float[][] docs = embedAll(embedder, task.docs(), Role.PASSAGE, callers);
        for (DenseVariant variant : entry.getValue()) {
          float[][] queries = embedAll(embedder, task.queries(), variant.queryRole(), callers);
          record(task, variant.model() + " (" + variant.label() + ")", rankDense(queries, docs));
        }
      }
    }
  }

  private void record(Task task, String variant, int[][] rankings) {
    Metrics metrics = Metrics.of(rankings, task.relevant());
    log("%s | %s | %s", task.name(), variant, metrics);
    qualityRows.add(new QualityRow(task.name(), variant, metrics));
  }

  /** Exact cosine search: the vectors are unit length, so the dot product is the cosine. */
  private static int[][] rankDense(float[][] queries, float[][] docs) {
    int[][] rankings = new int[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      float[] scores = new float[docs.length];
      for (int d = 0; d < docs.length; d++) {
        scores[d] = Vectors.dot(queries[q], docs[d]);
      }
      rankings[q] = topK(scores, DEPTH);
    }
    return rankings;
  }

  /** Indices of the k highest scores, best first; ties go to the lower index. */
  private static int[] topK(float[] scores, int k) {
    return IntStream.range(0, scores.length)
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
        .limit(k)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Retrieval metrics with binary relevance, averaged over queries (computed by {@link io.papersearch.eval.Metrics}). */
  private record Metrics(double ndcg10, double recall1, double recall10, double recall100, double mrr10) {

    static Metrics of(int[][] rankings, List<Set<Integer>> relevant) {
      double[] sums = new double[5];
      for (int q = 0; q < rankings.length; q++) {
        List<String> ranked = IntStream.of(rankings[q]).mapToObj(Integer::toString).toList();
        Map<String, Integer> judged = new HashMap<>();
        relevant.get(q).forEach(d -> judged.put(Integer.toString(d), 1));
        sums[0] += io.papersearch.eval.Metrics.ndcg(ranked, judged, 10);
        sums[1] += io.papersearch.eval.Metrics.recall(ranked, judged, 1);
        sums[2] += io.papersearch.eval.Metrics.recall(ranked, judged, 10);
        sums[3] += io.papersearch.eval.Metrics.recall(ranked, judged, 100);
        sums[4] += io.papersearch.eval.Metrics.mrr(ranked, judged, 10);
      }
      int n = rankings.length;
      return new Metrics(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "nDCG@10 %.4f R@1 %.4f R@10 %.4f R@100 %.4f MRR@10 %.4f",
          ndcg10, recall1, recall10, recall100, mrr10);
    }
  }

  /**
   * An in-memory BM25 index of the documents with one field per Chinese analyser, so all the
   * analyser variants are scored against the same documents.
   */
  private static final class KeywordIndex implements AutoCloseable {
    private static final String ORDINAL = "ord";

    private final Analyzer analyzer =
        new PerFieldAnalyzerWrapper(
            new StandardAnalyzer(),
            Map.of("smartcn", new SmartChineseAnalyzer(), "cjk", new CJKAnalyzer()));
    private final Directory dir = new ByteBuffersDirectory();
    private DirectoryReader reader;
    private IndexSearcher searcher;

    static KeywordIndex build(List<String> docs) throws IOException {
      KeywordIndex index = new KeywordIndex();
      try (IndexWriter writer = new IndexWriter(index.dir, new IndexWriterConfig(index.analyzer))) {
        for (int i = 0; i < docs.size(); i++) {
          Document doc = new Document();
          // Merges may reorder Lucene doc ids, so each document carries its position.
          doc.add(new StoredField(ORDINAL, i));
          doc.add(new TextField("smartcn", docs.get(i), Field.Store.NO));
          doc.add(new TextField("cjk", docs.get(i), Field.Store.NO));
          writer.addDocument(doc);
        }
      }
      index.reader = DirectoryReader.open(index.dir);
      index.searcher = new IndexSearcher(index.reader);
      return index;
    }

    /**
     * Ranks the documents for {@code text}: a disjunction of its distinct terms in each field, each
     * analysed by that field's analyser. Like the server's keyword leg, the text is analysed, never
     * parsed as query syntax.
     */
    int[] search(String text, List<String> fields) {
      BooleanQuery.Builder query = new BooleanQuery.Builder();
      for (String field : fields) {
        for (String term : terms(field, text)) {
          query.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.SHOULD);
        }
      }
      try {
        ScoreDoc[] hits = searcher.search(query.build(), DEPTH).scoreDocs;
        StoredFields stored = searcher.storedFields();
        int[] ranked = new int[hits.length];
        for (int i = 0; i < hits.length; i++) {
          ranked[i] = stored.document(hits[i].doc).getField(ORDINAL).numericValue().intValue();
        }
        return ranked;
      } catch (IOException e) {
        throw new UncheckedIOException("in-memory search failed", e);
      }
    }

    private Set<String> terms(String field, String text) {
      Set<String> terms = new LinkedHashSet<>();
      try (TokenStream ts = analyzer.tokenStream(field, text)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          terms.add(term.toString());
        }
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException("analysing a string cannot fail", e);
      }
      return terms;
    }

    @Override
    public void close() throws IOException {
      reader.close();
      dir.close();
      analyzer.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Shared helpers

  /**
   * Embeds every text, one at a time (the embedder's batch size is 1), from {@code callers} threads
   * at once; the result keeps the input order.
   */
  private static float[][] embedAll(OnnxEmbedder embedder, List<String> texts, Role role, int callers) {
    float[][] vectors = new float[texts.size()][];
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    runParallel(callers, texts.size(), i -> {
      vectors[i] = embedder.embed(texts.get(i), role);
      int n = done.incrementAndGet();
      if (n % 250 == 0) {
        log("  %s %s: %d/%d texts, %.1f texts/s", embedder.spec().id(), role, n, texts.size(),
            n / ((System.nanoTime() - start) / 1e9));
      }
    });
    return vectors;
  }

  /** Calls {@code task} for 0..n-1 from {@code threads} threads that take the next index as they go. */
  private static void runParallel(int threads, int n, IntConsumer task) {
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        task.accept(i);
      }
    };
    if (threads == 1) {
      worker.run();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("parallel embedding failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads a file with the project's own reader, so texts are normalised as the server would. */
  private static List<Paper> readPapers(Path file) throws IOException {
    List<Paper> papers = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    PaperReaders.forFile(file).read(file, new PaperSink() {
      @Override
      public void accept(Paper paper, int line) {
        papers.add(paper);
      }

      @Override
      public void reject(Rejection rejection) {
        rejections.add(rejection);
      }
    });
    if (!rejections.isEmpty()) {
      log("%s: %d records rejected, first: %s", file, rejections.size(), rejections.get(0));
    }
    return papers;
  }

  /** BEIR qrels: a header line, then {@code query-id corpus-id score}; score 0 is not relevant. */
  private static Map<String, Set<String>> readQrels(Path file) throws IOException {
    Map<String, Set<String>> qrels = new HashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.split("\t");
      if (cols.length == 3 && Integer.parseInt(cols[2].strip()) > 0) {
        qrels.computeIfAbsent(cols[0], k -> new HashSet<>()).add(cols[1]);
      }
    }
    return qrels;
  }

  private void printTables() {
    if (!speedRows.isEmpty()) {
      System.out.println("Speed: first " + SPEED_TEXTS + " ACL abstracts, batch 1, Role.PASSAGE");
      System.out.printf("%-20s %-28s %8s %11s %11s %8s %8s %3s  %s%n",
          "model", "threads", "tokens/s", "abstracts/s", "mean tokens", "own cpu", "others", "try",
          "loadavg before");
      for (SpeedRow r : speedRows) {
        System.out.printf(Locale.ROOT, "%-20s %-28s %8.0f %11.2f %11.1f %8.2f %8.2f %3d  %s%n",
            r.model(), r.config(), r.tokensPerSec(), r.textsPerSec(), r.meanTokens(),
            r.ownCores(), r.otherCores(), r.attempts(), r.loadBefore());
      }
      System.out.println();
    }
    if (!qualityRows.isEmpty()) {
      System.out.printf("%-24s %-48s %8s %7s %7s %7s %7s%n",
          "task", "variant", "nDCG@10", "R@1", "R@10", "R@100", "MRR@10");
      for (QualityRow r : qualityRows) {
        Metrics m = r.metrics();
        System.out.printf(Locale.ROOT, "%-24s %-48s %8.4f %7.4f %7.4f %7.4f %7.4f%n",
            r.task(), r.variant(), m.ndcg10(), m.recall1(), m.recall10(), m.recall100(), m.mrr10());
      }
    }
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, format + "%n", args);
  }
}
