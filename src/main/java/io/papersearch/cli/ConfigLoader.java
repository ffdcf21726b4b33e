package io.papersearch.cli;

import io.papersearch.embed.Embedders;
import io.papersearch.http.ServerConfig;
import io.papersearch.index.VectorStorage;
import io.papersearch.search.Fusion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link ServeSettings} of {@code papersearch serve} from, in order of precedence,
 * command-line flags, {@code PAPERSEARCH_*} environment variables, the config file and defaults.
 *
 * <p>Every bad value fails with one line naming the key, the rule, the value and where it came
 * from: {@code port must be 0..65535, got 70000 (from PAPERSEARCH_PORT)}. An API key is never
 * quoted. An empty value (an environment variable set to "", {@code key =} in the file) counts as
 * not set, as container tooling often defines variables empty.
 *
 * <p>Stateless; one instance resolves one start-up.
 */
final class ConfigLoader {

  /**
   * Requests per second per client address for a served index: generous for a person or a chatbot,
   * but one runaway client cannot take every core from the others (README, Configuration).
   */
  static final int DEFAULT_RATE_LIMIT = 50;

  /** Names the config file when {@code --config} does not. */
  static final String CONFIG_ENV = "PAPERSEARCH_CONFIG";

  /** A raw value and where it came from. */
  record Raw(String value, String origin) {}

