package io.papersearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.papersearch.search.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's tables against the code: every setting and every error code is documented. */
class ReadmeTest {
  static List<String> lines() throws Exception {
    return Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
  }

  @Test
  void every_setting_has_a_row_with_its_environment_variable_and_flags() throws Exception {
    List<String> lines = lines();
    for (ConfigKey key : ConfigKey.values()) {
      List<String> rows = lines.stream().filter(l -> l.startsWith("| `" + key.key + "` |")).toList();
      assertThat(rows).as("README configuration row of " + key.key).hasSize(1);
      String row = rows.get(0);
      assertThat(row).as(key.key).contains("`" + key.env() + "`");
      for (ConfigKey.Flag flag : key.flags) {
        assertThat(row).as(key.key).contains("`" + flag.name());
      }
    }
    assertThat(lines).anyMatch(l -> l.contains("`" + ConfigLoader.CONFIG_ENV + "`") && l.contains("`--config FILE`"));
  }

  @Test
  void every_error_code_has_a_row_with_its_status() throws Exception {
    List<String> lines = lines();
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(lines).as(code.code()).anyMatch(l -> l.startsWith("| `" + code.code() + "` | " + code.status() + " |"));
    }
  }
}
