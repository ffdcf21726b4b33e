package io.papersearch.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code papersearch compact}: merges the index into fewer segments. An index grown by imports and
 * writes has several segments, and every query searches each one's term dictionary and HNSW graph;
 * one segment is the fastest to search (README, Performance). Needs the write lock, so the server
 * must be stopped; an interrupted run leaves the previous commit in place.
 */
@Command(name = "compact", description = "Merge the index into fewer segments for faster searches (stop the server first).")
final class CompactCommand implements Callable<Integer> {

  @Mixin CommonOptions opts;

  @Option(names = "--segments", defaultValue = "1", description = "Segments to leave (default: ${DEFAULT-VALUE}).")
  int segments;

  @Override
  public Integer call() {
    if (segments < 1) {
      throw new IllegalArgumentException("--segments must be >= 1, got " + segments);
    }
    PrintStream out = System.out;
    try (Engine engine = Engine.open(opts, true)) {
      int before = engine.index.segmentCount();
      long bytesBefore = engine.index.sizeOnDisk();
      if (before <= segments) {
        out.printf(Locale.ROOT, "%s has %d segment%s already; nothing to merge%n", opts.index(), before, before == 1 ? "" : "s");
        return 0;
      }
      out.printf(Locale.ROOT, "merging %,d papers in %d segments into %d (HNSW graphs are rebuilt: minutes at a million papers)%n",
          engine.index.count(), before, segments);
      long start = System.nanoTime();
      engine.index.forceMerge(segments);
      out.printf(Locale.ROOT, "done in %.1f s: %d segment%s, %s on disk (was %s)%n",
          BenchSupport.seconds(start), engine.index.segmentCount(), segments == 1 ? "" : "s",
          BenchSupport.mib(engine.index.sizeOnDisk()), BenchSupport.mib(bytesBefore));
    }
    return 0;
  }
}
