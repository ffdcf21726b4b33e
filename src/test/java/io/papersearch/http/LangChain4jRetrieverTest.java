package io.papersearch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.papersearch.embed.Embedders;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import io.papersearch.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's LangChain4j example, compiled and run against the real server: a ContentRetriever
 * over {@code GET /context}, one Content per citation.
 */
class LangChain4jRetrieverTest {

  /** As in the README ("MCP and chatbots"). */
  static final class PapersearchRetriever implements ContentRetriever {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl; // e.g. "http://localhost:7070"

    PapersearchRetriever(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    @Override
    public List<Content> retrieve(Query query) {
      URI uri = URI.create(baseUrl + "/context?limit=5&maxChars=4000&q=" + URLEncoder.encode(query.text(), StandardCharsets.UTF_8));
      try {
        JsonNode body = json.readTree(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
        List<Content> contents = new ArrayList<>();
        JsonNode citations = body.get("citations");
        String[] entries = body.get("context").asText().split("\n\n"); // one "[n] header\nexcerpt" per citation
        for (int i = 0; i < citations.size(); i++) {
          Metadata meta = Metadata.from("id", citations.get(i).get("id").asText()).put("url", citations.get(i).path("url").asText(""));
          contents.add(Content.from(TextSegment.from(entries[i], meta)));
        }
        return contents;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @TempDir Path dir;

  @Test
  void the_readme_retriever_returns_one_numbered_citation_per_content() {
    Embedders embedders = Fixtures.fakeEmbedders();
    try (PaperIndex index = Fixtures.indexedCorpus(dir, embedders);
        RunningServer server = HttpApi.start(new SearchService(index, embedders), ServerConfig.defaults().withPort(0))) {
      List<Content> contents = new PapersearchRetriever("http://127.0.0.1:" + server.port()).retrieve(Query.from("图像配准"));
      assertThat(contents).hasSize(3); // the papers with Chinese text
      assertThat(contents.get(0).textSegment().text())
          .isEqualTo("[1] Deformable registration with transformers. Grace Hopper, Ada Lovelace (2022). ICCV. https://example.org/p2\n"
              + "一种用于脑部扫描配准的网络。");
      assertThat(contents.get(0).textSegment().metadata().getString("id")).isEqualTo("p2");
      assertThat(contents.get(2).textSegment().text()).startsWith("[3] ");
    }
  }
}
