package io.papersearch.http;

import static io.papersearch.http.HttpApiTest.assertError;
import static io.papersearch.http.HttpApiTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.papersearch.embed.Embedders;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import io.papersearch.search.WriteService;
import io.papersearch.testing.FakeEmbedder;
import io.papersearch.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PUT, DELETE and bulk POST /papers through the real server: keys, durability, per-line reports. */
class WriteRoutesTest {
  static final String KEY = "test-key-0123456789abcdef";
  static final String PAPER = """
      {"title": "Contrastive pretraining for radiology reports", "abstract": "We pretrain on radiology reports with contrastive segmentation losses.", "year": 2024, "authors": ["Grace Hopper"]}""";

  @TempDir Path dir;
  Embedders embedders;
  PaperIndex index;
  Javalin app;

  @BeforeEach
  void setUp() {
    embedders = Fixtures.fakeEmbedders();
    index = Fixtures.indexedCorpus(dir, embedders);
    app = server(ServerConfig.defaults().withPort(0).withApiKey(KEY, false));
  }

  Javalin server(ServerConfig config) {
    return HttpApi.create(new SearchService(index, embedders), new WriteService(index, new Indexer(index, embedders), 1), config);
  }

  @AfterEach
  void tearDown() {
    index.close();
  }

  static Response send(HttpClient client, String method, String path, BodyPublisher body, String key, String type) {
    return client.request(path, b -> {
      switch (method) {
        case "PUT" -> b.put(body);
        case "POST" -> b.post(body);
        case "DELETE" -> b.delete(body);
        default -> throw new IllegalArgumentException("method " + method);
      }
      if (key != null) {
        b.header("Authorization", "Bearer " + key);
      }
      if (type != null) {
        b.header("Content-Type", type);
      }
    });
  }

  static Response put(HttpClient client, String id, String json, String key) {
    return send(client, "PUT", "/papers/" + id, BodyPublishers.ofString(json), key, "application/json");
  }

  /** What another process sees: only committed data (a fresh read-only open of the folder). */
  int committedCount() {
    try (PaperIndex other = PaperIndex.openReadOnly(dir, Indexer.schemaOf(embedders))) {
      return other.count();
    }
  }

  @Test
  void put_adds_then_updates_and_the_paper_is_committed_and_searchable_when_acknowledged() {
    JavalinTest.test(app, (server, client) -> {
      HttpApiTest.Reply added = reply(put(client, "new-1", PAPER, KEY));
      assertThat(added.status()).isEqualTo(201);
      assertThat(added.body().toString()).isEqualTo("{\"id\":\"new-1\",\"result\":\"added\"}");
      assertThat(committedCount()).isEqualTo(Fixtures.corpus().size() + 1);
      HttpApiTest.Reply found = reply(client.get("/search?q=radiology&mode=keyword"));
      assertThat(found.body().get("hits").get(0).get("id").asText()).isEqualTo("new-1");

      HttpApiTest.Reply same = reply(put(client, "new-1", PAPER, KEY));
      assertThat(same.status()).isEqualTo(200);
      assertThat(same.body().get("result").asText()).isEqualTo("unchanged");
      HttpApiTest.Reply updated = reply(put(client, "new-1", PAPER.replace("2024", "2025"), KEY));
      assertThat(updated.body().get("result").asText()).isEqualTo("updated");
      assertThat(reply(client.get("/papers/new-1")).body().get("year").asInt()).isEqualTo(2025);
    });
  }

  @Test
  void a_full_disk_is_503_index_write_failed_naming_no_path_and_writes_resume_when_there_is_room() throws Exception {
    index.close();
    Path other = dir.resolve("filling");
    var opened = io.papersearch.index.FillingDirectory.open(other, Indexer.schemaOf(embedders));
    index = opened.index();
    app = server(ServerConfig.defaults().withPort(0).withApiKey(KEY, false));
    JavalinTest.test(app, (server, client) -> {
      assertThat(put(client, "p1", PAPER, KEY).code()).isEqualTo(201);
      opened.disk().full.set(true);
      String bulk = "{\"id\": \"b1\", \"title\": \"Bulk one\"}\n{\"id\": \"b2\", \"title\": \"Bulk two\"}\n";
      String single = "nothing from this request was saved";
      String bulkKept = "papers committed before the failure stay indexed";
      for (var c : java.util.Map.of(
          put(client, "p2", PAPER, KEY), single,
          send(client, "DELETE", "/papers/p1", BodyPublishers.noBody(), KEY, null), single,
          send(client, "POST", "/papers", BodyPublishers.ofString(bulk), KEY, "application/x-ndjson"), bulkKept).entrySet()) {
        HttpApiTest.Reply reply = reply(c.getKey());
        assertError(reply, 503, "index_write_failed", "the index could not be written (No space left on device); " + c.getValue());
        assertThat(reply.body().toString()).doesNotContain(other.toString(), "Exception");
      }
      // Reads go on from the last commit.
      assertThat(client.get("/papers/p1").code()).isEqualTo(200);
      assertThat(client.get("/papers/p2").code()).isEqualTo(404);
      assertThat(client.get("/search?q=radiology").code()).isEqualTo(200);

      opened.disk().full.set(false);
      assertThat(put(client, "p2", PAPER, KEY).code()).isEqualTo(201);
      assertThat(send(client, "POST", "/papers", BodyPublishers.ofString(bulk), KEY, "application/x-ndjson").code()).isEqualTo(200);
      assertThat(client.get("/health").body().string()).contains("\"papers\":4");
    });
  }

