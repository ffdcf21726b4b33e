package io.papersearch.cli;

import io.papersearch.http.HttpApi;
import io.papersearch.http.RunningServer;
import io.papersearch.http.ServerConfig;
import io.papersearch.index.PaperIndex;
import io.papersearch.ingest.Paper;
import io.papersearch.ingest.PaperReaders;
import io.papersearch.ingest.PaperSink;
import io.papersearch.ingest.Rejection;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code papersearch bench http}: the real HTTP server on loopback under concurrent clients.
 *
 * <p>Two phases of {@code --seconds} each: (1) every request a hybrid search for a question never
 * asked before, so each one runs the query model (the worst case); (2) a mix of hybrid searches over
 * a pool of repeated questions (their vectors cached), similar-paper lookups and paper fetches. The
 * clients run in this process; on 2 cores they take CPU from the server, so the figures are a floor.
 */
@Command(name = "http", description = "HTTP throughput and latency with concurrent clients on loopback.")
final class HttpBenchCommand implements Callable<Integer> {

  @Mixin CommonOptions opts;

  @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", defaultValue = "30", description = "Length of each phase (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--texts", paramLabel = "FILE", defaultValue = "../shared/data/acl/acl-anthology-abstracts.jsonl",
      description = "JSONL papers whose titles are the questions (default: ${DEFAULT-VALUE}).")
  Path texts;

  /** Questions asked again and again in phase 2 (fewer when the file has fewer than twice as many). */
  private static final int REPEATED_POOL = 500;

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || seconds < 1) {
      throw new IllegalArgumentException("--clients and --seconds must be >= 1, got " + clients + " and " + seconds);
    }
    if (!Files.isReadable(texts)) {
      throw new IllegalArgumentException("cannot read " + texts + ": no such readable file (see --texts)");
    }
    List<String> titles = readTitles();
    PrintStream out = System.out;
    try (Engine engine = Engine.open(opts, false)) {
      List<String> ids = sampleIds(engine.index, 2000);
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("index " + opts.index() + " is empty; index papers or use bench scale's index");
      }
      try (RunningServer app = HttpApi.start(engine.search, ServerConfig.defaults().withPort(0))) {
        String base = "http://127.0.0.1:" + app.port();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        out.printf(Locale.ROOT, "papersearch bench http: %,d papers in %s, %d clients, %d s per phase, %d cores; heap %.0f MiB, RSS %.0f MiB%n",
            engine.index.count(), opts.index(), clients, seconds, Runtime.getRuntime().availableProcessors(),
            BenchSupport.heapUsedMiB(), BenchSupport.rssMiB());

        int poolSize = Math.min(REPEATED_POOL, titles.size() / 2);
        List<String> fresh = titles.subList(poolSize, titles.size());
        AtomicInteger nextFresh = new AtomicInteger();
        run(out, "(1) hybrid search, every question new (query model runs)", client, i -> {
          String q = fresh.get(nextFresh.getAndIncrement() % fresh.size());
          return base + "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        });

        List<String> pool = titles.subList(0, poolSize);
        for (String q : pool) { // warm the query-vector cache, as repeated questions find it
          send(client, base + "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        run(out, "(2) mix: 60% search (repeated questions), 25% similar, 15% get", client, i -> {
          SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
          int kind = r.nextInt(100);
          if (kind < 60) {
            return base + "/search?q=" + URLEncoder.encode(pool.get(r.nextInt(pool.size())), StandardCharsets.UTF_8);
          }
          String id = URLEncoder.encode(ids.get(r.nextInt(ids.size())), StandardCharsets.UTF_8);
          return kind < 85 ? base + "/papers/" + id + "/similar" : base + "/papers/" + id;
        });
        out.printf(Locale.ROOT, "after: heap %.0f MiB, RSS %.0f MiB%n", BenchSupport.heapUsedMiB(), BenchSupport.rssMiB());
      }
    }
    return 0;
  }

  /** One phase: {@link #clients} threads send requests for {@link #seconds}, then the figures. */
  private void run(PrintStream out, String label, HttpClient client, IntFunction<String> nextUrl) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicInteger sequence = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<long[]>> latencies = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        latencies.add(pool.submit(() -> {
          long[] lat = new long[1024];
          int n = 0;
          while (System.nanoTime() < deadline) {
            String url = nextUrl.apply(sequence.getAndIncrement());
            long t0 = System.nanoTime();
            String failure;
            try {
              HttpResponse<String> r = send(client, url);
              failure = r.statusCode() == 200 ? null : r.statusCode() + " " + r.body();
            } catch (IOException e) {
              failure = e.toString();
            }
            if (failure != null && errors.incrementAndGet() <= 3) {
              firstErrors.add(url + " -> " + failure);
            }
            if (n == lat.length) {
              lat = Arrays.copyOf(lat, n * 2);
            }
            lat[n++] = System.nanoTime() - t0;
          }
          return Arrays.copyOf(lat, n);
        }));
      }
      long[] all = new long[0];
      for (Future<long[]> f : latencies) {
        long[] one = f.get();
        long[] merged = Arrays.copyOf(all, all.length + one.length);
        System.arraycopy(one, 0, merged, all.length, one.length);
        all = merged;
      }
      double elapsed = BenchSupport.seconds(start);
      out.printf(Locale.ROOT, "%s%n  %,d requests, %d errors, %.1f requests/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          label, all.length, errors.get(), all.length / elapsed,
          BenchSupport.pct(all, 50), BenchSupport.pct(all, 90), BenchSupport.pct(all, 99), BenchSupport.pct(all, 100));
      for (String e : firstErrors) {
        out.println("  error: " + e);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static HttpResponse<String> send(HttpClient client, String url) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    return client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Up to {@code n} paper ids, spread over the index. */
  private static List<String> sampleIds(PaperIndex index, int n) {
    return index.withSearcher(s -> {
      int max = s.getIndexReader().maxDoc();
      var live = org.apache.lucene.index.MultiBits.getLiveDocs(s.getIndexReader());
      List<String> ids = new ArrayList<>();
      int step = Math.max(1, max / n);
      for (int doc = 0; doc < max && ids.size() < n; doc += step) {
        if (live == null || live.get(doc)) {
          ids.add(PaperIndex.id(s, doc));
        }
      }
      return ids;
    });
  }

  private List<String> readTitles() throws IOException {
    List<String> out = new ArrayList<>();
    PaperReaders.forFile(texts).read(texts, new PaperSink() {
      @Override
      public void accept(Paper paper, int line) {
        if (paper.title() != null) {
          out.add(paper.title());
        }
      }

      @Override
      public void reject(Rejection rejection) {}
    });
    if (out.size() < 2) {
      throw new IllegalArgumentException(texts + " has " + out.size() + " titles; need at least 2");
    }
    // Repeated questions first, fresh ones after: a fixed shuffle so runs are comparable.
    java.util.Collections.shuffle(out, new java.util.Random(42));
    return out;
  }
}
