package io.papersearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.papersearch.embed.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticVectorsTest {

  /** 4-d unit vectors crowded around one direction, with most spread along a second axis. */
  static List<float[]> anisotropicSample(int n, long seed) {
    Random r = new Random(seed);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = {1f, (float) (0.3 * r.nextGaussian()), (float) (0.06 * r.nextGaussian()), (float) (0.03 * r.nextGaussian())};
      out.add(Vectors.normalizeInPlace(v));
    }
    return out;
  }

  @Test
  void draws_are_unit_vectors_that_reproduce_the_samples_cosine_statistics() {
    List<float[]> real = anisotropicSample(3000, 1);
    SyntheticVectors fitted = SyntheticVectors.fit(real);
    List<float[]> drawn = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      drawn.add(fitted.draw(i));
    }
    assertThat(drawn).allSatisfy(v -> assertThat(Vectors.dot(v, v)).isCloseTo(1f, within(1e-5f)));
    double[] realCos = SyntheticVectors.pairwiseCosine(real, 20_000, 7);
    double[] drawnCos = SyntheticVectors.pairwiseCosine(drawn, 20_000, 7);
    assertThat(realCos[0]).isGreaterThan(0.7); // the cone, not the whole sphere
    assertThat(drawnCos[0]).isCloseTo(realCos[0], within(0.02));
    assertThat(drawnCos[1]).isCloseTo(realCos[1], within(0.03));
    // The spread stays on the axis the sample spread on.
    double spread1 = drawn.stream().mapToDouble(v -> v[1] * v[1]).average().orElseThrow();
    double spread3 = drawn.stream().mapToDouble(v -> v[3] * v[3]).average().orElseThrow();
    assertThat(spread1).isGreaterThan(20 * spread3);
  }

  @Test
  void a_draw_depends_only_on_its_seed() {
    SyntheticVectors fitted = SyntheticVectors.fit(anisotropicSample(100, 2));
    assertThat(fitted.draw(42)).containsExactly(fitted.draw(42));
    assertThat(fitted.draw(42)).isNotEqualTo(fitted.draw(43));
    assertThat(fitted.dimension()).isEqualTo(4);
  }

  @Test
  void fitting_needs_two_samples_of_one_dimension() {
    assertThatThrownBy(() -> SyntheticVectors.fit(List.of(new float[] {1, 0})))
        .hasMessage("need at least 2 sample vectors, got 1");
    assertThatThrownBy(() -> SyntheticVectors.fit(List.of(new float[] {1, 0}, new float[] {1, 0, 0})))
        .hasMessage("sample vectors must all have 2 dimensions, got one of 3");
  }
}
