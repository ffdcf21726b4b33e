package io.papersearch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.papersearch.embed.Embedders;
import io.papersearch.embed.OnnxEmbedder;
import io.papersearch.http.HttpApi;
import io.papersearch.http.ServerConfig;
import io.papersearch.index.Importer;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real models over the bundled 41-paper sample, through the real HTTP server: the questions a
 * new user asks first.
 */
class SeedSampleIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path MODELS = Path.of(System.getProperty("papersearch.models", "models"));

  static Path dir;
  static Embedders embedders;
  static PaperIndex index;
  static SearchService search;
  static Importer.Summary summary;

  @BeforeAll
  static void indexSample() throws Exception {
    dir = Files.createTempDirectory("papersearch-it");
    embedders = Embedders.load(MODELS, Embedders.DEFAULT_EN, Embedders.DEFAULT_ZH, OnnxEmbedder.Threads.defaults());
    index = PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders));
    try (InputStream in = SeedSampleIT.class.getResourceAsStream("/sample/iccv2023-medical-imaging-papers.md")) {
      summary = new Importer(index, new Indexer(index, embedders)).importStream(in, Path.of("sample.md"), s -> {});
    }
    search = new SearchService(index, embedders);
  }

  /** A fresh server per test: a Javalin instance starts once. */
  static Javalin app() {
    return HttpApi.create(search, ServerConfig.defaults().withPort(0));
  }

  @AfterAll
  static void close() {
    index.close();
    embedders.close();
  }

  static List<String> titles(JsonNode response) {
    List<String> out = new ArrayList<>();
    response.get("hits").forEach(h -> out.add(h.get("title").asText()));
    return out;
  }

  static JsonNode get(io.javalin.testtools.HttpClient client, String path) throws Exception {
    var r = client.get(path);
    assertThat(r.code()).as(path).isEqualTo(200);
    return JSON.readTree(r.body().string());
  }

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void the_whole_sample_is_indexed_with_both_languages() {
    assertThat(summary.added()).isEqualTo(41);
    assertThat(summary.rejections()).isEmpty();
    assertThat(index.count()).isEqualTo(41);
  }

  @Test
  void an_english_question_finds_the_semi_supervised_segmentation_papers_in_the_top_3() {
    JavalinTest.test(app(), (server, client) -> {
      JsonNode r = get(client, "/search?limit=3&q=" + q("semi-supervised medical image segmentation with few labels"));
      assertThat(titles(r)).anyMatch(t -> t.startsWith("CauSSL"));
      assertThat(titles(r)).anyMatch(t -> t.startsWith("XNet"));
      assertThat(r.get("lang").asText()).isEqualTo("en");
    });
  }

  @Test
  void a_chinese_question_finds_the_semi_supervised_segmentation_papers_in_the_top_3() {
    JavalinTest.test(app(), (server, client) -> {
      JsonNode r = get(client, "/search?limit=3&q=" + q("半监督医学图像分割"));
      assertThat(r.get("lang").asText()).isEqualTo("zh");
      assertThat(titles(r)).anyMatch(t -> t.startsWith("CauSSL"));
      assertThat(titles(r)).anyMatch(t -> t.startsWith("XNet"));
    });
  }

  @Test
  void a_natural_language_question_about_registration_finds_registration_papers() {
    JavalinTest.test(app(), (server, client) -> {
      JsonNode r = get(client, "/search?limit=3&mode=semantic&q=" + q("how can I align two brain MRI scans with a neural network?"));
      assertThat(titles(r)).anyMatch(t -> t.contains("Registration"));
    });
  }

  @Test
  void similar_papers_of_a_segmentation_paper_are_segmentation_papers() {
    JavalinTest.test(app(), (server, client) -> {
      JsonNode search = get(client, "/search?limit=1&mode=keyword&q=" + q("CauSSL"));
      String id = search.get("hits").get(0).get("id").asText();
      JsonNode r = get(client, "/papers/" + id + "/similar?limit=5");
      assertThat(r.get("lang").asText()).isEqualTo("en+zh");
      List<String> titles = titles(r);
      assertThat(titles).hasSize(5).noneMatch(t -> t.startsWith("CauSSL"));
      assertThat(titles.stream().filter(t -> t.toLowerCase(java.util.Locale.ROOT).contains("segment")).count())
          .as("segmentation papers among %s", titles)
          .isGreaterThanOrEqualTo(3);
    });
  }

  @Test
  void mojibake_in_author_names_is_repaired_and_searchable() {
    JavalinTest.test(app(), (server, client) -> {
      JsonNode r = get(client, "/search?mode=keyword&q=" + q("Morales-Álvarez"));
      assertThat(r.get("totalHits").asInt()).isEqualTo(1);
      assertThat(r.get("hits").get(0).get("authors").toString()).contains("Pablo Morales-Álvarez");
    });
  }
}
