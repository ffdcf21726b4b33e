package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads the real data: the bundled seed sample always, the shared data folder when present
 * ({@code -Dpapersearch.sharedData}, default {@code ../shared/data}).
 */
class RealDataTest {

  private static final String SAMPLE = "/sample/iccv2023-medical-imaging-papers.md";
  private static final Path SHARED =
      Path.of(System.getProperty("papersearch.sharedData", "../shared/data"));

  @Test
  void bundled_seed_sample_reads_41_complete_papers() throws IOException {
    CollectingSink sink = new CollectingSink();
    try (InputStream in = RealDataTest.class.getResourceAsStream(SAMPLE)) {
      assertThat(in).as("classpath resource %s", SAMPLE).isNotNull();
      PaperReaders.markdown().read(in, Path.of("iccv2023-medical-imaging-papers.md"), sink);
    }
    assertSeed(sink);
  }

  @Test
  void shared_seed_file_reads_41_complete_papers() throws IOException {
    Path seed = SHARED.resolve("seed/iccv2023-medical-imaging-papers.md");
    Assumptions.assumeTrue(Files.exists(seed), "skipping: " + seed.getParent() + " not found");
    assertSeed(CollectingSink.read(seed));
  }

  @Test
  void csl_first_200_lines_read_without_rejections() throws IOException {
    CollectingSink sink = readHead(SHARED.resolve("csl/csl-dev.jsonl"), 200);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).hasSize(200).allSatisfy(p -> {
      assertThat(p.id()).startsWith("csl-dev-");
      assertThat(p.title()).isNotNull();
      assertThat(p.abstractEn()).isNull();
      assertThat(p.abstractZh()).isNotNull();
      assertThat(p.keywords()).isNotEmpty();
    });
  }

  @Test
  void scifact_corpus_first_200_lines_read_without_rejections() throws IOException {
    CollectingSink sink = readHead(SHARED.resolve("scifact/corpus.jsonl"), 200);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).hasSize(200).allSatisfy(p -> {
      assertThat(p.id()).matches("\\d+");
      assertThat(p.abstractEn()).isNotNull();
      assertThat(p.abstractZh()).isNull();
    });
  }

  private static void assertSeed(CollectingSink sink) {
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).hasSize(41).allSatisfy(p -> {
      assertThat(p.title()).isNotBlank();
      assertThat(p.authors()).isNotEmpty();
      assertThat(p.year()).isEqualTo(2023);
      assertThat(p.abstractEn()).isNotBlank();
      assertThat(Lang.detect(p.abstractEn())).isEqualTo(Lang.EN);
      assertThat(p.abstractZh()).isNotBlank();
      assertThat(p.url()).startsWith("https://openaccess.thecvf.com/").endsWith(".pdf");
      assertThat(PaperIds.isValid(p.id())).isTrue();
      assertThat(p.toString()).doesNotContain("Ã", "Â", "[link]");
    });
    Set<String> ids = sink.papers.stream().map(Paper::id).collect(Collectors.toSet());
    assertThat(ids).hasSize(41);
    Set<String> authors = new HashSet<>();
    sink.papers.forEach(p -> authors.addAll(p.authors()));
    assertThat(authors).contains("Pablo Morales-Álvarez", "Christoph Großbröhmer",
        "Javier Rodríguez-Puigvert", "Pablo Márquez-Neila", "Juan D. Tardós");
    assertThat(authors).anyMatch(a -> a.startsWith("Víctor M"));
  }

  private static CollectingSink readHead(Path file, int lines) throws IOException {
    Assumptions.assumeTrue(Files.exists(file), "skipping: " + file + " not found");
    String head;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      head = reader.lines().limit(lines).map(l -> l + "\n").collect(Collectors.joining());
    }
    CollectingSink sink = new CollectingSink();
    PaperReaders.forFile(file).read(
        new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), file, sink);
    return sink;
  }

}
