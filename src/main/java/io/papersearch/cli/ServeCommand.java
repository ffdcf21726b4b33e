package io.papersearch.cli;

import io.papersearch.http.HttpApi;
import io.papersearch.http.Metrics;
import io.papersearch.http.RunningServer;
import io.papersearch.index.Importer;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code papersearch serve}: the HTTP API; an empty index is first filled with the bundled sample.
 *
 * <p>Settings come from flags, then {@code PAPERSEARCH_*} variables, then the config file, then
 * defaults ({@link ConfigLoader}); they are checked ({@link Preflight}) before anything slow starts.
 */
@Command(
    name = "serve",
    description = {
      "Serve the HTTP API (indexes the bundled 41-paper sample into an empty index first).",
      "Every setting can also come from PAPERSEARCH_<KEY> or the config file; flags win, then the environment, then the file."
    })
final class ServeCommand implements Callable<Integer> {

  /** The bundled sample: ICCV 2023 medical-imaging papers with English and Chinese abstracts. */
  static final String SAMPLE = "/sample/iccv2023-medical-imaging-papers.md";

  @Spec CommandSpec spec;

  @Mixin CommonOptions opts;

  @Option(names = "--config", paramLabel = "FILE", description = "Config file of key = value lines (default: $PAPERSEARCH_CONFIG, else none).")
  Path config;

  // The options below are text, not numbers: ConfigLoader parses what was typed (read from the parse
  // result), so a bad value gets the same message as from the environment or the file, naming the flag.

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: 7070).")
  String port;

  @Option(names = "--host", paramLabel = "HOST", description = "Interface to bind (default: 127.0.0.1; 0.0.0.0 for all).")
  String host;

  @Option(names = "--no-sample", description = "Do not index the bundled sample into an empty index.")
  boolean noSample;

  @Option(names = "--max-body-bytes", paramLabel = "N", description = "Largest request body in bytes (default: 1048576).")
  String maxBodyBytes;

  @Option(names = "--reads-require-key", description = "Search and paper routes need the API key too (set the key with PAPERSEARCH_API_KEY or the config file).")
  boolean readsRequireKey;

  @Option(names = "--cors-origins", paramLabel = "ORIGINS", description = "Comma-separated origins browsers may call from, or * (default: none).")
  String corsOrigins;

  @Option(names = "--max-bulk-bytes", paramLabel = "N", description = "Largest NDJSON body of POST /papers in bytes (default: 67108864).")
  String maxBulkBytes;

  @Option(names = "--rate-limit", paramLabel = "N", description = "Requests per second per client address, bursts of 2x; 0: no limit (default: 50).")
  String rateLimit;

  @Override
  public Integer call() throws Exception {
    ServeSettings settings = ConfigLoader.load(givenFlags(spec.commandLine().getParseResult()), config, System.getenv());
    Preflight.check(settings);
    Metrics metrics = new Metrics();
    Engine engine;
    try {
      engine = Engine.open(settings, metrics);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    try {
      if (engine.index.count() == 0 && settings.sample()) {
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
                    metrics.close();
                    stopped.countDown();
                  },
                  "papersearch-shutdown"));
      RunningServer app = HttpApi.start(engine.search, engine.writes(), settings.server(), metrics);
      server.set(app);
      System.out.printf(
          "papersearch serving %d papers on http://%s:%d (models: %s, %s; writes: %s; docs: /docs)%n",
          engine.index.count(), settings.server().host(), app.port(), engine.embedders.en().spec().id(), engine.embedders.zh().spec().id(),
          settings.server().apiKey() != null ? "enabled, API key set" : "disabled, set PAPERSEARCH_API_KEY to enable");
      stopped.await();
      return 0;
    } catch (Exception e) {
      engine.close();
      metrics.close();
      throw e;
    }
  }

  /**
   * The settings flags given on this command line, as the user typed them. Flags left out are
   * absent (not their defaults), so the environment and the file can fill them.
   */
  static Map<ConfigKey, ConfigLoader.Raw> givenFlags(ParseResult parsed) {
    Map<ConfigKey, ConfigLoader.Raw> given = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      for (ConfigKey.Flag flag : key.flags) {
        OptionSpec option = parsed.matchedOption(flag.name());
        if (option == null) {
          continue;
        }
        String value = flag.fixedValue() != null ? flag.fixedValue() : last(option);
        ConfigLoader.Raw earlier = given.put(key, new ConfigLoader.Raw(value, flag.name()));
        if (earlier != null) {
          throw new IllegalArgumentException(earlier.origin() + " and " + flag.name() + " contradict each other; give one");
        }
      }
    }
    return given;
  }

  private static String last(OptionSpec option) {
    java.util.List<String> values = option.originalStringValues();
    return values.isEmpty() ? "" : values.get(values.size() - 1);
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
