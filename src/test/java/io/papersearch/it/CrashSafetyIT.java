package io.papersearch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.papersearch.index.IndexSchema;
import io.papersearch.index.PaperIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills papersearch with SIGKILL at random moments, during CLI indexing and during HTTP writes, and
 * checks what survives: the index opens, every acknowledged write is there, nothing is duplicated,
 * and re-running an interrupted import embeds only what was not yet stored.
 *
 * <p>{@code -Dpapersearch.crash.kills=20} for the full run (default 3 per scenario, for CI);
 * {@code -Dpapersearch.crash.seed=N} replays a run.
 */
class CrashSafetyIT {
  static final String MODELS = System.getProperty("papersearch.models", "models");
  static final int KILLS = Integer.getInteger("papersearch.crash.kills", 3);
  static final long SEED = Long.getLong("papersearch.crash.seed", System.nanoTime());
  static final String KEY = "crash-test-key-0123456789";
  static final IndexSchema SCHEMA = new IndexSchema("bge-small-en-v1.5-q", 384, "bge-small-zh-v1.5-q", 512);
  static final String[] TOPICS = {"dependency parsing", "machine translation", "speech recognition", "question answering",
      "medical image segmentation", "named entity recognition", "summarisation", "sentiment analysis"};

  @TempDir Path dir;
  final Random random = new Random(SEED);