  @Test
  void unchanged_text_is_not_embedded_again() {
    FakeEmbedder en = (FakeEmbedder) embedders.en();
    JavalinTest.test(app, (server, client) -> {
      reply(put(client, "new-1", PAPER, KEY));
      int calls = en.calls.get();
      reply(put(client, "new-1", PAPER.replace("2024", "2025"), KEY)); // only the year changed
      assertThat(en.calls.get()).isEqualTo(calls);
    });
  }

  @Test
  void writes_need_the_key_and_say_which_is_wrong() {
    JavalinTest.test(app, (server, client) -> {
      assertError(reply(put(client, "new-1", PAPER, null)), 401, "missing_api_key", "send the header 'Authorization: Bearer <key>'");
      assertError(reply(put(client, "new-1", PAPER, "wrong-key-0123456789")), 401, "invalid_api_key", "the API key is not valid");
      assertError(reply(send(client, "DELETE", "/papers/p1", BodyPublishers.noBody(), null, null)), 401, "missing_api_key", "Authorization: Bearer");
      assertError(reply(send(client, "POST", "/papers", BodyPublishers.ofString(PAPER), "nope-nope-nope-nope", null)), 401, "invalid_api_key", "not valid");
      assertThat(committedCount()).isEqualTo(Fixtures.corpus().size());
    });
  }

  @Test
  void a_server_without_a_key_refuses_every_write() {
    JavalinTest.test(server(ServerConfig.defaults().withPort(0)), (server, client) -> {
      assertError(reply(put(client, "new-1", PAPER, KEY)), 403, "writes_disabled", "start it with PAPERSEARCH_API_KEY set");
    });
  }

  @Test
  void bad_papers_are_refused_by_field_and_nothing_is_written() {
    JavalinTest.test(app, (server, client) -> {
      assertError(reply(put(client, "new-1", "{\"title\": \"T\", \"year\": \"twenty\"}", KEY)), 400, "invalid_paper", "paper new-1: ");
      assertError(reply(put(client, "new-1", "{\"id\": \"other\", \"title\": \"T\"}", KEY)), 400, "invalid_paper",
          "body id 'other' differs from the id in the path, 'new-1'");
      assertError(reply(put(client, "new-1", "[1, 2]", KEY)), 400, "invalid_paper", "must be a JSON object (one paper), got array");
      assertError(reply(put(client, "new-1", "{\"year\": 2020}", KEY)), 400, "invalid_paper", "neither title nor abstract");
      assertError(reply(put(client, "bad%20id", PAPER, KEY)), 400, "invalid_paper_id", "");
      assertThat(reply(client.get("/papers/new-1")).status()).isEqualTo(404);
    });
  }

  @Test
  void delete_removes_the_paper_durably_and_a_second_delete_is_404() {
    JavalinTest.test(app, (server, client) -> {
      HttpApiTest.Reply deleted = reply(send(client, "DELETE", "/papers/p1", BodyPublishers.noBody(), KEY, null));
      assertThat(deleted.status()).isEqualTo(200);
      assertThat(deleted.body().toString()).isEqualTo("{\"id\":\"p1\",\"result\":\"deleted\"}");
      assertThat(committedCount()).isEqualTo(Fixtures.corpus().size() - 1);
      assertThat(reply(client.get("/papers/p1")).status()).isEqualTo(404);
      assertError(reply(send(client, "DELETE", "/papers/p1", BodyPublishers.noBody(), KEY, null)), 404, "paper_not_found", "paper 'p1' not found");
    });
  }

