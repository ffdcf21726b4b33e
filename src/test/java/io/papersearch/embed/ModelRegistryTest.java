package io.papersearch.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir Path models;

  static final Path TEST_MODELS = Path.of(System.getProperty("papersearch.testModels", "target/test-models"));

  void writeSpec(String folder, String json) throws IOException {
    Files.createDirectories(models.resolve(folder));
    Files.writeString(models.resolve(folder).resolve("model.json"), json);
  }

  static String spec(String id, String pooling, int dim) {
    return """
        {"id": "%s", "language": "en", "onnx": "m.onnx", "tokenizer": "t.json",
         "dimension": %d, "pooling": "%s", "maxTokens": 128}
        """.formatted(id, dim, pooling);
  }

  @Test
  void a_model_dropped_into_the_folder_with_its_spec_is_found() throws IOException {
    writeSpec("tiny", spec("tiny", "mean", 8));
    ModelSpec s = ModelRegistry.scan(models).find("tiny").orElseThrow();
    assertThat(s.pooling()).isEqualTo(ModelSpec.Pooling.MEAN);
    assertThat(s.dimension()).isEqualTo(8);
    assertThat(s.queryPrefix()).isEmpty();
  }

  @Test
  void a_missing_model_file_is_named() throws IOException {
    writeSpec("tiny", spec("tiny", "cls", 8));
    assertThatThrownBy(() -> ModelRegistry.scan(models).require("tiny"))
        .hasMessageContaining("model 'tiny' is missing")
        .hasMessageContaining("m.onnx");
  }

  @Test
  void an_unknown_model_lists_the_available_ones() throws IOException {
    writeSpec("tiny", spec("tiny", "cls", 8));
    assertThatThrownBy(() -> ModelRegistry.scan(models).require("huge"))
        .hasMessageContaining("model 'huge' not found")
        .hasMessageContaining("available: [tiny]");
  }

  @Test
  void invalid_specs_name_the_file_and_the_value() throws IOException {
    writeSpec("a", spec("a", "max", 8));
    assertThatThrownBy(() -> ModelRegistry.scan(models))
        .hasMessageContaining("model.json")
        .hasMessageContaining("pooling must be 'cls' or 'mean', got 'max'");
  }

  @Test
  void the_spec_id_must_match_its_folder() throws IOException {
    writeSpec("folder", spec("other", "cls", 8));
    assertThatThrownBy(() -> ModelRegistry.scan(models))
        .hasMessageContaining("model id 'other' must equal its folder name 'folder'");
  }

  @Test
  void dimension_is_checked() throws IOException {
    writeSpec("a", spec("a", "cls", 0));
    assertThatThrownBy(() -> ModelRegistry.scan(models)).hasMessageContaining("dimension must be in 1..4096, got 0");
  }

  /** all-MiniLM-L6-v2 (mean pooling) dropped into a models folder with its spec runs unchanged. */
  @Test
  void a_mean_pooling_model_dropped_in_runs_and_ranks_sensibly() throws IOException {
    Path dir = models.resolve("all-minilm-l6-v2");
    Files.createDirectories(dir);
    for (String f : new String[] {"all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json"}) {
      Files.copy(TEST_MODELS.resolve("all-minilm-l6-v2").resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    try (InputStream in = getClass().getResourceAsStream("/models/all-minilm-l6-v2/model.json")) {
      Files.copy(in, dir.resolve("model.json"));
    }
    ModelSpec spec = ModelRegistry.scan(models).require("all-minilm-l6-v2");
    try (OnnxEmbedder e = OnnxEmbedder.load(spec, OnnxEmbedder.Threads.defaults())) {
      float[] a = e.embed("A man is eating food.", Role.QUERY);
      float[] b = e.embed("A man is eating a piece of bread.", Role.PASSAGE);
      float[] c = e.embed("The new movie is awesome.", Role.PASSAGE);
      assertThat(a).hasSize(384);
      assertThat(Vectors.dot(a, b)).isGreaterThan(0.5f).isGreaterThan(Vectors.dot(a, c) + 0.3f);
      ModelSpec cls = new ModelSpec(spec.id(), "en", spec.dir(), spec.onnx(), spec.tokenizer(), 384, ModelSpec.Pooling.CLS, true, 256, "", "");
      try (OnnxEmbedder clsPooled = OnnxEmbedder.load(cls, OnnxEmbedder.Threads.defaults())) {
        // Mean pooling is really applied: the [CLS] vector of the same text differs.
        assertThat(Vectors.dot(a, clsPooled.embed("A man is eating food.", Role.QUERY))).isLessThan(0.99f);
      }
    }
  }

  @Test
  void a_spec_with_the_wrong_dimension_fails_when_loaded() throws IOException {
    Path dir = models.resolve("all-minilm-l6-v2");
    Files.createDirectories(dir);
    for (String f : new String[] {"all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json"}) {
      Files.copy(TEST_MODELS.resolve("all-minilm-l6-v2").resolve(f), dir.resolve(f));
    }
    Files.writeString(dir.resolve("model.json"), """
        {"id": "all-minilm-l6-v2", "language": "en", "onnx": "all-minilm-l6-v2.onnx",
         "tokenizer": "all-minilm-l6-v2-tokenizer.json", "dimension": 768, "pooling": "mean"}
        """);
    ModelSpec spec = ModelRegistry.scan(models).require("all-minilm-l6-v2");
    assertThatThrownBy(() -> OnnxEmbedder.load(spec, OnnxEmbedder.Threads.defaults()))
        .hasMessageContaining("produces 384-d vectors but its model.json says dimension 768");
  }
}
