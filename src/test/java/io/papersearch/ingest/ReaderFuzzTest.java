package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.papersearch.testing.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bad-input campaign over every reader: small valid files, mutated (byte flips, truncation,
 * NUL, control characters, invalid UTF-8, a delimiter too many or too few, unbalanced braces and
 * quotes, 100k-character and 1 MB fields), read from memory.
 *
 * <p>Asserted for every file: the read ends within {@link #TIMEOUT_SECONDS}; nothing but an
 * {@link IOException} naming the source escapes; every record is a {@link Paper} (with an id and a
 * title or abstract) or a {@link Rejection} with a line inside the file and a reason; and when only
 * the first record is damaged in a way the format can recover from, the last record is still read.
 *
 * <p>{@code -Dpapersearch.fuzz.files=N} sets files per format (default 300);
 * {@code -Dpapersearch.fuzz.seed=N} replays a failure.
 */
class ReaderFuzzTest {
  static final String COUNT_PROPERTY = "papersearch.fuzz.files";
  static final int TIMEOUT_SECONDS = 20;
  static final String SENTINEL = "sentinel-3";

  static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "reader-fuzz");
      t.setDaemon(true); // a reader stuck in a loop must not keep the test JVM alive
      return t;
    });
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /**
   * A valid file of three records, the byte range of the first record (what "damage only the
   * first record" mutates), the delimiters of the format, and which bytes a mutation may not add
   * or remove for the format to resynchronise at the next record.
   */
  record Template(String text, String firstRecord, String delimiters, String resyncBreakers) {
    byte[] bytes() {
      return text.getBytes(StandardCharsets.UTF_8);
    }

    int from() {
      return text.substring(0, text.indexOf(firstRecord)).getBytes(StandardCharsets.UTF_8).length;
    }

    int to() {
      return from() + firstRecord.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  static final Map<String, Template> TEMPLATES = Map.of(
      "md", new Template("""
          # Papers

          | id | title | authors | year | abstract | 中文摘要 |
          | --- | --- | --- | --- | --- | --- |
          | first-1 | Semi-supervised segmentation | Ada Lovelace, Alan Turing | 2021 | Few labels. | 少量标注。 |
          | second-2 | Deformable registration | Grace Hopper | 2022 | Brain scans. | |
          | sentinel-3 | Sparse-view CT | Alan Turing | 2023 | Diffusion priors. | |
          """, "| first-1 | Semi-supervised segmentation | Ada Lovelace, Alan Turing | 2021 | Few labels. | 少量标注。 |",
          "|\n", "\n\r"),
      "jsonl", new Template("""
          {"id": "first-1", "title": "Semi-supervised segmentation", "authors": ["Ada Lovelace"], "year": 2021, "abstract": "Few labels."}
          {"id": "second-2", "title": "Deformable registration", "authors": "Grace Hopper; Alan Turing", "year": "2022"}
          {"id": "sentinel-3", "title": "Sparse-view CT", "abstractZh": "稀疏视角CT重建。", "keywords": ["CT"]}
          """, "{\"id\": \"first-1\", \"title\": \"Semi-supervised segmentation\", \"authors\": [\"Ada Lovelace\"], \"year\": 2021, \"abstract\": \"Few labels.\"}",
          "{}\":,[]\n", ""),
      "csv", new Template("""
          id,title,authors,year,abstract
          first-1,"Semi-supervised segmentation, revisited","Ada Lovelace; Alan Turing",2021,"Few ""labels""."
          second-2,Deformable registration,Grace Hopper,2022,"Brain
          scans."
          sentinel-3,Sparse-view CT,Alan Turing,2023,Diffusion priors.
          """, "first-1,\"Semi-supervised segmentation, revisited\",\"Ada Lovelace; Alan Turing\",2021,\"Few \"\"labels\"\".\"",
          ",\"\n", "\"\n\r"),
      "tsv", new Template("""
          id\ttitle\tauthors\tyear\tabstract
          first-1\t"Semi-supervised\tsegmentation"\tAda Lovelace\t2021\tFew labels.
          second-2\tDeformable registration\tGrace Hopper\t2022\tBrain scans.
          sentinel-3\tSparse-view CT\tAlan Turing\t2023\tDiffusion priors.
          """, "first-1\t\"Semi-supervised\tsegmentation\"\tAda Lovelace\t2021\tFew labels.", "\t\"\n", "\"\n\r"),
      "bib", new Template("""
          @string{mia = "Medical Image Analysis"}
          @article{first-1,
            title = {{GAN}s for {MRI} denoising},
            author = {M{\\"u}ller, Hans and Garc{\\'\\i}a, Ana},
            year = {2023},
            journal = mia,
            abstract = "Denoising with $O(n^2)$ cost and \\emph{few} labels"
          }

          @inproceedings{second-2, title = "Second", booktitle = mia # " workshop", year = 2021}

          @article{sentinel-3,
            title = {Sparse-view CT},
            year = 2023
          }
          """, """
          @article{first-1,
            title = {{GAN}s for {MRI} denoising},
            author = {M{\\"u}ller, Hans and Garc{\\'\\i}a, Ana},
            year = {2023},
            journal = mia,
            abstract = "Denoising with $O(n^2)$ cost and \\emph{few} labels"
          }""", "{}\"@,=#\\\n", "@"),
      "ris", new Template("TY  - JOUR\r\nID  - first-1\r\nTI  - Registration of zebrafish scans\r\nAU  - Lovelace, Ada\r\nPY  - 2020/05/01/\r\n"
          + "AB  - An abstract\r\ncontinued on a line\r\nER  - \r\n\r\n"
          + "TY  - CONF\nID  - second-2\nT1  - Second record\nER  - \n\n"
          + "TY  - JOUR\nID  - sentinel-3\nTI  - Sparse-view CT\nER  - \n",
          "TY  - JOUR\r\nID  - first-1\r\nTI  - Registration of zebrafish scans\r\nAU  - Lovelace, Ada\r\nPY  - 2020/05/01/\r\n"
              + "AB  - An abstract\r\ncontinued on a line\r\nER  - \r\n",
          "- \r\n", ""));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"md", "jsonl", "csv", "tsv", "bib", "ris"})
  void every_reader_survives_mutated_files(String format) throws Exception {
    long seed = Fuzz.seed();
    int files = Fuzz.count(COUNT_PROPERTY, 300);
    String replay = Fuzz.replay(seed, COUNT_PROPERTY, files);
    Template t = TEMPLATES.get(format);
    Random r = new Random(seed ^ format.hashCode());
    Path source = Path.of("fuzz." + format);
    PaperReader reader = PaperReaders.forFile(source);

    // The unmutated file is the control: all three records read, so "the sentinel is still read"
    // below means something.
    Outcome control = read(reader, source, t.bytes(), replay);
    assertThat(control.failure).as("control %s", format).isNull();
    assertThat(control.sink.rejections).as("control %s", format).isEmpty();
    assertThat(control.sink.papers).extracting(Paper::id).as("control %s", format).containsExactly("first-1", "second-2", SENTINEL);

    Map<String, Integer> tally = new TreeMap<>();
    for (int i = 0; i < files; i++) {
      boolean firstOnly = r.nextBoolean();
      byte[] bytes = t.bytes();
      int mutations = 1 + r.nextInt(3);
      boolean recoverable = true;
      for (int m = 0; m < mutations; m++) {
        byte[] before = bytes;
        bytes = firstOnly
            ? Fuzz.mutateRange(bytes, t.from(), t.from() + (t.to() - t.from()) + (bytes.length - t.bytes().length), r, t.delimiters())
            : Fuzz.mutate(bytes, r, t.delimiters());
        // Checked per step: a quote added by one mutation and another removed by the next keep
        // the count but not the pairing.
        recoverable &= canResync(t, before, bytes);
      }
      Outcome o = read(reader, source, bytes, replay);
      String what = replay + ": " + format + " file #" + i + (firstOnly ? " (first record damaged)" : "") + ":\n" + Fuzz.show(bytes, 1_500);
      int lines = lineCount(bytes);
      if (o.failure != null) {
        assertThat(o.failure).as("only an IOException may escape: %s", what).isInstanceOf(IOException.class);
        assertThat(o.failure.getMessage()).as("the IOException names the source: %s", what).contains(source.toString());
        tally.merge("IOException", 1, Integer::sum);
      }
      for (int k = 0; k < o.sink.papers.size(); k++) {
        Paper p = o.sink.papers.get(k);
        assertThat(o.sink.lines.get(k)).as("line of paper %s: %s", p.id(), what).isBetween(1, lines);
        assertThat(p.id()).as("id: %s", what).isNotBlank();
        assertThat(p.title() != null || p.abstractEn() != null || p.abstractZh() != null).as("paper %s has a title or abstract: %s", p.id(), what).isTrue();
      }
      for (Rejection rej : o.sink.rejections) {
        assertThat(rej.line()).as("line of rejection %s: %s", rej, what).isBetween(1, lines);
        assertThat(rej.reason()).as("reason: %s", what).isNotBlank();
        assertThat(rej.file()).isEqualTo(source);
      }
      if (firstOnly && o.failure == null && recoverable) {
        assertThat(o.sink.papers).extracting(Paper::id).as("the record after the damaged one is still read: %s\nrejections %s", what,
            o.sink.rejectionTexts()).contains(SENTINEL);
      }
      tally.merge("papers", o.sink.papers.size(), Integer::sum);
      tally.merge("rejections", o.sink.rejections.size(), Integer::sum);
    }
    System.out.printf(Locale.ROOT, "ReaderFuzzTest %s: %,d files, %s; %s%n", format, files, tally, replay);
  }

  /** Whether the damage left the format a way back: no new or lost breaker bytes (quotes, line breaks, '@', ...). */
  static boolean canResync(Template t, byte[] original, byte[] mutated) {
    // In line-based formats a record truncated to nothing is a blank line, which ends a markdown
    // table (as in GFM): the rows after it are then outside any table by design.
    if (t.resyncBreakers().indexOf('\n') >= 0 && blankLines(original) != blankLines(mutated)) {
      return false;
    }
    for (char c : t.resyncBreakers().toCharArray()) {
      if (count(original, (byte) c) != count(mutated, (byte) c)) {
        return false;
      }
    }
    return true;
  }

  static long blankLines(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).lines().filter(String::isBlank).count();
  }

  static int count(byte[] b, byte x) {
    int n = 0;
    for (byte c : b) {
      if (c == x) {
        n++;
      }
    }
    return n;
  }

  /** Lines as a reader numbers them: LF, CR LF, or a lone CR each end one; a last line without a break counts. */
  static int lineCount(byte[] b) {
    int n = 1;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= b.length || b[i + 1] != '\n'))) {
        n++;
      }
    }
    return n;
  }

  static final class Outcome {
    final CollectingSink sink = new CollectingSink();
    Throwable failure;
  }

  static Outcome read(PaperReader reader, Path source, byte[] bytes, String replay) throws InterruptedException {
    Outcome o = new Outcome();
    Future<?> f = pool.submit(() -> {
      try {
        reader.read(new ByteArrayInputStream(bytes), source, o.sink);
      } catch (Throwable e) {
        o.failure = e;
      }
    });
    try {
      f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      startPool(); // the stuck thread keeps the old pool's only worker
      throw new AssertionError(replay + ": reader " + source + " did not finish within " + TIMEOUT_SECONDS + " s on:\n" + Fuzz.show(bytes, 1_500));
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
    return o;
  }
}
