package io.papersearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.papersearch.embed.Embedders;
import io.papersearch.index.VectorStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final String KEY = "k3y-0123456789abcdef";

  @TempDir Path dir;

  static Map<ConfigKey, ConfigLoader.Raw> flags(Object... keyAndValue) {
    Map<ConfigKey, ConfigLoader.Raw> m = new EnumMap<>(ConfigKey.class);
    for (int i = 0; i < keyAndValue.length; i += 2) {
      ConfigKey k = (ConfigKey) keyAndValue[i];
      m.put(k, new ConfigLoader.Raw((String) keyAndValue[i + 1], k.flags.get(0).name()));
    }
    return m;
  }

  Path file(String text) throws Exception {
    Path f = dir.resolve("papersearch.properties");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  static ServeSettings load(Map<ConfigKey, ConfigLoader.Raw> flags, Path file, Map<String, String> env) {
    return ConfigLoader.load(flags, file, env);
  }

  @Test
  void nothing_set_gives_the_defaults() {
    ServeSettings s = load(Map.of(), null, Map.of());
    assertThat(s.server().host()).isEqualTo("127.0.0.1");
    assertThat(s.server().port()).isEqualTo(7070);
    assertThat(s.server().maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(s.server().apiKey()).isNull();
    assertThat(s.server().readsRequireKey()).isFalse();
    assertThat(s.server().corsOrigins()).isEmpty();
    assertThat(s.index()).isEqualTo(Path.of("index"));
    assertThat(s.modelEn()).isEqualTo(Embedders.DEFAULT_EN);
    assertThat(s.modelZh()).isEqualTo(Embedders.DEFAULT_ZH);
    assertThat(s.cache()).isEqualTo(CommonOptions.defaultCache());
    assertThat(s.threads()).isEqualTo(1);
    assertThat(s.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(s.vectorStorage()).isNull();
    assertThat(s.sample()).isTrue();
    assertThat(s.server().maxBulkBytes()).isEqualTo(64L << 20);
    assertThat(s.fusionDepth()).isEqualTo(100);
    assertThat(s.keywordDepth()).isEqualTo(30);
    assertThat(s.fusion()).isEqualTo(io.papersearch.search.Fusion.defaults());
    assertThat(s.where(ConfigKey.PORT)).isEqualTo("port: default");
  }

  @Test
  void flags_beat_the_environment_which_beats_the_file() throws Exception {
    Path f = file("""
        # papersearch serve settings
        port = 8001
        host = 0.0.0.0
        index = /srv/papers/index
        threads = 2
        """);
    Map<String, String> env = Map.of("PAPERSEARCH_PORT", "8002", "PAPERSEARCH_THREADS", "3");
    ServeSettings s = load(flags(ConfigKey.PORT, "8003"), f, env);
    assertThat(s.server().port()).isEqualTo(8003);
    assertThat(s.threads()).isEqualTo(3);
    assertThat(s.server().host()).isEqualTo("0.0.0.0");
    assertThat(s.index()).isEqualTo(Path.of("/srv/papers/index"));
    assertThat(s.where(ConfigKey.PORT)).isEqualTo("port from --port");
    assertThat(s.where(ConfigKey.THREADS)).isEqualTo("threads from PAPERSEARCH_THREADS");
    assertThat(s.where(ConfigKey.INDEX)).isEqualTo("index from " + f + ":4");

    assertThat(load(Map.of(), f, env).server().port()).isEqualTo(8002);
    assertThat(load(Map.of(), f, Map.of()).server().port()).isEqualTo(8001);
  }

  @Test
  void the_config_file_can_be_named_by_the_environment() throws Exception {
    Path f = file("port = 8123\n");
    assertThat(load(Map.of(), null, Map.of("PAPERSEARCH_CONFIG", f.toString())).server().port()).isEqualTo(8123);
    Path other = dir.resolve("other.properties");
    Files.writeString(other, "port = 8124\n");
    assertThat(load(Map.of(), other, Map.of("PAPERSEARCH_CONFIG", f.toString())).server().port()).as("--config wins").isEqualTo(8124);
  }

  @Test
  void empty_values_count_as_not_set() throws Exception {
    Path f = file("port =\napiKey =\n");
    ServeSettings s = load(Map.of(), f, Map.of("PAPERSEARCH_HOST", "  ", "PAPERSEARCH_API_KEY", ""));
    assertThat(s.server().port()).isEqualTo(7070);
    assertThat(s.server().host()).isEqualTo("127.0.0.1");
    assertThat(s.server().apiKey()).isNull();
  }

  @Test
  void bad_values_name_the_value_and_where_it_came_from() throws Exception {
    assertThatThrownBy(() -> load(Map.of(), null, Map.of("PAPERSEARCH_PORT", "70000")))
        .hasMessage("port must be 0..65535, got 70000 (from PAPERSEARCH_PORT)");
    assertThatThrownBy(() -> load(flags(ConfigKey.PORT, "http"), null, Map.of()))
        .hasMessage("port must be 0..65535, got 'http' (from --port)");
    Path f = file("\n# comment\nthreads = 0\n");
    assertThatThrownBy(() -> load(Map.of(), f, Map.of()))
        .hasMessage("threads must be 1..1024, got 0 (from " + f + ":3)");
    assertThatThrownBy(() -> load(Map.of(), null, Map.of("PAPERSEARCH_MAX_BODY_BYTES", "16MB")))
        .hasMessage("maxBodyBytes must be an integer >= 1024, got '16MB' (from PAPERSEARCH_MAX_BODY_BYTES)");
    assertThatThrownBy(() -> load(Map.of(), null, Map.of("PAPERSEARCH_SAMPLE", "yes")))
        .hasMessage("sample must be true or false, got 'yes' (from PAPERSEARCH_SAMPLE)");
    assertThatThrownBy(() -> load(flags(ConfigKey.VECTOR_STORAGE, "int2"), null, Map.of()))
        .hasMessage("vectorStorage must be float32, int8 or int4, got 'int2' (from --vector-storage)");
    assertThatThrownBy(() -> load(Map.of(), null, Map.of("PAPERSEARCH_CORS_ORIGINS", "https://a.org, https://b.org/app")))
        .hasMessage("corsOrigins entry must be * or scheme://host[:port] (no path), got 'https://b.org/app' (from PAPERSEARCH_CORS_ORIGINS)");
    assertThatThrownBy(() -> load(flags(ConfigKey.HOST, ""), null, Map.of()))
        .hasMessage("host must be a non-empty value, got '' (from --host)");
    assertThatThrownBy(() -> load(flags(ConfigKey.FUSION_DEPTH, "0"), null, Map.of()))
        .hasMessage("fusionDepth must be 1..10000, got 0 (from --fusion-depth)");
    // The other commands read the same flag through CommonOptions.
    CommonOptions opts = new CommonOptions();
    opts.fusionDepth = "ten";
    assertThatThrownBy(opts::fusion).hasMessage("--fusion-depth must be 1..10000, got 'ten'");
    opts.fusionDepth = "30";
    assertThat(opts.fusion().minDepth()).isEqualTo(30);
    opts.keywordDepth = "0";
    assertThatThrownBy(opts::fusion).hasMessage("--keyword-depth must be 1..10000, got '0'");
    opts.keywordDepth = "10,20";
    assertThatThrownBy(opts::fusion).hasMessage("--keyword-depth takes one number here, got '10,20' (only eval sweeps a list)");
    assertThat(opts.keywordDepths()).containsExactly(10, 20);
    opts.keywordDepth = " 10 ";
    assertThat(opts.fusion().keywordDepth()).isEqualTo(10);
    assertThatThrownBy(() -> load(Map.of(), null, Map.of("PAPERSEARCH_KEYWORD_DEPTH", "10001")))
        .hasMessage("keywordDepth must be 1..10000, got 10001 (from PAPERSEARCH_KEYWORD_DEPTH)");
  }

  @Test
  void the_api_key_is_checked_but_never_quoted() throws Exception {
    assertThatThrownBy(() -> load(Map.of(), null, Map.of("PAPERSEARCH_API_KEY", "hunter2")))
        .hasMessage("apiKey must be at least 16 characters, got 7 (from PAPERSEARCH_API_KEY)")
        .message().doesNotContain("hunter2");
    Path f = file("apiKey = " + KEY + "\nreadsRequireKey = true\n");
    ServeSettings s = load(Map.of(), f, Map.of());
    assertThat(s.server().apiKey()).isEqualTo(KEY);
    assertThat(s.server().readsRequireKey()).isTrue();
    assertThat(s.toString()).doesNotContain(KEY);
  }

  @Test
  void reads_cannot_require_a_key_nobody_set() {
    assertThatThrownBy(() -> load(flags(ConfigKey.READS_REQUIRE_KEY, "true"), null, Map.of()))
        .hasMessage("readsRequireKey is true (from --reads-require-key) but no apiKey is set: set PAPERSEARCH_API_KEY or apiKey in the config file");
  }

  @Test
  void typed_values_are_parsed() {
    ServeSettings s = load(
        flags(ConfigKey.CORS_ORIGINS, "https://lab.example.org, http://localhost:5173", ConfigKey.MAX_BULK_BYTES, "2048"),
        null,
        Map.of("PAPERSEARCH_CACHE", "none", "PAPERSEARCH_VECTOR_STORAGE", "INT8", "PAPERSEARCH_FUSION_DEPTH", "30", "PAPERSEARCH_READS_REQUIRE_KEY", "false",
            "PAPERSEARCH_MAX_BODY_BYTES", "16777216"));
    assertThat(s.server().corsOrigins()).containsExactly("https://lab.example.org", "http://localhost:5173");
    assertThat(s.server().maxBulkBytes()).isEqualTo(2048);
    assertThat(s.cache()).isNull();
    assertThat(s.vectorStorage()).isEqualTo(VectorStorage.INT8);
    assertThat(s.fusion().minDepth()).isEqualTo(30);
    assertThat(s.fusion().keywordDepth()).isEqualTo(io.papersearch.search.Fusion.KEYWORD_DEPTH);
    assertThat(s.server().maxBodyBytes()).isEqualTo(16L << 20);
  }

  @Test
  void an_unknown_key_in_the_file_is_named_with_its_line() throws Exception {
    Path f = file("host = 127.0.0.1\nprot = 8080\n");
    assertThatThrownBy(() -> load(Map.of(), f, Map.of()))
        .hasMessageStartingWith(f + ":2: unknown key 'prot' (did you mean 'port'?); known keys: apiKey, cache, ");
    Path g = file("colour = blue\n");
    assertThatThrownBy(() -> load(Map.of(), g, Map.of()))
        .hasMessageStartingWith(g + ":1: unknown key 'colour'; known keys:");
  }

  @Test
  void a_malformed_file_is_refused_with_file_and_line() throws Exception {
    Path noEquals = file("port 8080\n");
    assertThatThrownBy(() -> load(Map.of(), noEquals, Map.of())).hasMessage(noEquals + ":1: expected key = value, got 'port 8080'");
    Path twice = file("port = 1\n\nport = 2\n");
    assertThatThrownBy(() -> load(Map.of(), twice, Map.of())).hasMessage(twice + ":3: key 'port' is set twice (first on line 1)");
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> load(Map.of(), missing, Map.of())).hasMessage("cannot read config file " + missing + ": no such file");
    Path latin1 = dir.resolve("latin1.properties");
    Files.write(latin1, "host = caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> load(Map.of(), latin1, Map.of())).hasMessage("config file " + latin1 + " is not valid UTF-8");
  }

  @Test
  void values_are_literal_and_comments_and_byte_order_marks_are_skipped() throws Exception {
    Path f = file("\uFEFF# Windows paths stay as written\n! also a comment\nindex = C:\\papers\\index\nmodelEn = a=b\n");
    ServeSettings s = load(Map.of(), f, Map.of());
    assertThat(s.modelEn()).isEqualTo("a=b");
    assertThat(s.where(ConfigKey.INDEX)).endsWith(":3");
  }

  @Test
  void every_key_has_a_distinct_environment_variable() {
    assertThat(ConfigKey.MAX_BODY_BYTES.env()).isEqualTo("PAPERSEARCH_MAX_BODY_BYTES");
    assertThat(ConfigKey.MODEL_EN.env()).isEqualTo("PAPERSEARCH_MODEL_EN");
    assertThat(List.of(ConfigKey.values()).stream().map(ConfigKey::env).distinct().count()).isEqualTo(ConfigKey.values().length);
  }
}
