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

  static Path write(Path dir, String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
