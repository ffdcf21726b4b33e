package io.papersearch.cli;

import io.papersearch.http.HttpApi;
import io.papersearch.http.RunningServer;
import io.papersearch.http.ServerConfig;
import io.papersearch.index.Importer;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code papersearch serve}: the HTTP API; an empty index is first filled with the bundled sample. */
@Command(name = "serve", description = "Serve the HTTP API (indexes the bundled 41-paper sample into an empty index first).")
final class ServeCommand implements Callable<Integer> {

  /** The bundled sample: ICCV 2023 medical-imaging papers with English and Chinese abstracts. */
  static final String SAMPLE = "/sample/iccv2023-medical-imaging-papers.md";

  @Mixin CommonOptions opts;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}).", defaultValue = "7070")
  int port;

  @Option(names = "--host", paramLabel = "HOST", description = "Interface to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).", defaultValue = ServerConfig.DEFAULT_HOST)
  String host;

  @Option(names = "--no-sample", description = "Do not index the bundled sample into an empty index.")
  boolean noSample;

  @Override
  public Integer call() throws Exception {
    String apiKey = System.getenv("PAPERSEARCH_API_KEY");
    ServerConfig config = new ServerConfig(host, port, ServerConfig.DEFAULT_MAX_BODY_BYTES, ServerConfig.DEFAULT_MAX_BULK_BYTES,
        apiKey == null || apiKey.isBlank() ? null : apiKey.trim());
    Engine engine = Engine.open(opts, true);
    try {
      if (engine.index.count() == 0 && !noSample) {
        indexSample(engine);
      }
      CountDownLatch stopped = new CountDownLatch(1);
      AtomicReference<RunningServer> server = new AtomicReference<>();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    RunningServer app = server.get();
                    if (app != null) {
                      app.stop(); // lets in-flight requests finish
                    }
                    engine.close(); // commits and releases the write lock
                    stopped.countDown();
                  },
                  "papersearch-shutdown"));
      RunningServer app = HttpApi.start(engine.search, engine.writes(), config);
      server.set(app);
      System.out.printf(
          "papersearch serving %d papers on http://%s:%d (models: %s, %s; writes: %s)%n",
          engine.index.count(), host, app.port(), engine.embedders.en().spec().id(), engine.embedders.zh().spec().id(),
          config.apiKey() != null ? "enabled, API key set" : "disabled, set PAPERSEARCH_API_KEY to enable");
      stopped.await();
      return 0;
    } catch (Exception e) {
      engine.close();
      throw e;
    }
  }

  private static void indexSample(Engine engine) throws Exception {
    System.out.println("index is empty: indexing the bundled sample (41 papers, English and Chinese) ...");
    Importer importer = engine.importer();
    try (InputStream in = ServeCommand.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("bundled sample " + SAMPLE + " is missing from the jar");
      }
      Progress progress = new Progress(System.err, "sample", 41, 0);
      long start = System.nanoTime();
      importer.importStream(in, Path.of(SAMPLE.substring(1)), progress);
      progress.finish();
      IndexCommand.printSummary(System.out, importer.summary(), (System.nanoTime() - start) / 1e9, engine.index.count());
    }
  }
}