  @Test
  void bulk_indexes_good_lines_and_reports_each_bad_one_by_line() {
    String body = "{\"id\": \"b1\", \"title\": \"Bulk one about registration\"}\n"
        + "{\"id\": \"b2\", \"title\": \"Two\", \"year\": \"twenty\"}\n"
        + "not json\n"
        + "\n"
        + "{\"id\": \"b3\", \"abstract\": \"Bulk three on detection.\"}\n"
        + "{\"id\": \"p1\", \"title\": \"Semi-supervised segmentation of organs, revised\"}\n";
    JavalinTest.test(app, (server, client) -> {
      HttpApiTest.Reply r = reply(send(client, "POST", "/papers", BodyPublishers.ofString(body), KEY, "application/x-ndjson"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("added").asInt()).isEqualTo(2);
      assertThat(r.body().get("updated").asInt()).isEqualTo(1);
      assertThat(r.body().get("rejected").asInt()).isEqualTo(2);
      assertThat(r.body().get("errors").get(0).get("line").asInt()).isEqualTo(2);
      assertThat(r.body().get("errors").get(0).get("message").asText()).contains("year");
      assertThat(r.body().get("errors").get(1).get("line").asInt()).isEqualTo(3);
      assertThat(committedCount()).isEqualTo(Fixtures.corpus().size() + 2);
    });
  }

  @Test
  void bulk_bodies_over_the_limit_are_413_whether_announced_or_streamed() {
    ServerConfig small = ServerConfig.defaults().withPort(0).withApiKey(KEY, false).withMaxBulkBytes(2048);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 8192; i++) {
      sb.append("{\"id\": \"big-").append(i).append("\", \"title\": \"Paper ").append(i).append(" on parsing\"}\n");
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    JavalinTest.test(server(small), (server, client) -> {
      assertError(reply(send(client, "POST", "/papers", BodyPublishers.ofByteArray(bytes), KEY, "application/x-ndjson")),
          413, "payload_too_large", "bulk body must be at most 2048 bytes, got " + bytes.length);
      // Without a Content-Length (chunked), the limit is enforced while reading.
      assertError(reply(send(client, "POST", "/papers", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)), KEY,
          "application/x-ndjson")), 413, "payload_too_large", "bulk body must be at most 2048 bytes; reading stopped there");
    });
  }

  @Test
  void bulk_takes_bibtex_and_ris_exports_with_per_entry_errors() {
    String bib = """
        @article{muller_gans_2023,
          title = {{GAN}s for {MRI} denoising},
          author = {M{\\"u}ller, Hans and Garc{\\'\\i}a, Ana},
          year = {2023},
          journal = {Medical Image Analysis},
        }

        @article{broken_2022,
          title = {Unbalanced {braces,
          year = {2022}

        @inproceedings{chen_seg_2021,
          title = {Semi-supervised segmentation},
          year = {2021},
        }
        """;
    String ris = "TY  - JOUR\r\nTI  - Registration of zebrafish scans\r\nAU  - Lovelace, Ada\r\nPY  - 2020/05/01/\r\nER  - \r\n";
    JavalinTest.test(app, (server, client) -> {
      HttpApiTest.Reply r = reply(send(client, "POST", "/papers", BodyPublishers.ofString(bib), KEY, "application/x-bibtex"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("added").asInt()).isEqualTo(2);
      assertThat(r.body().get("rejected").asInt()).isEqualTo(1);
      assertThat(r.body().get("errors").get(0).get("line").asInt()).isEqualTo(8);
      JsonNode paper = reply(client.get("/papers/muller_gans_2023")).body();
      assertThat(paper.get("title").asText()).isEqualTo("GANs for MRI denoising");
      assertThat(paper.get("authors").toString()).isEqualTo("[\"Hans Müller\",\"Ana García\"]");
      HttpApiTest.Reply risReply = reply(send(client, "POST", "/papers", BodyPublishers.ofString(ris), KEY, "application/x-research-info-systems"));
      assertThat(risReply.body().get("added").asInt()).isEqualTo(1);
      assertThat(reply(client.get("/search?q=zebrafish&mode=keyword&fields=title")).body().get("hits").get(0).get("title").asText())
          .isEqualTo("Registration of zebrafish scans");
    });
  }

  @Test
  void bulk_refuses_other_media_types() {
    JavalinTest.test(app, (server, client) -> {
      assertError(reply(send(client, "POST", "/papers", BodyPublishers.ofString(PAPER), KEY, "text/csv")), 415, "unsupported_media_type",
          "POST /papers takes NDJSON (application/x-ndjson), BibTeX (application/x-bibtex) or RIS");
    });
  }

  @Test
  void a_content_type_of_only_parameters_is_415_not_a_crash() {
    // Found by HttpFuzzTest: "Content-Type: ;" split into no parts and was a 500.
    JavalinTest.test(app, (server, client) -> {
      for (String type : new String[] {";", ";;", "; charset=utf-8"}) {
        assertError(reply(send(client, "POST", "/papers", BodyPublishers.ofString(PAPER), KEY, type)), 415, "unsupported_media_type",
            "got '" + type + "'");
      }
    });
  }

  @Test
  void the_bulk_limit_has_a_floor() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfig.defaults().withMaxBulkBytes(10))
        .hasMessage("maxBulkBytes must be >= 1024, got 10");
  }
}
