package io.papersearch.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The models found under a models folder: every {@code <id>/model.json}. A user adds a model by
 * dropping its folder (ONNX file, {@code tokenizer.json}, {@code model.json}) next to the others.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class ModelRegistry {

  /** Name of the spec file in each model folder. */
  public static final String SPEC_FILE = "model.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Map<String, ModelSpec> specs;

  private ModelRegistry(Path root, Map<String, ModelSpec> specs) {
    this.root = root;
    this.specs = specs;
  }

  /**
   * Reads every {@code model.json} one level below {@code root}.
   *
   * @throws IllegalArgumentException if {@code root} is not a folder or a spec is invalid (the
   *     message names the file)
   */
  public static ModelRegistry scan(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("models folder not found: " + root);
    }
    Map<String, ModelSpec> specs = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        Path specFile = dir.resolve(SPEC_FILE);
        if (Files.isRegularFile(specFile)) {
          ModelSpec spec = readSpec(specFile);
          specs.put(spec.id(), spec);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list models folder " + root, e);
    }
    return new ModelRegistry(root, specs);
  }

  /** Parses one spec file; the folder name must equal the model id, so ids stay unique. */
  static ModelSpec readSpec(Path specFile) {
    Path dir = specFile.toAbsolutePath().getParent();
    try {
      JsonNode n = JSON.readTree(specFile.toFile());
      String id = text(n, "id", specFile);
      if (!id.equals(dir.getFileName().toString())) {
        throw new IllegalArgumentException(
            "model id '" + id + "' must equal its folder name '" + dir.getFileName() + "'");
      }
      return new ModelSpec(
          id,
          text(n, "language", specFile),
          dir,
          text(n, "onnx", specFile),
          text(n, "tokenizer", specFile),
          n.path("dimension").asInt(-1),
          ModelSpec.Pooling.parse(text(n, "pooling", specFile)),
          n.path("normalize").asBoolean(true),
          n.path("maxTokens").asInt(512),
          n.path("queryPrefix").asText(""),
          n.path("passagePrefix").asText(""));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read model spec " + specFile + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid model spec " + specFile + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field, Path file) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
    }
    return v.asText();
  }

  public Optional<ModelSpec> find(String id) {
    return Optional.ofNullable(specs.get(id));
  }

  /**
   * The spec of {@code id}, with its files present.
   *
   * @throws IllegalArgumentException naming the model and what is missing
   */
  public ModelSpec require(String id) {
    ModelSpec spec = specs.get(id);
    if (spec == null) {
      throw new IllegalArgumentException(
          "model '" + id + "' not found in " + root + "; available: " + specs.keySet());
    }
    for (Path file : List.of(spec.onnxPath(), spec.tokenizerPath())) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "model '" + id + "' is missing " + file
                + " (the build fetches the default models: ./mvnw generate-resources)");
      }
    }
    return spec;
  }

  public List<ModelSpec> all() {
    return new ArrayList<>(specs.values());
  }

  public Path root() {
    return root;
  }
}
