package io.papersearch.cli;

import io.papersearch.embed.Embedders;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where the index and the models are, and which models to run. */
final class CommonOptions {

  /** The default index folder, relative to the working directory. */
  static final Path DEFAULT_INDEX = Path.of("index");

  @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: $PAPERSEARCH_INDEX, else index/; eval: eval-index/<corpus>).")
  Path index;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description = "Models folder (default: $PAPERSEARCH_MODELS, else ./models, else models/ beside the jar).")
  Path models;

  @Option(names = "--model-en", paramLabel = "ID", description = "English model id (default: ${DEFAULT-VALUE}).", defaultValue = Embedders.DEFAULT_EN)
  String modelEn;

  @Option(names = "--model-zh", paramLabel = "ID", description = "Chinese model id (default: ${DEFAULT-VALUE}).", defaultValue = Embedders.DEFAULT_ZH)
  String modelZh;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Embedding cache folder, shared by index, eval and search (default: $PAPERSEARCH_CACHE, else ~/.cache/papersearch; none disables it).")
  Path cache;

  @Option(names = "--no-cache", description = "Do not read or write the embedding cache.")
  boolean noCache;

  @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads per embedding (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  int threads;

  @Option(names = "--workers", paramLabel = "N", description = "Embeddings run at once, one ONNX Runtime predictor each (default: number of cores).")
  Integer workers;

  @Option(
      names = "--vector-storage",
      paramLabel = "KIND",
      description = "How a new index stores vectors: float32 (default), int8 or int4 (quantised HNSW, rescored with floats; "
          + "see README, Performance). An existing index keeps its own.")
  String vectorStorage;

  @Option(
      names = "--fusion-depth",
      paramLabel = "N",
      description = "Candidates the semantic leg (HNSW) ranks, 1..10000 (default: 100); "
          + "fewer is faster at a million papers (see README, Performance).")
  String fusionDepth;

  @Option(
      names = "--keyword-depth",
      paramLabel = "N",
      description = "Candidates the keyword leg (BM25) of a hybrid search ranks, 1..10000 (default: "
          + io.papersearch.search.Fusion.KEYWORD_DEPTH + "; at most the fusion depth). eval takes a comma list to sweep.")
  String keywordDepth;

  /** {@code --keyword-depth} as a comma list (eval sweeps it), or the default alone. */
  java.util.List<Integer> keywordDepths() {
    if (keywordDepth == null) {
      return java.util.List.of(io.papersearch.search.Fusion.KEYWORD_DEPTH);
    }
    return java.util.Arrays.stream(keywordDepth.split(",", -1)).map(v -> depth("--keyword-depth", v)).distinct().toList();
  }

  /** The fusion searches run with: the defaults, at {@code --fusion-depth} and {@code --keyword-depth} if given. */
  io.papersearch.search.Fusion fusion() {
    io.papersearch.search.Fusion f = io.papersearch.search.Fusion.defaults();
    f = fusionDepth == null ? f : f.withMinDepth(depth("--fusion-depth", fusionDepth));
    if (keywordDepth != null && keywordDepth.contains(",")) {
      throw new IllegalArgumentException("--keyword-depth takes one number here, got '" + keywordDepth + "' (only eval sweeps a list)");
    }
    return keywordDepth == null ? f : f.withKeywordDepth(depth("--keyword-depth", keywordDepth));
  }

  private static int depth(String flag, String value) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n < 1 || n > io.papersearch.search.Fusion.MAX_DEPTH) {
        throw new NumberFormatException("out of range");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be 1.." + io.papersearch.search.Fusion.MAX_DEPTH + ", got '" + value + "'", e);
    }
  }

  /** The requested vector storage, or null to keep an existing index's (float32 for a new one). */
  io.papersearch.index.VectorStorage vectorStorage() {
    try {
      return vectorStorage == null ? null : io.papersearch.index.VectorStorage.parse(vectorStorage);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--vector-storage: " + e.getMessage(), e);
    }
  }

  /** The embedding cache folder, or null when disabled. */
  Path cacheDir() {
    if (noCache) {
      return null;
    }
    if (cache != null) {
      return cache.toString().equals("none") ? null : cache;
    }
    String env = System.getenv(ConfigKey.CACHE.env());
    if (env != null && !env.isBlank()) {
      return env.strip().equals("none") ? null : Path.of(env.strip());
    }
    return defaultCache();
  }

  /** The cache folder when neither a flag nor the environment names one. */
  static Path defaultCache() {
    return Path.of(System.getProperty("user.home"), ".cache", "papersearch");
  }

  Path index() {
    if (index != null) {
      return index;
    }
    // The same variable as serve's, so `index` writes where the server reads.
    String env = System.getenv(ConfigKey.INDEX.env());
    return env != null && !env.isBlank() ? Path.of(env.strip()) : DEFAULT_INDEX;
  }

  Path models() {
    if (models != null) {
      return models;
    }
    String env = System.getenv(ConfigKey.MODELS.env());
    if (env != null && !env.isBlank()) {
      return Path.of(env.strip());
    }
    return defaultModels();
  }

  /** The models folder when neither a flag nor the environment names one. */
  static Path defaultModels() {
    Path local = Path.of("models");
    if (Files.isDirectory(local)) {
      return local;
    }
    // Running the jar from elsewhere: target/papersearch.jar -> models/ of the project root.
    try {
      Path jar = Path.of(CommonOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = jar.getParent(); p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve("models"))) {
          return p.resolve("models");
        }
      }
    } catch (Exception ignored) {
      // fall through to the plain default, whose absence is reported by the registry
    }
    return local;
  }

  /**
   * Threading of the models. Default: one intra-op thread per embedding and one embedding per core,
   * the fastest setting measured on 2 cores (see the README's performance section).
   */
  io.papersearch.embed.OnnxEmbedder.Threads modelThreads() {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    int w = workers();
    return new io.papersearch.embed.OnnxEmbedder.Threads(threads, w);
  }

  int workers() {
    int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    if (w < 1) {
      throw new IllegalArgumentException("--workers must be >= 1, got " + w);
    }
    return w;
  }
}
