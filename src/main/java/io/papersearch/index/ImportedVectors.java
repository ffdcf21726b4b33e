package io.papersearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.papersearch.ingest.JsonLines;
import io.papersearch.ingest.Lang;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Vectors of papers embedded elsewhere, read from JSONL: {@code {"id": "...", "en": [...], "zh":
 * [...]}} (either language may be absent). Every vector is checked against the index's dimension
 * for its language when read, so a file from another model fails before anything is indexed.
 * Vectors must come from the same models as the index (the index records which). Immutable once
 * read; thread-safe.
 */
public final class ImportedVectors {

  /** No imported vectors: every text is embedded by the model. */
  public static final ImportedVectors NONE = new ImportedVectors(Map.of());

  private final Map<String, Map<Lang, float[]>> byId;

  private ImportedVectors(Map<String, Map<Lang, float[]>> byId) {
    this.byId = byId;
  }

  /**
   * Reads a vectors file.
   *
   * @throws IllegalArgumentException naming file and line for a malformed line or a vector of the
   *     wrong dimension
   */
  public static ImportedVectors read(Path file, IndexSchema schema) throws IOException {
    Map<String, Map<Lang, float[]>> byId = new HashMap<>();
    JsonLines.forEach(file, (node, n) -> {
      String where = file.getFileName() + ":" + n + ": ";
      JsonNode id = node.get("id");
      if (id == null || !id.isTextual() || id.asText().isBlank()) {
        throw new IllegalArgumentException(where + "a vector line needs a string 'id'");
      }
      Map<Lang, float[]> vectors = new EnumMap<>(Lang.class);
      for (Lang lang : Lang.values()) {
        String key = lang.name().toLowerCase(Locale.ROOT);
        JsonNode array = node.get(key);
        if (array == null || array.isNull()) {
          continue;
        }
        int dimension = lang == Lang.ZH ? schema.dimensionZh() : schema.dimensionEn();
        if (!array.isArray() || array.size() != dimension) {
          throw new IllegalArgumentException(
              where + key + " vector must be an array of " + dimension + " numbers, got "
                  + (array.isArray() ? array.size() + " values" : array.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
          if (!array.get(i).isNumber()) {
            throw new IllegalArgumentException(where + key + " vector value " + i + " is not a number");
          }
          v[i] = array.get(i).floatValue();
        }
        vectors.put(lang, v);
      }
      byId.put(id.asText(), vectors);
    });
    return new ImportedVectors(byId);
  }

  /** The imported vector of a paper in a language, or null. */
  public float[] get(String id, Lang lang) {
    Map<Lang, float[]> m = byId.get(id);
    float[] v = m == null ? null : m.get(lang);
    return v == null ? null : v.clone();
  }

  public int size() {
    return byId.size();
  }
}
