package io.papersearch.cli;

import io.papersearch.http.HttpApi;
import io.papersearch.http.RunningServer;
import io.papersearch.http.ServerConfig;
import io.papersearch.index.PaperIndex;
import io.papersearch.ingest.Paper;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  @Option(names = "--writes", description = "Also (3) a mix with authorised PUTs and (4) searches during a bulk import. "
      + "Opens the index for writing; the papers it adds are deleted at the end.")
  boolean writes;

  @Option(names = "--bulk", defaultValue = "200", description = "Papers in the bulk import of phase 4 (default: ${DEFAULT-VALUE}).")
  int bulk;

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
    List<Paper> papers = readPapers();
    List<String> titles = papers.stream().map(Paper::title).toList();
    PrintStream out = System.out;
    try (Engine engine = Engine.open(opts, writes)) {
      List<String> ids = sampleIds(engine.index, 2000);
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("index " + opts.index() + " is empty; index papers or use bench scale's index");
      }
      // A key only this run knows: the write phases exercise the real authorisation path.
      String key = writes ? java.util.UUID.randomUUID().toString() + java.util.UUID.randomUUID() : null;
      ServerConfig config = ServerConfig.defaults().withPort(0).withApiKey(key, false);
      try (RunningServer app = HttpApi.start(engine.search, writes ? engine.writes() : null, config, new io.papersearch.http.Metrics())) {
        String base = "http://127.0.0.1:" + app.port();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        int before = engine.index.count();
        out.printf(Locale.ROOT, "papersearch bench http: %,d papers in %s, %d clients, %d s per phase, %d cores; heap %.0f MiB, RSS %.0f MiB%n",
            before, opts.index(), clients, seconds, Runtime.getRuntime().availableProcessors(),
            BenchSupport.heapUsedMiB(), BenchSupport.rssMiB());

        int poolSize = Math.min(REPEATED_POOL, titles.size() / 2);
        List<String> fresh = titles.subList(poolSize, titles.size());
        AtomicInteger nextFresh = new AtomicInteger();
        run(out, "(1) hybrid search, every question new (query model runs)", client, i -> {
          String q = fresh.get(nextFresh.getAndIncrement() % fresh.size());
          return get("search", base + "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        });

        List<String> pool = titles.subList(0, poolSize);
        for (String q : pool) { // warm the query-vector cache, as repeated questions find it
          send(client, get("search", base + "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).request());
        }
        IntFunction<Req> reads = i -> {
          SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
          int kind = r.nextInt(100);
          if (kind < 60) {
            return get("search", base + "/search?q=" + URLEncoder.encode(pool.get(r.nextInt(pool.size())), StandardCharsets.UTF_8));
          }
          String id = URLEncoder.encode(ids.get(r.nextInt(ids.size())), StandardCharsets.UTF_8);
          return kind < 85 ? get("similar", base + "/papers/" + id + "/similar") : get("get", base + "/papers/" + id);
        };
        run(out, "(2) mix: 60% search (repeated questions), 25% similar, 15% get", client, reads);

        if (writes) {
          List<String> added = java.util.Collections.synchronizedList(new ArrayList<>());
          AtomicInteger nextPaper = new AtomicInteger();
          run(out, "(3) mix with writes: 85% as (2), 15% PUT /papers/{id} of a new paper (embedded, committed)", client, i -> {
            if (new SplittableRandom(i * 0x632BE59BD9B4E019L).nextInt(100) >= 15) {
              return reads.apply(i);
            }
            int n = nextPaper.getAndIncrement();
            Paper p = papers.get(n % papers.size());
            String id = "bench-load-" + n;
            added.add(id);
            return new Req("put", HttpRequest.newBuilder(URI.create(base + "/papers/" + id)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(paperJson(null, p))).build());
          });
          searchesDuringBulk(out, client, base, key, papers, reads);
          // Leave the index as it was: delete what the run added, through the API too.
          int deleted = 0;
          List<String> toDelete = new ArrayList<>(added);
          for (int i = 0; i < bulk; i++) {
            toDelete.add("bench-bulk-" + i);
          }
          for (String id : toDelete) {
            HttpResponse<String> r = send(client, HttpRequest.newBuilder(URI.create(base + "/papers/" + id))
                .header("Authorization", "Bearer " + key).DELETE().build());
            deleted += r.statusCode() == 200 ? 1 : 0;
          }
          out.printf(Locale.ROOT, "cleanup: deleted %d papers the run added; the index holds %,d papers (%,d before)%n",
              deleted, engine.index.count(), before);
        }
        out.printf(Locale.ROOT, "after: heap %.0f MiB, RSS %.0f MiB%n", BenchSupport.heapUsedMiB(), BenchSupport.rssMiB());
      }
    }
    return 0;
  }

  /** (4) Repeated-question searches from every client while one bulk import of {@link #bulk} papers runs. */
  private void searchesDuringBulk(PrintStream out, HttpClient client, String base, String key, List<Paper> papers, IntFunction<Req> reads)
      throws Exception {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < bulk; i++) {
      ndjson.append(paperJson("bench-bulk-" + i, papers.get((papers.size() - 1 - i) % papers.size()))).append('\n');
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/papers")).timeout(Duration.ofMinutes(30))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build();
    long start = System.nanoTime();
    java.util.concurrent.CompletableFuture<HttpResponse<String>> bulkDone = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    IntFunction<Req> searchesOnly = i -> {
      Req r = reads.apply(i);
      return r.kind().equals("search") ? r : reads.apply(i + 1_000_003);
    };
    run(out, "(4) searches (as (2)) while POST /papers imports " + bulk + " papers", client, searchesOnly, bulkDone::isDone);
    HttpResponse<String> r = bulkDone.get();
    double secs = BenchSupport.seconds(start);
    out.printf(Locale.ROOT, "  bulk import: HTTP %d in %.1f s (%.1f papers/s, one core left to searches): %s%n",
        r.statusCode(), secs, bulk / secs, abbreviate(r.body()));
  }

  private static String abbreviate(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }

  /** One request of a phase, and what kind it is (latencies are reported per kind). */
  private record Req(String kind, HttpRequest request) {}

  private static Req get(String kind, String url) {
    return new Req(kind, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build());
  }

  private static String paperJson(String id, Paper p) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    if (id != null) {
      m.put("id", id);
    }
    m.put("title", p.title());
    m.put("abstract", p.abstractEn());
    m.put("authors", p.authors());
    m.put("year", p.year());
    return io.papersearch.search.ResponseJson.write(m);
  }

  /** One phase: {@link #clients} threads send requests for {@link #seconds}, then the figures. */
  private void run(PrintStream out, String label, HttpClient client, IntFunction<Req> next) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    run(out, label, client, next, () -> System.nanoTime() >= deadline);
  }

  /** One phase that lasts until {@code done}; latencies per request kind, and all together. */
  private void run(PrintStream out, String label, HttpClient client, IntFunction<Req> next, java.util.function.BooleanSupplier done)
      throws Exception {
    AtomicInteger sequence = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    Map<String, ConcurrentLinkedQueue<Long>> byKind = new java.util.TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(() -> {
          while (!done.getAsBoolean()) {
            Req req = next.apply(sequence.getAndIncrement());
            long t0 = System.nanoTime();
            String failure;
            try {
              HttpResponse<String> r = send(client, req.request());
              failure = r.statusCode() / 100 == 2 ? null : r.statusCode() + " " + r.body();
            } catch (IOException e) {
              failure = e.toString();
            }
            long nanos = System.nanoTime() - t0;
            if (failure != null && errors.incrementAndGet() <= 3) {
              firstErrors.add(req.request().method() + " " + req.request().uri() + " -> " + failure);
            }
            ConcurrentLinkedQueue<Long> q;
            synchronized (byKind) {
              q = byKind.computeIfAbsent(req.kind(), k -> new ConcurrentLinkedQueue<>());
            }
            q.add(nanos);
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      double elapsed = BenchSupport.seconds(start);
      long[] all = byKind.values().stream().flatMap(java.util.Collection::stream).mapToLong(Long::longValue).toArray();
      out.printf(Locale.ROOT, "%s%n  %,d requests, %d errors, %.1f requests/s; latency %s%n", label, all.length, errors.get(),
          all.length / elapsed, percentiles(all));
      if (byKind.size() > 1) {
        byKind.forEach((kind, q) -> out.printf(Locale.ROOT, "    %-8s %,7d  %s%n", kind, q.size(),
            percentiles(q.stream().mapToLong(Long::longValue).toArray())));
      }
      for (String e : firstErrors) {
        out.println("  error: " + e);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String percentiles(long[] nanos) {
    return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
        BenchSupport.pct(nanos, 50), BenchSupport.pct(nanos, 90), BenchSupport.pct(nanos, 99), BenchSupport.pct(nanos, 100));
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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

  /** The papers of {@link #texts} with a title (their titles are the questions), in a fixed shuffle. */
  private List<Paper> readPapers() throws IOException {
    List<Paper> out = new ArrayList<>(BenchSupport.readPapers(texts, p -> p.title() != null));
    if (out.size() < 2) {
      throw new IllegalArgumentException(texts + " has " + out.size() + " titles; need at least 2");
    }
    // Repeated questions first, fresh ones after: a fixed shuffle so runs are comparable.
    java.util.Collections.shuffle(out, new java.util.Random(42));
    return out;
  }
}
