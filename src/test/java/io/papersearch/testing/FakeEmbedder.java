package io.papersearch.testing;

import io.papersearch.embed.ModelSpec;
import io.papersearch.embed.Role;
import io.papersearch.embed.TextEmbedder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A 4-d "model" for unit tests: a text's vector is the sum of the hand-made vectors of the topic
 * words it contains, so tests can reason about which paper is nearest. Counts its calls, so tests
 * can assert that nothing is embedded twice.
 */
public final class FakeEmbedder implements TextEmbedder {

  /** Topic words and their directions: four orthogonal topics. */
  public static final Map<String, float[]> TOPICS =
      Map.of(
          "segmentation", new float[] {1, 0, 0, 0},
          "分割", new float[] {1, 0, 0, 0},
          "registration", new float[] {0, 1, 0, 0},
          "配准", new float[] {0, 1, 0, 0},
          "reconstruction", new float[] {0, 0, 1, 0},
          "重建", new float[] {0, 0, 1, 0},
          "detection", new float[] {0, 0, 0, 1},
          "检测", new float[] {0, 0, 0, 1});

  private final ModelSpec spec;
  public final AtomicInteger calls = new AtomicInteger();

  public FakeEmbedder(String id, String language) {
    this.spec = new ModelSpec(id, language, Path.of("."), "fake.onnx", "fake.json", 4, ModelSpec.Pooling.CLS, true, 512, "", "");
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public float[] embed(String text, Role role) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text to embed must not be blank");
    }
    calls.incrementAndGet();
    float[] v = new float[] {0.01f, 0.01f, 0.01f, 0.01f};
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    TOPICS.forEach(
        (word, dir) -> {
          if (lower.contains(word)) {
            for (int i = 0; i < 4; i++) {
              v[i] += dir[i];
            }
          }
        });
    return io.papersearch.embed.Vectors.normalizeInPlace(v);
  }

  @Override
  public int countTokens(String text, Role role) {
    return text.split("\\s+").length;
  }

  @Override
  public void close() {}
}
