package io.papersearch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  static final String KEY = "k3y-0123456789abcdef";

  @Test
  void the_key_never_appears_in_messages_or_in_to_string() {
    ServerConfig config = ServerConfig.defaults().withApiKey(KEY, true);
    assertThat(config.toString()).doesNotContain(KEY).contains("apiKey=(set)", "readsRequireKey=true");
    assertThatThrownBy(() -> ServerConfig.defaults().withApiKey("short-secret", false))
        .hasMessage("apiKey must be at least 16 characters, got 12")
        .message().doesNotContain("short-secret");
  }

  @Test
  void a_key_must_survive_an_http_header() {
    assertThat(ServerConfig.apiKeyProblem("0123456789abcdef 0")).isEqualTo("must be printable ASCII without spaces, got a character U+0020 at position 17");
    assertThat(ServerConfig.apiKeyProblem("0123456789abcdefé")).contains("U+00E9");
    assertThat(ServerConfig.apiKeyProblem(KEY)).isNull();
  }

  @Test
  void reads_cannot_require_a_key_that_is_not_set() {
    assertThatThrownBy(() -> ServerConfig.defaults().withApiKey(null, true)).hasMessage("readsRequireKey is true but no apiKey is set");
  }

  @Test
  void cors_origins_are_scheme_host_and_port_only() {
    assertThat(ServerConfig.originProblem("https://lab.example.org")).isNull();
    assertThat(ServerConfig.originProblem("http://localhost:5173")).isNull();
    assertThat(ServerConfig.originProblem("*")).isNull();
    assertThat(ServerConfig.originProblem("https://lab.example.org/")).isEqualTo("must be * or scheme://host[:port] (no path), got 'https://lab.example.org/'");
    assertThat(ServerConfig.originProblem("lab.example.org")).isNotNull();
    assertThat(ServerConfig.originProblem("ftp://lab.example.org")).isNotNull();
    assertThatThrownBy(() -> ServerConfig.defaults().withCorsOrigins(List.of("https://a.org/path")))
        .hasMessageStartingWith("CORS origin must be * or scheme://host[:port]");
  }
}
