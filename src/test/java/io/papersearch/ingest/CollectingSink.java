package io.papersearch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test sink that keeps everything it is given, with a helper to read a file into one. */
final class CollectingSink implements PaperSink {

  final List<Paper> papers = new ArrayList<>();
  final List<Integer> lines = new ArrayList<>();
  final List<Rejection> rejections = new ArrayList<>();

  @Override
  public void accept(Paper paper, int line) {
    papers.add(paper);
    lines.add(line);
  }

  @Override
  public void reject(Rejection rejection) {
    rejections.add(rejection);
  }

  List<String> rejectionTexts() {
    return rejections.stream().map(Rejection::toString).toList();
  }

  /** Writes {@code content} as UTF-8 to {@code dir/name} and reads it with the reader for its extension. */
  static CollectingSink read(Path dir, String name, String content) throws IOException {
    return read(write(dir, name, content));
  }

  static CollectingSink read(Path file) throws IOException {
    CollectingSink sink = new CollectingSink();
    PaperReaders.forFile(file).read(file, sink);
    return sink;
  }

  /**
   * Reads two files 40 times from four threads at once with one reader instance: every read must
   * give exactly what a lone read gave. Readers are documented as thread-safe.
   */
  static void assertReadsAgreeAcrossThreads(PaperReader reader, Path a, Path b) throws Exception {
    List<Paper> expectedA = read(a).papers;
    List<Paper> expectedB = read(b).papers;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Path file = i % 2 == 0 ? a : b;
        List<Paper> expected = i % 2 == 0 ? expectedA : expectedB;
        results.add(pool.submit(() -> {
          CollectingSink sink = new CollectingSink();
          reader.read(file, sink);
          return sink.papers.equals(expected);
        }));
      }
      for (java.util.concurrent.Future<Boolean> result : results) {
        org.assertj.core.api.Assertions.assertThat(result.get()).as("a concurrent read of " + a.getFileName() + "/" + b.getFileName()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static Path write(Path dir, String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
