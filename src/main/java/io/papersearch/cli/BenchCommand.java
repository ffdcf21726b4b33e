package io.papersearch.cli;

import io.papersearch.embed.Embedders;
import io.papersearch.embed.OnnxEmbedder;
import io.papersearch.embed.Role;
import io.papersearch.embed.TextEmbedder;
import io.papersearch.index.EmbeddingTexts;
import io.papersearch.index.Importer;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import io.papersearch.ingest.PaperReaders;
import io.papersearch.ingest.PaperSink;
import io.papersearch.ingest.Rejection;
import io.papersearch.search.SearchRequest;
import io.papersearch.search.SearchService;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code papersearch bench}: indexing and query speed on real abstracts, printed side by side. The
 * embedding cache is never used here: every figure is a real model run.
 *
 * <ol>
 *   <li>raw ONNX Runtime: the English model on pre-tokenised texts, with the configured threads
 *       (the ceiling papersearch can reach);
 *   <li>end to end: the same papers through read, normalise, tokenise, embed and a Lucene commit;
 *   <li>queries: query embedding latency, and hybrid search latency without embedding.
 * </ol>
 */
@Command(name = "bench", subcommands = {ScaleBenchCommand.class, HttpBenchCommand.class}, description = "Measure raw model throughput, end-to-end indexing throughput and query latency.")
final class BenchCommand implements Callable<Integer> {

  @Mixin CommonOptions opts;

  @Option(names = "--texts", paramLabel = "FILE", defaultValue = "../shared/data/acl/acl-anthology-abstracts.jsonl",
      description = "JSONL papers to embed (default: ${DEFAULT-VALUE}).")
  Path texts;

  @Option(names = "--count", defaultValue = "200", description = "Papers to index (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--queries", defaultValue = "100", description = "Queries to time: titles of the following papers (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--peer", description = "Also time (c), LangChain4j's in-process embedAll on the same model files. "
      + "Needs the test classpath: run it as ./papersearch bench --peer.")
  boolean peer;

  private static final int WARMUP = 10;

  /** An embedding library papersearch is compared with: stage (c). */
  interface Peer extends AutoCloseable {
    /** Embeds every text as a passage, the way the library's users call it. */
    void embedAll(List<String> texts) throws Exception;

    @Override
    void close();
  }

  /** Opens a {@link Peer} on a model's own ONNX and tokenizer files. */
  interface PeerFactory {
    String name();

    Peer open(io.papersearch.embed.ModelSpec model) throws Exception;
  }

  private final PeerFactory peerFactory;

  /** The bench as the application ships it: no peer on the classpath. */
  BenchCommand() {
    this(null);
  }

  /** The bench with a peer, from the test classpath ({@code ./papersearch bench --peer}). */
  BenchCommand(PeerFactory peerFactory) {
    this.peerFactory = peerFactory;
  }