  private final Map<ConfigKey, Raw> flags;
  private final Map<String, String> env;
  private final ConfigFile file;
  private final Map<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);

  private ConfigLoader(Map<ConfigKey, Raw> flags, Map<String, String> env, ConfigFile file) {
    this.flags = flags;
    this.env = env;
    this.file = file;
  }

  /**
   * Resolves the settings.
   *
   * @param flags the flags given on the command line, by key, with the flag's name as origin
   * @param configFlag the {@code --config} file, or null
   * @param env the process environment
   * @throws IllegalArgumentException with a one-line message naming the value and its origin
   */
  static ServeSettings load(Map<ConfigKey, Raw> flags, Path configFlag, Map<String, String> env) {
    Path configFile = configFlag;
    if (configFile == null && !blank(env.get(CONFIG_ENV))) {
      configFile = Path.of(env.get(CONFIG_ENV).strip());
    }
    ConfigFile file = configFile == null ? ConfigFile.none() : ConfigFile.read(configFile);
    return new ConfigLoader(flags, env, file).settings();
  }

  private ServeSettings settings() {
    String host = string(ConfigKey.HOST, ServerConfig.DEFAULT_HOST);
    int port = integer(ConfigKey.PORT, 0, 65535, ServerConfig.DEFAULT_PORT);
    Path index = path(ConfigKey.INDEX, CommonOptions.DEFAULT_INDEX);
    Path models = path(ConfigKey.MODELS, null);
    if (models == null) {
      models = CommonOptions.defaultModels();
    }
    String modelEn = string(ConfigKey.MODEL_EN, Embedders.DEFAULT_EN);
    String modelZh = string(ConfigKey.MODEL_ZH, Embedders.DEFAULT_ZH);
    String cacheText = string(ConfigKey.CACHE, null);
    Path cache = cacheText == null ? CommonOptions.defaultCache() : cacheText.equals("none") ? null : Path.of(cacheText);
    int threads = integer(ConfigKey.THREADS, 1, 1024, 1);
    int workers = integer(ConfigKey.WORKERS, 1, 1024, Runtime.getRuntime().availableProcessors());
    VectorStorage storage = vectorStorage();
    boolean sample = bool(ConfigKey.SAMPLE, true);
    long maxBody = longInteger(ConfigKey.MAX_BODY_BYTES, ServerConfig.MIN_MAX_BODY_BYTES, Integer.MAX_VALUE, ServerConfig.DEFAULT_MAX_BODY_BYTES);
    String apiKey = apiKey();
    boolean readsRequireKey = bool(ConfigKey.READS_REQUIRE_KEY, false);
    if (readsRequireKey && apiKey == null) {
      throw new IllegalArgumentException("readsRequireKey is true (" + origin(ConfigKey.READS_REQUIRE_KEY)
          + ") but no apiKey is set: set " + ConfigKey.API_KEY.env() + " or apiKey in the config file");
    }
    List<String> cors = corsOrigins();
    long maxBulk = longInteger(ConfigKey.MAX_BULK_BYTES, ServerConfig.MIN_MAX_BODY_BYTES, Long.MAX_VALUE, ServerConfig.DEFAULT_MAX_BULK_BYTES);
    int rateLimit = integer(ConfigKey.RATE_LIMIT, 0, 1_000_000, DEFAULT_RATE_LIMIT);
    int fusionDepth = integer(ConfigKey.FUSION_DEPTH, 1, Fusion.MAX_DEPTH, Fusion.defaults().minDepth());
    int keywordDepth = integer(ConfigKey.KEYWORD_DEPTH, 1, Fusion.MAX_DEPTH, Fusion.defaults().keywordDepth());
    ServerConfig server = new ServerConfig(host, port, maxBody, apiKey, readsRequireKey, cors, maxBulk, rateLimit);
    return new ServeSettings(
        server, index, models, modelEn, modelZh, cache, threads, workers, storage, sample, fusionDepth, keywordDepth, origins);
  }

  /** The raw value of {@code key} from the first source that sets it, or null; records its origin. */
  private Raw raw(ConfigKey key) {
    Raw r = flags.get(key);
    if (r == null && !blank(env.get(key.env()))) {
      r = new Raw(env.get(key.env()).strip(), key.env());
    }
    if (r == null) {
      ConfigFile.Entry e = file.entries().get(key);
      if (e != null && !e.value().isEmpty()) {
        r = new Raw(e.value(), file.file() + ":" + e.line());
      }
    }
    origins.put(key, r == null ? ServeSettings.DEFAULT : r.origin());
    return r;
  }

  private String origin(ConfigKey key) {
    return "from " + origins.get(key);
  }

  private IllegalArgumentException bad(ConfigKey key, String rule, Raw r) {
    return new IllegalArgumentException(key.key + " must be " + rule + ", got " + shown(r.value()) + " (from " + r.origin() + ")");
  }

  /** A number as it is ("70000"), anything else quoted ("'abc'"), long values cut. */
  private static String shown(String value) {
    String v = value.length() <= 60 ? value : value.substring(0, 60) + "...";
    return value.matches("-?\\d{1,18}") ? v : "'" + v + "'";
  }

  private String string(ConfigKey key, String fallback) {
    Raw r = raw(key);
    if (r == null) {
      return fallback;
    }
    if (r.value().isBlank()) {
      throw bad(key, "a non-empty value", r);
    }
    return r.value();
  }

  private Path path(ConfigKey key, Path fallback) {
    String s = string(key, null);
    if (s == null) {
      return fallback;
    }
    try {
      return Path.of(s);
    } catch (java.nio.file.InvalidPathException e) {
      throw bad(key, "a valid path", raw(key));
    }
  }

  private int integer(ConfigKey key, int min, int max, int fallback) {
    return (int) longInteger(key, min, max, fallback);
  }

  private long longInteger(ConfigKey key, long min, long max, long fallback) {
    Raw r = raw(key);
    if (r == null) {
      return fallback;
    }
    String rule = max >= Integer.MAX_VALUE ? "an integer >= " + min : min + ".." + max;
    try {
      long v = Long.parseLong(r.value().strip());
      if (v < min || v > max) {
        throw bad(key, rule, r);
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(key, rule, r);
    }
  }

  private boolean bool(ConfigKey key, boolean fallback) {
    Raw r = raw(key);
    if (r == null) {
      return fallback;
    }
    return switch (r.value().strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, "true or false", r);
    };
  }

  private VectorStorage vectorStorage() {
    Raw r = raw(ConfigKey.VECTOR_STORAGE);
    if (r == null) {
      return null;
    }
    try {
      return VectorStorage.parse(r.value().strip());
    } catch (IllegalArgumentException e) {
      throw bad(ConfigKey.VECTOR_STORAGE, "float32, int8 or int4", r);
    }
  }

  private String apiKey() {
    Raw r = raw(ConfigKey.API_KEY);
    if (r == null) {
      return null;
    }
    String problem = ServerConfig.apiKeyProblem(r.value());
    if (problem != null) {
      // Never the value itself: it is a secret, and this line goes to terminals and logs.
      throw new IllegalArgumentException("apiKey " + problem + " (from " + r.origin() + ")");
    }
    return r.value();
  }

  private List<String> corsOrigins() {
    Raw r = raw(ConfigKey.CORS_ORIGINS);
    if (r == null) {
      return List.of();
    }
    List<String> origins = new ArrayList<>();
    for (String part : r.value().split(",")) {
      String origin = part.strip();
      if (origin.isEmpty()) {
        continue;
      }
      String problem = ServerConfig.originProblem(origin);
      if (problem != null) {
        throw new IllegalArgumentException("corsOrigins entry " + problem + " (from " + r.origin() + ")");
      }
      origins.add(origin);
    }
    return origins;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
