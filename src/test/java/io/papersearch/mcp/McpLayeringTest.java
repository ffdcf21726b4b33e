package io.papersearch.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tools depend on search, never on the web server or the command line that host them. */
class McpLayeringTest {
  static List<String> imports(String pkg) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/io/papersearch", pkg))) {
      return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
        try {
          return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("import ")).map(l -> f.getFileName() + ": " + l);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  @Test
  void mcp_imports_neither_javalin_nor_http_nor_cli() throws IOException {
    List<String> imports = imports("mcp");
    assertThat(imports).anyMatch(l -> l.contains("io.papersearch.search."));
    assertThat(imports).noneMatch(l -> l.contains("io.javalin") || l.contains("io.papersearch.http") || l.contains("io.papersearch.cli")
        || l.contains("org.eclipse.jetty"));
  }

  @Test
  void search_does_not_know_about_mcp() throws IOException {
    assertThat(imports("search")).noneMatch(l -> l.contains("io.papersearch.mcp") || l.contains("io.modelcontextprotocol"));
  }
}
