package io.papersearch.cli;

import io.papersearch.eval.Evaluator;
import io.papersearch.eval.Qrels;
import io.papersearch.index.Importer;
import io.papersearch.search.SearchMode;
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
    description = "Index a BEIR corpus (or reuse --index) and print nDCG@10, Recall@100 and MRR@10 per mode.")
final class EvalCommand implements Callable<Integer> {

  @Mixin CommonOptions opts;

  @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "corpus.jsonl ({\"_id\",\"title\",\"text\"}).")
  Path corpus;

  @Option(names = "--queries", required = true, paramLabel = "FILE", description = "queries.jsonl ({\"_id\",\"text\"}).")
  Path queries;

  @Option(names = "--qrels", required = true, paramLabel = "FILE", description = "qrels TSV (query-id corpus-id score).")
  Path qrels;

  @Option(names = "--modes", split = ",", defaultValue = "keyword,semantic,hybrid", description = "Modes to evaluate (default: ${DEFAULT-VALUE}).")
  List<String> modes;

  @Option(names = "--run", paramLabel = "FILE", description = "Write TREC run files: FILE for one mode, FILE.<mode> for several.")
  Path run;

  @Override
  public Integer call() throws Exception {
    for (Path f : List.of(corpus, queries, qrels)) {
      if (!Files.isReadable(f)) {
        throw new IllegalArgumentException("cannot read " + f + ": no such readable file");
      }
    }
    List<SearchMode> parsed = new ArrayList<>();
    for (String m : modes) {
      parsed.add(SearchMode.parse(m));
    }
    List<Evaluator.Query> qs = Evaluator.readQueries(queries);
    Qrels judged = Qrels.read(qrels);
    PrintStream out = System.out;
    try (Engine engine = Engine.open(opts, indexDir(), true)) {
      Importer importer = engine.importer();
      Progress progress = new Progress(System.err, corpus.getFileName().toString(), Importer.countRecords(corpus), 0);
      long start = System.nanoTime();
      importer.importFile(corpus, progress);
      progress.finish();
      IndexCommand.printSummary(out, importer.summary(), (System.nanoTime() - start) / 1e9, engine.index.count());
      Evaluator evaluator = new Evaluator(engine.search);
      out.printf(Locale.ROOT, "%-9s %8s %10s %8s %8s%n", "mode", "nDCG@10", "Recall@100", "MRR@10", "queries");
      for (SearchMode mode : parsed) {
        try (PrintWriter w = runWriter(mode, parsed.size())) {
          Evaluator.Scores s = evaluator.evaluate(mode, qs, judged, w);
          out.printf(Locale.ROOT, "%-9s %8.4f %10.4f %8.4f %8d%n", mode.wire(), s.ndcg10(), s.recall100(), s.mrr10(), s.queries());
        }
      }
    }
    return 0;
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
    String name = (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "-") + stem;
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
