package io.papersearch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.papersearch.embed.Embedders;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import io.papersearch.search.WriteService;
import io.papersearch.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids and parameters that look like paths reach no file: ids are never used as paths (papers live
 * in Lucene fields), and this proves it for every route that takes an id, with the key, so the
 * write routes run too.
 */
class PathTraversalTest {
  static final String KEY = "traversal-key-0123456789";

  @TempDir Path root;

  @Test
  void ids_and_parameters_that_look_like_paths_read_and_write_no_file() throws Exception {
    Path indexDir = root.resolve("index");
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "root:x:0:0:root:/root:/bin/bash\n", StandardCharsets.UTF_8);
    // A name no other process uses: if a write lands anywhere, it is under this name.
    String marker = "pwned-" + UUID.randomUUID();
    Embedders embedders = Fixtures.fakeEmbedders();
    PaperIndex index = Fixtures.indexedCorpus(indexDir, embedders);
    Set<String> before = tree(root, indexDir);

    List<String> ids = new ArrayList<>(List.of(
        "..", ".", "%2e%2e", "%2E%2E%2F%2E%2E", "..%2F..%2Fetc%2Fpasswd", "..%2F..%2Foutside%2Fsecret.txt",
        "..%5C..%5Coutside%5Csecret.txt", "%2Fetc%2Fpasswd", "C:%5CWindows%5Cwin.ini", "C:", "file:..%2Foutside%2Fsecret.txt",
        "..%2F" + marker, "..%2F..%2F" + marker, "%2Ftmp%2F" + marker, marker, "..%2Findex%2F" + marker,
        "..%252F..%252Fetc%252Fpasswd", "%c0%ae%c0%ae%2F", "....%2F%2F", "x".repeat(129), "..".repeat(64), "a/../../" + marker));
    List<String> failures = new ArrayList<>();
    Javalin app = HttpApi.create(new SearchService(index, embedders), new WriteService(index, new Indexer(index, embedders), 1),
        ServerConfig.defaults().withPort(0).withApiKey(KEY, false));
    try {
      JavalinTest.test(app, (server, client) -> {
        String paper = "{\"title\": \"Traversal probe\", \"abstract\": \"Nothing to see.\"}";
        for (String id : ids) {
          for (String[] call : new String[][] {
              {"GET", "/papers/" + id, null}, {"GET", "/papers/" + id + "/similar", null}, {"PUT", "/papers/" + id, paper},
              {"DELETE", "/papers/" + id, null}}) {
            check(server.port(), call[0], call[1], call[2], failures, outside);
          }
        }
        for (String value : List.of("..%2F..%2Foutside%2Fsecret.txt", "%2Fetc%2Fpasswd", "file%3A%2F%2F%2Fetc%2Fpasswd", "..%2F" + marker)) {
          for (String route : List.of("/search?q=", "/context?q=", "/search?mode=keyword&q=x&venue=", "/search?q=x&fields=", "/health?x=",
              "/papers/p1/similar?author=")) {
            check(server.port(), "GET", route + value, null, failures, outside);
          }
        }
        // Bulk bodies whose ids are paths: refused per record, written nowhere.
        check(server.port(), "POST", "/papers", "{\"id\": \"../../" + marker + "\", \"title\": \"x\"}\n{\"id\": \"/tmp/" + marker
            + "\", \"title\": \"y\"}\n", failures, outside);
      });
    } finally {
      index.close();
    }
    assertThat(failures).isEmpty();
    // Papers whose ids are "." and ".." are fine (valid ids, stored in Lucene fields); what must not
    // happen is a file appearing anywhere but inside the index folder.
    assertThat(tree(root, indexDir)).as("files outside the index folder").isEqualTo(before);
    for (Path p : List.of(Path.of(System.getProperty("java.io.tmpdir"), marker), root.resolve(marker), indexDir.getParent().getParent().resolve(marker),
        Path.of("").toAbsolutePath().resolve(marker), Path.of("/tmp", marker))) {
      assertThat(Files.exists(p)).as("no file %s", p).isFalse();
    }
  }

  private void check(int port, String method, String target, String body, List<String> failures, Path outside) throws IOException {
    List<byte[]> headers = RawHttp.headers("Authorization: Bearer " + KEY);
    if (body != null) {
      headers.add(("Content-Type: " + (method.equals("POST") ? "application/x-ndjson" : "application/json")).getBytes(StandardCharsets.US_ASCII));
    }
    RawHttp.Response res = RawHttp.send(port, new RawHttp.Request(method, target.getBytes(StandardCharsets.UTF_8), headers,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), false));
    String text = res.text();
    String what = method + " " + target + " -> " + res.status() + " " + text;
    if (res.status() >= 500) {
      failures.add("5xx: " + what);
    }
    if (text.contains("root:x:") || text.contains("[boot loader]") || text.contains("/bin/bash")) {
      failures.add("file contents in the response: " + what);
    }
    if (text.contains(outside.toString()) || text.contains(root.toString())) {
      failures.add("a path of this machine in the response: " + what);
    }
    if (res.status() == 200 && method.equals("GET") && target.startsWith("/papers/") && !target.contains("/similar")) {
      // The only paper an odd id can find is one this test wrote under that id with PUT.
      assertThat(text).as(what).contains("\"title\":\"Traversal probe\"");
    }
  }

  /** Every file and folder under {@code root}, except inside {@code skip}, as relative paths. */
  private static Set<String> tree(Path root, Path skip) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.startsWith(skip)).map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
