package io.papersearch.cli;

import io.papersearch.index.Importer;
import io.papersearch.ingest.Rejection;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code papersearch index [--index DIR] FILE...}: import paper files into the index. */
@Command(name = "index", description = "Index paper files (.md table, .jsonl, .csv, .tsv, .bib, .ris); re-indexing is an upsert by id.")
final class IndexCommand implements Callable<Integer> {

  /** Rejections listed in full; more are counted. */
  static final int MAX_LISTED = 20;

  @Mixin CommonOptions opts;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to index.")
  List<Path> files;

  @picocli.CommandLine.Option(names = "--vectors", paramLabel = "FILE",
      description = "JSONL of vectors embedded elsewhere ({\"id\", \"en\": [...], \"zh\": [...]}), used instead of running the model.")
  Path vectors;

  @Override
  public Integer call() throws Exception {
    for (Path f : files) {
      if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
        throw new IllegalArgumentException("cannot read " + f + ": no such readable file");
      }
    }
    PrintStream err = System.err;
    long start = System.nanoTime();
    if (vectors != null && !Files.isReadable(vectors)) {
      throw new IllegalArgumentException("cannot read " + vectors + ": no such readable file");
    }
    try (Engine engine = Engine.open(opts, true)) {
      Importer importer =
          vectors == null ? engine.importer() : engine.importer(io.papersearch.index.ImportedVectors.read(vectors, engine.index.schema()));
      for (Path f : files) {
        int total = Importer.countRecords(f);
        Progress progress = new Progress(err, f.getFileName().toString(), total, importer.summary().records());
        try {
          importer.importFile(f, progress);
        } finally {
          progress.finish();
        }
      }
      Importer.Summary s = importer.summary();
      printSummary(System.out, s, (System.nanoTime() - start) / 1e9, engine.index.count());
      return 0;
    }
  }

  static void printSummary(PrintStream out, Importer.Summary s, double seconds, int indexSize) {
    out.printf(
        Locale.ROOT,
        "indexed %d papers in %.1fs: %d added, %d updated, %d unchanged, %d rejected; index holds %d papers%n",
        s.papers(), seconds, s.added(), s.updated(), s.unchanged(), s.rejections().size(), indexSize);
    List<Rejection> r = s.rejections();
    for (int i = 0; i < Math.min(MAX_LISTED, r.size()); i++) {
      out.println("  rejected " + r.get(i));
    }
    if (r.size() > MAX_LISTED) {
      out.println("  ... and " + (r.size() - MAX_LISTED) + " more rejected records");
    }
  }
}
