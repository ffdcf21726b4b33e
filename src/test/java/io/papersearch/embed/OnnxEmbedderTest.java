package io.papersearch.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the default (int8) models through DJL + ONNX Runtime: int8 is where batching would break determinism. */
class OnnxEmbedderTest {

  static final Path MODELS = Path.of(System.getProperty("papersearch.models", "models"));
  static OnnxEmbedder en;
  static OnnxEmbedder zh;

  @BeforeAll
  static void load() {
    ModelRegistry registry = ModelRegistry.scan(MODELS);
    en = OnnxEmbedder.load(registry.require(Embedders.DEFAULT_EN), OnnxEmbedder.Threads.defaults());
    zh = OnnxEmbedder.load(registry.require(Embedders.DEFAULT_ZH), OnnxEmbedder.Threads.defaults());
  }

  @AfterAll
  static void close() {
    en.close();
    zh.close();
  }

  @Test
  void english_vectors_are_unit_length_and_rank_a_paraphrase_above_an_unrelated_text() {
    float[] q = en.embed("semi-supervised medical image segmentation", Role.QUERY);
    float[] related =
        en.embed("We segment organs in CT scans using few labelled images and many unlabelled ones.", Role.PASSAGE);
    float[] unrelated = en.embed("The stock market fell sharply after the interest rate decision.", Role.PASSAGE);
    assertThat(q).hasSize(384);
    assertThat(Vectors.dot(q, q)).isCloseTo(1f, within(1e-4f));
    assertThat(Vectors.dot(q, related)).isGreaterThan(Vectors.dot(q, unrelated) + 0.1f);
  }

  @Test
  void chinese_vectors_have_the_chinese_model_dimension_and_rank_a_paraphrase_first() {
    float[] q = zh.embed("半监督医学图像分割", Role.QUERY);
    float[] related = zh.embed("我们利用少量标注和大量未标注的CT图像进行器官分割。", Role.PASSAGE);
    float[] unrelated = zh.embed("央行宣布加息后股市大幅下跌。", Role.PASSAGE);
    assertThat(q).hasSize(512);
    assertThat(Vectors.dot(q, related)).isGreaterThan(Vectors.dot(q, unrelated) + 0.1f);
  }

  @Test
  void the_same_text_gives_the_same_vector_whatever_runs_beside_it() throws Exception {
    String text = "Contrastive pretraining for chest X-ray report generation.";
    float[] alone = en.embed(text, Role.PASSAGE);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String other = i % 2 == 0 ? text : "An unrelated sentence number " + i + " about graph neural networks.";
        futures.add(pool.submit(() -> en.embed(other, Role.PASSAGE)));
      }
      for (int i = 0; i < futures.size(); i += 2) {
        assertThat(futures.get(i).get()).containsExactly(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void query_prefix_changes_the_vector() {
    String text = "brain tumour segmentation";
    assertThat(en.embed(text, Role.QUERY)).isNotEqualTo(en.embed(text, Role.PASSAGE));
  }

  @Test
  void long_texts_are_truncated_to_max_tokens() {
    String longText = "segmentation ".repeat(2000);
    assertThat(en.countTokens(longText, Role.PASSAGE)).isEqualTo(512);
    assertThat(en.embed(longText, Role.PASSAGE)).hasSize(384);
  }

  @Test
  void blank_text_is_rejected_with_a_clear_message() {
    assertThatThrownBy(() -> en.embed("  ", Role.QUERY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text to embed must not be blank");
  }
}