  @Override
  public Integer call() throws Exception {
    if (!texts.getFileName().toString().endsWith(".jsonl")) {
      throw new IllegalArgumentException("--texts must be a .jsonl file, got " + texts);
    }
    if (!Files.isReadable(texts)) {
      throw new IllegalArgumentException("cannot read " + texts + ": no such readable file (see --texts)");
    }
    if (peer && peerFactory == null) {
      throw new IllegalArgumentException(
          "--peer needs LangChain4j, which only the test classpath has: run ./papersearch bench --peer");
    }
    if (count < 1 || queries < 1) {
      throw new IllegalArgumentException("--count and --queries must be >= 1, got " + count + " and " + queries);
    }
    List<Paper> papers = readPapers(count + queries + WARMUP);
    if (papers.size() < count + queries + WARMUP) {
      throw new IllegalArgumentException(texts + " has " + papers.size() + " usable papers; need " + (count + queries + WARMUP));
    }
    List<Paper> indexed = papers.subList(0, count);
    List<String> questions = papers.subList(count, count + queries).stream().map(Paper::title).toList();
    List<String> warmup = papers.subList(count + queries, papers.size()).stream().map(p -> EmbeddingTexts.of(p).get(Lang.EN)).toList();
    PrintStream out = System.out;
    int workers = opts.workers();
    try (Embedders embedders = Embedders.load(opts.models(), opts.modelEn, opts.modelZh, opts.modelThreads(), null)) {
      if (!(embedders.en() instanceof OnnxEmbedder model)) {
        throw new IllegalStateException("bench needs the ONNX embedder");
      }
      out.printf(Locale.ROOT, "papersearch bench: %d papers from %s, model %s, %d worker(s) x %d intra-op thread(s), %d cores%n",
          count, texts.getFileName(), model.spec().id(), workers, opts.threads, Runtime.getRuntime().availableProcessors());
      BenchSupport.parallel(workers, warmup.size(), i -> model.embed(warmup.get(i), Role.PASSAGE));

      // (a) raw ONNX Runtime on pre-tokenised texts
      List<OnnxEmbedder.Tokens> tokens = indexed.stream().map(p -> model.tokenize(EmbeddingTexts.of(p).get(Lang.EN), Role.PASSAGE)).toList();
      long tokenCount = tokens.stream().mapToLong(OnnxEmbedder.Tokens::length).sum();
      long start = System.nanoTime();
      BenchSupport.parallel(workers, tokens.size(), i -> model.embed(tokens.get(i)));
      double rawSeconds = BenchSupport.seconds(start);
      double rawRate = count / rawSeconds;

      // (c) the peer: the same texts, the same model files, one embedAll call as its users make it
      double peerSeconds = Double.NaN;
      if (peer) {
        List<String> passages = indexed.stream().map(p -> EmbeddingTexts.of(p).get(Lang.EN)).toList();
        try (Peer lib = peerFactory.open(model.spec())) {
          lib.embedAll(warmup);
          start = System.nanoTime();
          lib.embedAll(passages);
          peerSeconds = BenchSupport.seconds(start);
        }
      }

      // (b) end to end: a JSONL file of the same papers through the importer into a fresh index
      Path dir = Files.createTempDirectory("papersearch-bench");
      try {
        Path file = dir.resolve("papers.jsonl");
        copyLines(texts, file, java.util.Set.copyOf(lines.subList(0, indexed.size())));
        double e2eSeconds;
        try (PaperIndex index = PaperIndex.openForWriting(dir.resolve("index"), Indexer.schemaOf(embedders))) {
          start = System.nanoTime();
          new Importer(index, new Indexer(index, embedders), workers).importFile(file, s -> {});
          e2eSeconds = BenchSupport.seconds(start);
          double e2eRate = count / e2eSeconds;
          out.printf(Locale.ROOT, "%-44s %10s %12s %10s%n", "stage", "papers/s", "tokens/s", "seconds");
          out.printf(Locale.ROOT, "%-44s %10.2f %12.0f %10.1f%n", "(a) raw ONNX Runtime, pre-tokenised", rawRate, tokenCount / rawSeconds, rawSeconds);
          out.printf(Locale.ROOT, "%-44s %10.2f %12.0f %10.1f%n", "(b) end to end: read..embed..Lucene commit", e2eRate, tokenCount / e2eSeconds, e2eSeconds);
          if (peer) {
            out.printf(Locale.ROOT, "%-44s %10.2f %12.0f %10.1f%n", "(c) " + peerFactory.name(), count / peerSeconds, tokenCount / peerSeconds, peerSeconds);
          }
          out.printf(Locale.ROOT, "b/a = %.2f%s   (mean %.0f tokens per paper)%n", e2eRate / rawRate,
              peer ? String.format(Locale.ROOT, ", b/c = %.2f", e2eRate / (count / peerSeconds)) : "", (double) tokenCount / count);

          // (c) queries, one at a time, as a user asks them
          SearchService search = new SearchService(index, embedders);
          TextEmbedder en = embedders.en();
          for (String w : warmup) {
            search.search(SearchRequest.of(w.length() > 200 ? w.substring(0, 200) : w));
          }
          long[] embedNanos = new long[questions.size()];
          long[] searchNanos = new long[questions.size()];
          for (int i = 0; i < questions.size(); i++) {
            long t = System.nanoTime();
            en.embed(questions.get(i), Role.QUERY);
            embedNanos[i] = System.nanoTime() - t;
            search.search(SearchRequest.of(questions.get(i))); // embeds once more and caches the vector
            t = System.nanoTime();
            search.search(SearchRequest.of(questions.get(i))); // now the vector comes from the cache
            searchNanos[i] = System.nanoTime() - t;
          }
          out.printf(Locale.ROOT, "query embedding (%d titles): p50 %.1f ms, p99 %.1f ms%n", questions.size(), BenchSupport.pct(embedNanos, 50), BenchSupport.pct(embedNanos, 99));
          out.printf(Locale.ROOT, "hybrid search without embedding, %d papers: p50 %.2f ms, p99 %.2f ms%n", count, BenchSupport.pct(searchNanos, 50), BenchSupport.pct(searchNanos, 99));
        }
      } finally {
        try (Stream<Path> walk = Files.walk(dir)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return 0;
  }

  /** Source lines of the papers read, in order: the end-to-end stage re-reads exactly these. */
  private final List<Integer> lines = new ArrayList<>();

  private List<Paper> readPapers(int n) throws IOException {
    List<Paper> out = new ArrayList<>();
    PaperReaders.forFile(texts).read(texts, new PaperSink() {
      @Override
      public void accept(Paper paper, int line) {
        if (out.size() < n && paper.title() != null && EmbeddingTexts.of(paper).containsKey(Lang.EN)) {
          out.add(paper);
          lines.add(line);
        }
      }

      @Override
      public void reject(Rejection rejection) {}
    });
    return out;
  }

  /** The bench papers' source lines, in a file the importer reads afresh (JSONL: a record a line). */
  private static void copyLines(Path from, Path to, java.util.Set<Integer> wanted) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
      String line;
      for (int n = 1; (line = in.readLine()) != null; n++) {
        if (wanted.contains(n)) {
          w.write(line);
          w.newLine();
        }
      }
    }
  }

}
