package io.papersearch.cli;

import io.papersearch.eval.Evaluator;
import io.papersearch.eval.Qrels;
import io.papersearch.index.Importer;
import io.papersearch.search.Fusion;
import io.papersearch.ingest.Lang;
import io.papersearch.search.SearchMode;
import io.papersearch.search.SearchRequest;
import io.papersearch.search.SearchService;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code papersearch eval}: retrieval quality on a BEIR-format test collection. */
@Command(
    name = "eval",
    description = "Index a BEIR corpus (or reuse --index) and print nDCG@10, Recall@10, Recall@100 and MRR@10 per mode.")
final class EvalCommand implements Callable<Integer> {

  @Mixin CommonOptions opts;

  @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "corpus.jsonl ({\"_id\",\"title\",\"text\"}).")
  Path corpus;

  @Option(names = "--title-queries", description = "Known-item task: index the corpus without titles; each title must find its own paper (CSL).")
  boolean titleQueries;

  @Option(names = "--pairs", paramLabel = "zh-en|en-zh",
      description = "Cross-lingual task on {\"id\",\"zh\",\"en\"} pairs: zh-en indexes the English side and searches with the Chinese one; en-zh the reverse.")
  String pairs;

  @Option(names = "--query-lang", defaultValue = "auto", description = "Search every query as en, zh, or auto-detect (default: ${DEFAULT-VALUE}).")
  String queryLang;

  @Option(names = "--queries", paramLabel = "FILE", description = "queries.jsonl ({\"_id\",\"text\"}).")
  Path queries;

  @Option(names = "--qrels", paramLabel = "FILE", description = "qrels TSV (query-id corpus-id score).")
  Path qrels;

  @Option(names = "--modes", split = ",", defaultValue = "keyword,semantic,hybrid", description = "Modes to evaluate (default: ${DEFAULT-VALUE}).")
  List<String> modes;

  @Option(names = "--fusion", split = ",", defaultValue = "convex", description = "Hybrid fusion method(s): rrf, convex (default: ${DEFAULT-VALUE}).")
  List<String> fusionMethods;

  @Option(names = "--rrf-k", split = ",", defaultValue = "60", description = "RRF constant(s) (default: ${DEFAULT-VALUE}).")
  List<Integer> rrfKs;

  @Option(names = "--semantic-weight", split = ",", defaultValue = "0.7", description = "Semantic leg weight(s) in [0,1] (default: ${DEFAULT-VALUE}).")
  List<Double> semanticWeights;

  @Option(names = "--depth", split = ",", defaultValue = "100", description = "Candidates the semantic leg ranks (default: ${DEFAULT-VALUE}).")
  List<Integer> depths;

  @Option(names = "--run", paramLabel = "FILE", description = "Write TREC run files: FILE for one mode, FILE.<mode> for several.")
  Path run;

  @Override
  public Integer call() throws Exception {
    boolean builtIn = titleQueries || pairs != null;
    if (!builtIn && (queries == null || qrels == null)) {
      throw new IllegalArgumentException("eval needs --queries and --qrels, or --title-queries, or --pairs");
    }
    for (Path f : builtIn ? List.of(corpus) : List.of(corpus, queries, qrels)) {
      if (!Files.isReadable(f)) {
        throw new IllegalArgumentException("cannot read " + f + ": no such readable file");
      }
    }
    List<SearchMode> parsed = new ArrayList<>();
    for (String m : modes) {
      parsed.add(SearchMode.parse(m));
    }
    Evaluator.Collection lookup = titleQueries ? Evaluator.titleLookup(corpus) : pairs != null ? Evaluator.pairLookup(corpus, pairQueryLang()) : null;
    List<Evaluator.Query> qs = lookup != null ? lookup.queries() : Evaluator.readQueries(queries);
    Qrels judged = lookup != null ? lookup.qrels() : Qrels.read(qrels);
    Lang forcedLang = SearchRequest.parseLang(queryLang);
    PrintStream out = System.out;
    try (Engine engine = Engine.open(opts, indexDir(), true, Fusion.defaults())) {
      Importer importer = engine.importer();
      Progress progress = new Progress(System.err, corpus.getFileName().toString(), Importer.countRecords(corpus), 0);
      long start = System.nanoTime();
      if (lookup != null) {
        importer.importPapers(lookup.documents(), progress);
      } else {
        importer.importFile(corpus, progress);
      }
      progress.finish();
      IndexCommand.printSummary(out, importer.summary(), (System.nanoTime() - start) / 1e9, engine.index.count());
      out.printf(Locale.ROOT, "%-9s %8s %9s %10s %8s %8s  %s%n", "mode", "nDCG@10", "Recall@10", "Recall@100", "MRR@10", "queries", "fusion");
      for (SearchMode mode : parsed) {
        // Semantic depends on the fusion's depth only (the HNSW k): one row per depth; keyword on
        // none of it (BM25 ranks exactly the page): one row; hybrid: one row per setting.
        List<Fusion> settings = switch (mode) {
          case HYBRID -> fusionSettings();
          case SEMANTIC -> depthSettings();
          case KEYWORD -> List.of(Fusion.defaults());
        };
        for (Fusion fusion : settings) {
          Evaluator evaluator = new Evaluator(new SearchService(engine.index, engine.embedders, fusion), forcedLang);
          try (PrintWriter w = settings.size() == 1 ? runWriter(mode, parsed.size()) : null) {
            Evaluator.Scores s = evaluator.evaluate(mode, qs, judged, w);
            out.printf(Locale.ROOT, "%-9s %8.4f %9.4f %10.4f %8.4f %8d  %s%n", mode.wire(), s.ndcg10(), s.recall10(), s.recall100(), s.mrr10(), s.queries(),
                mode == SearchMode.HYBRID ? fusion : settings.size() > 1 ? "depth=" + fusion.minDepth() : "");
          }
        }
      }
    }
    return 0;
  }

  private Lang pairQueryLang() {
    return switch (pairs) {
      case "zh-en" -> Lang.ZH;
      case "en-zh" -> Lang.EN;
      default -> throw new IllegalArgumentException("--pairs must be zh-en or en-zh, got '" + pairs + "'");
    };
  }

  private List<Fusion> depthSettings() {
    return depths.stream().distinct().map(Fusion.defaults()::withMinDepth).toList();
  }

  private List<Fusion> fusionSettings() {
    List<Fusion> out = new ArrayList<>();
    for (String m : fusionMethods) {
      Fusion.Method method = Fusion.Method.parse(m);
      for (int k : method == Fusion.Method.RRF ? rrfKs : List.of(Fusion.defaults().rrfK())) {
        for (double w : semanticWeights) {
          for (int d : depths) {
            for (int kd : opts.keywordDepths()) {
              out.add(Fusion.of(method, k, w, d).withKeywordDepth(kd));
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * An evaluation never writes into the serving index: by default each corpus gets its own folder
   * under eval-index/, reused by the next run (unchanged papers are not re-embedded).
   */
  private Path indexDir() {
    if (opts.index != null) {
      return opts.index;
    }
    Path parent = corpus.toAbsolutePath().getParent();
    String stem = corpus.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    String suffix = titleQueries ? "-notitle" : pairs != null ? "-" + pairs : "";
    String name = (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "-") + stem + suffix;
    return Path.of("eval-index", name.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  private PrintWriter runWriter(SearchMode mode, int modeCount) throws IOException {
    if (run == null) {
      return null;
    }
    Path file = modeCount == 1 ? run : run.resolveSibling(run.getFileName() + "." + mode.wire());
    return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }
}
