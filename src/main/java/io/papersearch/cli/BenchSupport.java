package io.papersearch.cli;

import io.papersearch.ingest.Paper;
import io.papersearch.ingest.PaperReaders;
import io.papersearch.ingest.PaperSink;
import io.papersearch.ingest.Rejection;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.codecs.CompoundDirectory;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/** Timing, percentile and memory helpers shared by the bench commands. Stateless. */
final class BenchSupport {
  private BenchSupport() {}

  interface Task {
    void run(int i) throws Exception;
  }

  /** Runs {@code task(0..n-1)} on {@code threads} threads, each taking the next index; rethrows the first failure. */
  static void parallel(int threads, int n, Task task) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            task.run(i);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The papers of a bench text file that pass {@code keep}, in file order; bad records are skipped. */
  static List<Paper> readPapers(Path file, java.util.function.Predicate<Paper> keep) throws IOException {
    List<Paper> out = new ArrayList<>();
    PaperReaders.forFile(file).read(file, new PaperSink() {
      @Override
      public void accept(Paper paper, int line) {
        if (keep.test(paper)) {
          out.add(paper);
        }
      }

      @Override
      public void reject(Rejection rejection) {}
    });
    return out;
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The {@code p}-th percentile (nearest rank) of durations in nanoseconds, in milliseconds. */
  static double pct(long[] nanos, double p) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /** "p50 a ms, p99 b ms" of durations in nanoseconds. */
  static String latency(long[] nanos) {
    return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", pct(nanos, 50), pct(nanos, 99));
  }

  /**
   * CPU time this process has used, all threads, in nanoseconds; -1 where the JVM cannot tell. On
   * a shared machine it moves less than wall time: it counts the work, not the waiting.
   */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** Heap in use after a full collection, in MiB. */
  static double heapUsedMiB() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }

  /** Resident set size of this process in MiB (Linux), or NaN where /proc is absent. */
  static double rssMiB() {
    Path status = Path.of("/proc/self/status");
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  /**
   * Bytes of an index's files by extension ("vec" float vectors, "veq" quantised ones, "vex" the
   * HNSW graph, ...), looking inside compound ({@code .cfs}) segments.
   */
  static Map<String, Long> sizeByExtension(Path dir) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Directory directory = FSDirectory.open(dir)) {
      SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
      for (SegmentCommitInfo segment : commit) {
        Set<String> files = new HashSet<>(segment.files());
        if (segment.info.getUseCompoundFile()) {
          try (CompoundDirectory cfs = segment.info.getCodec().compoundFormat().getCompoundReader(directory, segment.info)) {
            for (String name : cfs.listAll()) {
              sizes.merge(extension(name), cfs.fileLength(name), Long::sum);
            }
          }
          files.removeIf(f -> f.endsWith(".cfs") || f.endsWith(".cfe"));
        }
        for (String name : files) {
          sizes.merge(extension(name), directory.fileLength(name), Long::sum);
        }
      }
    }
    return sizes;
  }

  private static String extension(String file) {
    int dot = file.lastIndexOf('.');
    return dot < 0 ? file : file.substring(dot + 1);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