  /** A papersearch command in a child JVM, as a user runs it, with its output collected. */
  static final class Child implements AutoCloseable {
    final Process process;
    final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    Child(String... args) throws IOException {
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-Dai.djl.offline=true",
          "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.papersearch.cli.Main"));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("PAPERSEARCH_API_KEY", KEY);
      process = pb.start();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException ignored) {
          // the process died: that is the point
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    /** The first group of {@code pattern} in a line of output, waiting up to {@code seconds}. */
    String await(Pattern pattern, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < deadline) {
        for (String line : lines) {
          Matcher m = pattern.matcher(line);
          if (m.find()) {
            return m.groupCount() > 0 ? m.group(1) : line;
          }
        }
        if (!process.isAlive() && lines.stream().noneMatch(l -> pattern.matcher(l).find())) {
          throw new AssertionError("process exited (" + process.exitValue() + ") without printing " + pattern + ":\n" + String.join("\n", lines));
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no " + pattern + " within " + seconds + " s:\n" + String.join("\n", lines));
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
      process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        kill();
      }
    }
  }

  static String paperJson(String id, int i) {
    String topic = TOPICS[i % TOPICS.length];
    return String.format(Locale.ROOT,
        "{\"id\": \"%s\", \"title\": \"Robust %s with limited supervision, study %d\", \"year\": %d, "
            + "\"abstract\": \"We revisit %s when labelled data is scarce. Our approach combines consistency training with "
            + "careful augmentation and improves strong baselines on public benchmarks (case %d).\"}",
        id, topic, i, 2000 + i % 25, topic, i);
  }

  /**
   * Ids of the committed index in {@code index}, failing on any duplicate; none when the process was
   * killed before it created the index.
   */
  static Set<String> committedIds(Path index) throws IOException {
    if (!Files.isDirectory(index)) {
      return Set.of();
    }
    try (FSDirectory d = FSDirectory.open(index)) {
      if (!DirectoryReader.indexExists(d)) {
        return Set.of();
      }
    }
    try (FSDirectory d = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(d)) {
      Set<String> ids = new HashSet<>();
      Bits live = MultiBits.getLiveDocs(reader);
      org.apache.lucene.search.IndexSearcher searcher = new org.apache.lucene.search.IndexSearcher(reader);
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        if (live == null || live.get(doc)) {
          String id = PaperIndex.id(searcher, doc);
          assertThat(ids.add(id)).as("duplicate paper " + id).isTrue();
        }
      }
      return ids;
    }
  }

  @Test
  void cli_indexing_killed_at_random_moments_keeps_every_commit_and_resumes_without_embedding_again() throws Exception {
    int papers = 150;
    Path file = dir.resolve("papers.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < papers; i++) {
      sb.append(paperJson("paper-" + i, i)).append('\n');
    }
    Files.writeString(file, sb);
    Path index = dir.resolve("cli-index");
    int before = 0;
    for (int k = 0; k < KILLS; k++) {
      try (Child child = new Child("index", "--models=" + MODELS, "--no-cache", "--index=" + index, file.toString())) {
        Thread.sleep(1500 + random.nextInt(9000));
        child.kill();
      }
      Set<String> ids = committedIds(index); // opens, and no duplicates
      assertThat(ids.size()).as("seed " + SEED + ", kill " + k).isBetween(before, papers);
      if (ids.isEmpty()) {
        continue; // killed before the first commit
      }
      try (PaperIndex reopened = PaperIndex.openReadOnly(index, SCHEMA)) {
        for (String id : ids) {
          assertThat(reopened.get(id).orElseThrow().vectors()).as(id).containsKey(io.papersearch.ingest.Lang.EN);
        }
      }
      before = ids.size();
    }
    try (Child finish = new Child("index", "--models=" + MODELS, "--no-cache", "--index=" + index, file.toString())) {
      String unchanged = finish.await(Pattern.compile("indexed \\d+ papers in [0-9.]+s: \\d+ added, \\d+ updated, (\\d+) unchanged"), 180);
      // Every paper committed before the kills is skipped: no embedding again.
      assertThat(Integer.parseInt(unchanged)).as("seed " + SEED).isEqualTo(before);
      assertThat(finish.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(finish.process.exitValue()).isZero();
    }
    assertThat(committedIds(index)).hasSize(papers);
  }

  @Test
  void http_writes_killed_at_random_moments_lose_nothing_acknowledged() throws Exception {
    Path index = dir.resolve("http-index");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Set<String> acknowledged = new HashSet<>();
    for (int k = 0; k < KILLS; k++) {
      try (Child server = new Child("serve", "--models=" + MODELS, "--no-cache", "--no-sample", "--index=" + index, "--port=0")) {
        String port = server.await(Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)"), 120);
        String base = "http://127.0.0.1:" + port;
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        int cycle = k;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
          for (int i = 0; !stop.get(); i++) {
            try {
              if (i % 5 == 4) {
                StringBuilder bulk = new StringBuilder();
                List<String> ids = new ArrayList<>();
                for (int j = 0; j < 4; j++) {
                  String id = "bulk-" + cycle + "-" + i + "-" + j;
                  ids.add(id);
                  bulk.append(paperJson(id, i * 4 + j)).append('\n');
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/papers"))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(bulk.toString())).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                  assertThat(r.body()).contains("\"added\":4");
                  acked.addAll(ids);
                }
              } else {
                String id = "put-" + cycle + "-" + i;
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/papers/" + id))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(paperJson(id, i))).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                  acked.add(id);
                }
              }
            } catch (IOException e) {
              return; // the server is gone
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        });
        Thread.sleep(500 + random.nextInt(3500));
        server.kill();
        stop.set(true);
        writer.get(60, TimeUnit.SECONDS);
        acknowledged.addAll(acked);
      }
      Set<String> ids = committedIds(index);
      assertThat(ids).as("seed " + SEED + ", kill " + k + ": every acknowledged write survives").containsAll(acknowledged);
    }
    assertThat(acknowledged).as("the writer got some writes acknowledged").isNotEmpty();

    // A clean stop (SIGTERM) commits and releases the index: this process can then open it for writing.
    try (Child server = new Child("serve", "--models=" + MODELS, "--no-cache", "--no-sample", "--index=" + index, "--port=0")) {
      String port = server.await(Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)"), 120);
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).contains("\"papers\":" + committedIds(index).size());
      server.process.destroy(); // SIGTERM
      assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (PaperIndex writable = PaperIndex.openForWriting(index, SCHEMA)) {
      assertThat(writable.count()).isEqualTo(committedIds(index).size());
    }
  }
}
