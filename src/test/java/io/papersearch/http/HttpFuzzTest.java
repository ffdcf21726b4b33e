package io.papersearch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.papersearch.embed.Embedders;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.ingest.Paper;
import io.papersearch.search.ErrorCode;
import io.papersearch.search.SearchService;
import io.papersearch.search.WriteService;
import io.papersearch.testing.Fixtures;
import io.papersearch.testing.Fuzz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input campaign over the HTTP API: seeded random requests to every route (and to routes
 * and methods that do not exist) through the real server with the fake 4-d model, checking every
 * response against the documented contract.
 *
 * <p>Generated: Lucene query syntax, 100k-character words, raw and percent-encoded invalid UTF-8,
 * control characters and NUL, 1 and 2 MB bodies, JSON nested 10,000 deep, wrong JSON types,
 * unknown fields, huge and negative numbers, empty and blank bodies, wrong content types, garbage
 * Authorization headers; bulk bodies of NDJSON, BibTeX and RIS, valid and mutated. Half the write
 * requests carry the API key, so the write routes are reached and good writes land.
 *
 * <p>Asserted for every response: no 5xx; a documented status; errors are exactly
 * {@code {code, message}} with a code of {@link ErrorCode} and its status; no stack trace, class
 * name or file-system path in the body. At the end: {@code /health} answers with the paper count
 * the writes acknowledged, and the index, reopened from disk, holds exactly those papers.
 *
 * <p>{@code -Dpapersearch.fuzz.requests=10000} runs the full campaign (default 1,500);
 * {@code -Dpapersearch.fuzz.seed=N} replays a failure.
 */
class HttpFuzzTest {
  static final String COUNT_PROPERTY = "papersearch.fuzz.requests";
  static final String KEY = "fuzz-key-0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Every status the README's error table and routes document. */
  static final Set<Integer> DOCUMENTED = Set.of(200, 201, 400, 401, 403, 404, 405, 413, 414, 415, 431);

  static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());

  /** What must never reach a client: stack frames, class names, paths of this machine. */
  static final List<String> LEAKS = List.of("java.", "javax.", "io.papersearch", "org.eclipse", "org.apache", "Exception", "\tat ", "/tmp", "/work", "/home", "/usr");

  @TempDir Path dir;

  @Test
  void every_route_survives_the_bad_input_campaign() throws Exception {
    long seed = Fuzz.seed();
    int requests = Fuzz.count(COUNT_PROPERTY, 1_500);
    String replay = Fuzz.replay(seed, COUNT_PROPERTY, requests);
    Embedders embedders = Fixtures.fakeEmbedders();
    Path indexDir = dir.resolve("index");
    PaperIndex index = Fixtures.indexedCorpus(indexDir, embedders);
    Campaign campaign = new Campaign(new Random(seed), indexDir);
    long start = System.nanoTime();
    try {
      Javalin app = HttpApi.create(new SearchService(index, embedders), new WriteService(index, new Indexer(index, embedders), 1),
          ServerConfig.defaults().withPort(0).withApiKey(KEY, false));
      JavalinTest.test(app, (server, client) -> {
        for (int i = 0; i < requests; i++) {
          campaign.run(server.port(), i);
        }
        RawHttp.Response health = RawHttp.send(server.port(), new RawHttp.Request("GET", bytes("/health"), List.of(), null, false));
        assertThat(health.status()).as("/health after the campaign").isEqualTo(200);
        JsonNode h = JSON.readTree(health.body());
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("papers").asInt()).as("papers /health counts after %s", campaign.summary()).isEqualTo(campaign.expectedCount());
      });
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(replay + ": " + e.getMessage(), e);
    } finally {
      index.close();
    }
    try (PaperIndex reopened = PaperIndex.openReadOnly(indexDir, Indexer.schemaOf(embedders))) {
      assertThat(reopened.count()).as("%s: papers in the reopened index after %s", replay, campaign.summary())
          .isEqualTo(campaign.expectedCount());
      for (Map.Entry<String, String> e : campaign.model.entrySet()) {
        var stored = reopened.get(e.getKey());
        assertThat(stored).as("%s: paper %s acknowledged as written", replay, e.getKey()).isPresent();
        if (e.getValue() != null) {
          assertThat(stored.get().paper().title()).as("%s: title of %s", replay, e.getKey()).isEqualTo(e.getValue());
        }
      }
      for (String gone : campaign.deleted) {
        assertThat(reopened.get(gone)).as("%s: paper %s acknowledged as deleted", replay, gone).isEmpty();
      }
    }
    System.out.printf(Locale.ROOT, "HttpFuzzTest: %,d requests in %.1f s, %s; %s%n",
        requests, (System.nanoTime() - start) / 1e9, campaign.summary(), replay);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The generator and the model of what the index should hold. */
  static final class Campaign {
    final Random r;
    final Path indexDir;
    /** Papers the writes acknowledged (id → title, null when the title is not predictable), corpus included. */
    final Map<String, String> model = new TreeMap<>();
    final List<String> deleted = new ArrayList<>();
    /** Papers bulk imports reported as added (their ids are derived from fuzzed text, so only counted). */
    int bulkAdded;
    final Map<Integer, Integer> statuses = new TreeMap<>();
    int goodPuts;
    int nextId;

    Campaign(Random r, Path indexDir) {
      this.r = r;
      this.indexDir = indexDir;
      for (Paper p : Fixtures.corpus()) {
        model.put(p.id(), p.title());
      }
    }

    int expectedCount() {
      return model.size() + bulkAdded;
    }

    String summary() {
      return "statuses " + statuses + ", " + goodPuts + " good PUTs, " + bulkAdded + " papers added by bulk, "
          + deleted.size() + " deletes";
    }

    /** One request, checked. */
    void run(int port, int i) throws IOException {
      Gen g = pick();
      RawHttp.Request req = g.request;
      RawHttp.Response res;
      try {
        res = RawHttp.send(port, req);
      } catch (IOException e) {
        throw new AssertionError("request #" + i + " got no HTTP response (" + e.getMessage() + "):\n" + req.describe(), e);
      }
      statuses.merge(res.status(), 1, Integer::sum);
      String where = "request #" + i + " answered " + res.status() + " " + Fuzz.show(res.body(), 600) + "\nto " + req.describe();
      check(req, res, where);
      g.after.accept(res, where);
    }

    void check(RawHttp.Request req, RawHttp.Response res, String where) throws IOException {
      if (res.status() >= 500) {
        fail("5xx: " + where + "\n  target tail: " + Fuzz.show(Arrays.copyOfRange(req.target(), Math.max(0, req.target().length - 40), req.target().length), 40));
      }
      if (!DOCUMENTED.contains(res.status())) {
        fail("undocumented status: " + where);
      }
      String text = res.text();
      for (String leak : LEAKS) {
        if (text.contains(leak)) {
          fail("body leaks '" + leak + "': " + where);
        }
      }
      if (text.contains(indexDir.toString()) || text.contains(indexDir.getFileName().toString() + "/")) {
        fail("body names the index folder: " + where);
      }
      if (req.method().equals("HEAD") && res.body().length == 0) {
        // Routed HEAD answers carry no body. Jetty's parser-level refusals (414, 431, 400) do carry
        // the JSON error even for HEAD (its badMessageError is not told the method); they close
        // the connection, so no client is desynchronised, and the body is then checked below.
        return;
      }
      if (res.status() >= 400) {
        assertThat(res.headers().getOrDefault("content-type", "")).as("error content type: %s", where).startsWith("application/json");
        JsonNode body;
        try {
          body = JSON.readTree(res.body());
        } catch (IOException e) {
          throw new AssertionError("error body is not JSON: " + where, e);
        }
        assertThat(body != null && body.isObject()).as("error body is an object: %s", where).isTrue();
        assertThat(iterable(body.fieldNames())).as("error fields: %s", where).containsExactlyInAnyOrder("code", "message");
        assertThat(body.get("code").isTextual() && body.get("message").isTextual()).as("code and message are strings: %s", where).isTrue();
        String code = body.get("code").asText();
        assertThat(CODES).as("error code: %s", where).contains(code);
        assertThat(ErrorCode.valueOf(code.toUpperCase(Locale.ROOT)).status()).as("status of %s: %s", code, where).isEqualTo(res.status());
        assertThat(body.get("message").asText()).as("message: %s", where).isNotBlank();
      }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
      List<String> out = new ArrayList<>();
      it.forEachRemaining(out::add);
      return out;
    }

    // ---- generation ------------------------------------------------------------------------

    /** A request and what its response does to the model. */
    record Gen(RawHttp.Request request, After after) {}

    @FunctionalInterface
    interface After {
      void accept(RawHttp.Response res, String where) throws IOException;
    }

    static final After NOTHING = (res, where) -> {};

    Gen pick() {
      int dice = r.nextInt(100);
      if (dice < 22) {
        return read("GET", "/search", Params.SEARCH);
      } else if (dice < 36) {
        return postSearch();
      } else if (dice < 44) {
        return read("GET", "/context", Params.CONTEXT);
      } else if (dice < 50) {
        return read("GET", "/papers/" + id(false), Set.of());
      } else if (dice < 57) {
        return read("GET", "/papers/" + id(false) + "/similar", Params.SIMILAR);
      } else if (dice < 70) {
        return put();
      } else if (dice < 77) {
        return delete();
      } else if (dice < 88) {
        return bulk();
      } else {
        return odd();
      }
    }

    /** A read route with a fuzzed query string, method and headers mostly right. */
    Gen read(String method, String path, Set<String> params) {
      byte[] target = concat(bytes(path), queryString(params));
      List<byte[]> headers = new ArrayList<>();
      if (r.nextInt(5) == 0) {
        headers.add(authorization(r.nextBoolean()));
      }
      if (r.nextInt(6) == 0) {
        headers.add(bytes("Accept: " + pickOf("text/plain", "application/json", "*/*", "text/html", "\u0000")));
      }
      return new Gen(new RawHttp.Request(r.nextInt(30) == 0 ? pickOf("HEAD", "POST", "PATCH") : method, target, headers, null, false), NOTHING);
    }

    Gen postSearch() {
      List<byte[]> headers = new ArrayList<>();
      headers.add(bytes("Content-Type: " + contentType("application/json")));
      if (r.nextInt(5) == 0) {
        headers.add(authorization(r.nextBoolean()));
      }
      byte[] target = r.nextInt(8) == 0 ? concat(bytes("/search"), queryString(Params.SEARCH)) : bytes("/search");
      return new Gen(new RawHttp.Request("POST", target, headers, jsonBody(Params.SEARCH), r.nextInt(10) == 0), NOTHING);
    }

    Gen put() {
      boolean key = r.nextBoolean();
      boolean good = key && r.nextInt(3) == 0;
      String id = good ? "fuzz-put-" + (nextId++) : id(true);
      byte[] body;
      String title = null;
      if (good) {
        title = "Fuzzed paper " + id + " on " + pickOf("segmentation", "registration", "半监督分割", "detection");
        ObjectNode p = NODES.objectNode().put("title", title).put("abstract", "An abstract about " + title + ".").put("year", 2000 + r.nextInt(30));
        p.putArray("authors").add("Ada Lovelace");
        if (r.nextBoolean()) {
          p.put("id", id);
        }
        body = bytes(p.toString());
      } else {
        body = r.nextBoolean() ? paperBody() : jsonBody(Set.of("title", "abstract", "year", "authors", "id", "keywords", "venue", "doi", "url"));
      }
      List<byte[]> headers = new ArrayList<>();
      headers.add(key ? authorization(true) : authorization(false));
      headers.add(bytes("Content-Type: " + (good ? "application/json" : contentType("application/json"))));
      String expectedTitle = title;
      boolean isGood = good;
      return new Gen(new RawHttp.Request("PUT", concat(bytes("/papers/"), bytes(id)), headers, body, false),
          (res, where) -> {
            if (res.status() == 200 || res.status() == 201) {
              assertThat(key).as("a write without the key was accepted: %s", where).isTrue();
              JsonNode j = JSON.readTree(res.body());
              String written = j.get("id").asText();
              // A fuzzed body may be a valid paper: then it is written, and its title is whatever it said.
              model.put(written, isGood ? expectedTitle : null);
              deleted.remove(written);
              if (isGood) {
                goodPuts++;
              }
            } else if (isGood) {
              fail("a valid PUT was refused: " + where);
            }
          });
    }

    Gen delete() {
      boolean key = r.nextBoolean();
      // With the key, only papers the model knows or ids that name none: deleting a bulk-added
      // paper would make the count unpredictable.
      String id;
      if (key) {
        List<String> known = model.keySet().stream().filter(k -> k.startsWith("fuzz-put-")).toList();
        id = !known.isEmpty() && r.nextBoolean() ? known.get(r.nextInt(known.size())) : absentId();
      } else {
        id = id(false);
      }
      List<byte[]> headers = new ArrayList<>();
      headers.add(authorization(key));
      byte[] body = r.nextInt(5) == 0 ? jsonBody(Set.of("id")) : null;
      String target = id;
      return new Gen(new RawHttp.Request("DELETE", concat(bytes("/papers/"), bytes(id)), headers, body, false), (res, where) -> {
        if (res.status() == 200) {
          assertThat(key).as("a delete without the key was accepted: %s", where).isTrue();
          assertThat(model).as("deleted a paper the model did not hold: %s", where).containsKey(target);
          model.remove(target);
          deleted.add(target);
        }
      });
    }

    Gen bulk() {
      boolean key = r.nextBoolean();
      int kind = r.nextInt(3);
      byte[] body = switch (kind) {
        case 0 -> ndjson();
        case 1 -> bibtex();
        default -> ris();
      };
      String type = switch (kind) {
        case 0 -> pickOf("application/x-ndjson", "application/x-ndjson; charset=utf-8", "application/jsonl", "text/plain");
        case 1 -> "application/x-bibtex";
        default -> "application/x-research-info-systems";
      };
      if (r.nextInt(6) == 0) {
        type = contentType(type);
      }
      List<byte[]> headers = new ArrayList<>();
      headers.add(authorization(key));
      if (r.nextInt(15) != 0) {
        headers.add(bytes("Content-Type: " + type));
      }
      return new Gen(new RawHttp.Request("POST", bytes("/papers"), headers, body, r.nextInt(4) == 0), (res, where) -> {
        if (res.status() == 200) {
          assertThat(key).as("a bulk write without the key was accepted: %s", where).isTrue();
          JsonNode j = JSON.readTree(res.body());
          bulkAdded += j.get("added").asInt();
          for (JsonNode e : j.get("errors")) {
            assertThat(e.get("line").asInt()).as("bulk error line: %s", where).isPositive();
            assertThat(e.get("message").asText()).as("bulk error message: %s", where).isNotBlank();
          }
        }
      });
    }

    /** Routes and methods that do not exist, odd targets, the open routes. */
    Gen odd() {
      String method = pickOf("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "get", "PROPFIND");
      byte[] target = switch (r.nextInt(12)) {
        case 0 -> bytes("/nope");
        case 1 -> bytes("/papers/" + id(false) + "/extra/" + id(false));
        case 2 -> bytes("//search?q=x");
        case 3 -> bytes("/search/");
        case 4 -> bytes("/health?x=" + URLEncoder.encode(text(), StandardCharsets.UTF_8));
        case 5 -> bytes("/metrics");
        case 6 -> bytes("/openapi.json");
        case 7 -> bytes("/docs");
        case 8 -> concat(bytes("/"), rawGarbage());
        case 9 -> bytes("/%2e%2e/%2e%2e/etc/passwd");
        case 10 -> bytes("*");
        default -> bytes("/" + "x".repeat(r.nextBoolean() ? 40_000 : 9_000));
      };
      List<byte[]> headers = new ArrayList<>();
      if (r.nextBoolean()) {
        headers.add(authorization(r.nextBoolean()));
      }
      byte[] body = r.nextBoolean() ? jsonBody(Set.of("q")) : null;
      if (body != null) {
        headers.add(bytes("Content-Type: " + contentType("application/json")));
      }
      return new Gen(new RawHttp.Request(method, target, headers, body, false), NOTHING);
    }

    // ---- pieces ----------------------------------------------------------------------------

    String id(boolean forWrite) {
      return switch (r.nextInt(forWrite ? 10 : 12)) {
        case 0 -> pickOf("p1", "p2", "p3", "p4", "p5");
        case 1 -> absentId();
        case 2 -> pickOf("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", ".", "%2F", "%5C..%5C", "C:%5CWindows", "%00", "%C3%28", "%FF", "%E2%82");
        case 3 -> "x".repeat(129);
        case 4 -> "y".repeat(r.nextBoolean() ? 5_000 : 100_000);
        case 5 -> URLEncoder.encode(text(), StandardCharsets.UTF_8);
        case 6 -> "a:b.c_d-" + r.nextInt(1000);
        case 7 -> "%" + Integer.toHexString(r.nextInt(256));
        case 8 -> "p1;x=1";
        case 9 -> URLEncoder.encode("分割", StandardCharsets.UTF_8);
        case 10 -> "p1%2Fsimilar";
        default -> "fuzz-put-" + r.nextInt(Math.max(1, nextId + 1));
      };
    }

    String absentId() {
      return "absent-" + r.nextInt(1_000_000);
    }

    /** {@code ?a=b&...} with known and unknown names, fuzzed values, fuzzed encodings; sometimes none. */
    byte[] queryString(Set<String> params) {
      List<String> names = new ArrayList<>(new java.util.TreeSet<>(params));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int n = r.nextInt(5);
      if (params.contains("q") && r.nextInt(4) != 0) {
        out.writeBytes(bytes("?q="));
        out.writeBytes(encode(value("q")));
      }
      for (int i = 0; i < n; i++) {
        out.writeBytes(bytes(out.size() == 0 ? "?" : "&"));
        String name = names.isEmpty() || r.nextInt(8) == 0 ? pickOf("foo", "Q", "q[]", "", "limit ", "%00", "lim%FFit") : names.get(r.nextInt(names.size()));
        out.writeBytes(name.startsWith("%") || name.contains("%") ? bytes(name) : bytes(URLEncoder.encode(name, StandardCharsets.UTF_8)));
        if (r.nextInt(10) != 0) {
          out.writeBytes(bytes("="));
          out.writeBytes(encode(value(name)));
        }
      }
      return out.toByteArray();
    }

    /** A value as it goes into a URL: usually percent-encoded, sometimes with invalid escapes or raw bytes. */
    byte[] encode(String v) {
      return switch (r.nextInt(12)) {
        case 0 -> concat(bytes(URLEncoder.encode(v, StandardCharsets.UTF_8)), bytes(pickOf("%C3%28", "%FF", "%E2%82", "%", "%G1", "%0", "%C0%AF", "%ED%A0%80")));
        case 1 -> concat(bytes(URLEncoder.encode(v, StandardCharsets.UTF_8)), rawGarbage());
        case 2 -> bytes(v.replace("&", "").replace("#", "")); // unencoded: spaces and controls raw in the request line
        default -> bytes(URLEncoder.encode(v, StandardCharsets.UTF_8));
      };
    }

    /** Bytes that have no business in a request line. */
    byte[] rawGarbage() {
      return switch (r.nextInt(4)) {
        case 0 -> Fuzz.invalidUtf8(r);
        case 1 -> new byte[] {0};
        case 2 -> new byte[] {(byte) r.nextInt(32)};
        default -> {
          byte[] b = new byte[1 + r.nextInt(6)];
          r.nextBytes(b);
          yield b;
        }
      };
    }

    /** A value for a parameter: mostly plausible for its name, often hostile. */
    String value(String name) {
      if (r.nextInt(3) == 0) {
        return switch (name) {
          case "limit", "offset", "maxChars", "yearFrom", "yearTo" -> number();
          case "mode" -> pickOf("hybrid", "keyword", "semantic", "HYBRID", "vector", "");
          case "lang" -> pickOf("auto", "en", "zh", "fr", "ZH", "");
          case "explain", "highlight" -> pickOf("true", "false", "TRUE", "1", "yes", "");
          case "facets" -> pickOf("year", "venue", "year,venue", "colour", ",,", "year,,venue", "YEAR");
          case "fields" -> pickOf("id", "id,title", "abstractZh,keywords", "score", "id,,title", "password", "");
          default -> text();
        };
      }
      return r.nextInt(4) == 0 ? number() : text();
    }

    String number() {
      return pickOf("-1", "0", "1", "5", "100", "101", "1000", "1001", "99999", "100000", "100001", "2147483647", "2147483648",
          "-2147483649", "99999999999999999999999", "1e3", "1.5", "NaN", "Infinity", "-0", "+5", " 5 ", "0x10", "", " ", "２０", "٣");
    }

    /** Hostile text: query syntax, huge words, controls, other scripts, lone surrogates. */
    String text() {
      return switch (r.nextInt(14)) {
        case 0 -> pickOf("title:x AND (y OR z~2)^3", "*", "?", "\\", "\"unbalanced", "a* OR b?", "+-&&||!(){}[]^\"~*?:\\/", "NOT", "AND OR",
            "title:", "((((", "))))", "[a TO b]", "{* TO *}", "/regex.*/", "field:[1 TO 2]", "\\\\\\", "abstract:\"x\"~10", "*:*");
        case 1 -> "w".repeat(100_000);
        case 2 -> "seg".repeat(r.nextInt(3) == 0 ? 334 : 333); // 999 / 1002 characters: either side of the 1,000 limit
        case 3 -> "a\u0000b";
        case 4 -> "\u0001\u0002\u001b[31m\r\n\t\u007f";
        case 5 -> "半监督医学图像分割";
        case 6 -> "\ud800 lone surrogate \udfff";
        case 7 -> "😀🧬 emoji \u200b\ufeff zero width";
        case 8 -> " ";
        case 9 -> "";
        case 10 -> "<script>alert(1)</script>";
        case 11 -> "' OR 1=1 --";
        case 12 -> "%s %n %x {0} ${jndi:ldap://x}";
        default -> pickOf("segmentation", "registration", "brain MRI", "detection of lesions");
      };
    }

    /** A JSON body for a route taking {@code params}: sometimes valid, often hostile. */
    byte[] jsonBody(Set<String> params) {
      List<String> names = new ArrayList<>(new java.util.TreeSet<>(params));
      return switch (r.nextInt(16)) {
        case 0 -> bytes("");
        case 1 -> bytes(pickOf(" ", "\n\t ", "\r\n"));
        case 2 -> bytes("[".repeat(10_000) + "]".repeat(10_000));
        case 3 -> nested(10_000);
        case 4 -> bytes(pickOf("null", "1", "\"q\"", "true", "[]", "[{\"q\":\"x\"}]", "{", "}", "{\"q\":}", "{'q': 'x'}", "{\"q\" \"x\"}",
            "{\"q\":\"x\",}", "{\"q\":\"x\"}{\"q\":\"y\"}", "{\"q\":\"x\"} trailing", "{\"q\":NaN}", "{\"q\":\"\\uD800\"}", "{\"q\":\"\\u00\"}"));
        case 5 -> concat(bytes("{\"q\": \"seg"), Fuzz.invalidUtf8(r), bytes("\"}"));
        case 6 -> concat(bytes("{\"q\": \"a"), new byte[] {0, 1, 0x1b}, bytes("\"}"));
        case 7 -> bigBody(r.nextBoolean() ? (1 << 20) - 64 : 2 << 20);
        case 8 -> bytes("{\"limit\": 1" + "0".repeat(400) + ", \"q\": \"x\"}");
        case 9 -> bytes("{\"q\": \"x\", \"limit\": -9223372036854775809, \"offset\": 1e400}");
        default -> {
          ObjectNode o = NODES.objectNode();
          int n = 1 + r.nextInt(4);
          if (names.contains("q") && r.nextBoolean()) {
            o.put("q", text());
          }
          for (int i = 0; i < n; i++) {
            String name = names.isEmpty() || r.nextInt(6) == 0 ? pickOf("foo", "Q", "", "__proto__", "q ") : names.get(r.nextInt(names.size()));
            o.set(name, wrongOrRight(name));
          }
          yield bytes(o.toString());
        }
      };
    }

    /** A field value of the right type for its name, or of a wrong one. */
    JsonNode wrongOrRight(String name) {
      return switch (r.nextInt(9)) {
        case 0 -> NODES.arrayNode().add(text()).add(3);
        case 1 -> NODES.objectNode().put("x", text());
        case 2 -> NODES.numberNode(r.nextBoolean() ? Long.MAX_VALUE : -1);
        case 3 -> NODES.numberNode(new java.math.BigInteger("9".repeat(60)));
        case 4 -> NODES.numberNode(1.5e300);
        case 5 -> NODES.booleanNode(r.nextBoolean());
        case 6 -> NODES.nullNode();
        case 7 -> NODES.arrayNode();
        default -> NODES.textNode(value(name));
      };
    }

    byte[] nested(int depth) {
      StringBuilder sb = new StringBuilder(depth * 8);
      for (int i = 0; i < depth; i++) {
        sb.append("{\"q\":");
      }
      sb.append("\"x\"");
      sb.append("}".repeat(depth));
      return bytes(sb.toString());
    }

    /** A JSON object with one long string: just under the 1 MiB limit, or 2 MB over it. */
    byte[] bigBody(int size) {
      String pad = "p".repeat(Math.max(0, size - 20));
      return bytes("{\"q\": \"" + pad + "\"}");
    }

    /** A paper body: valid shape with one field wrong, missing, or hostile. */
    byte[] paperBody() {
      ObjectNode p = NODES.objectNode();
      p.put("title", text());
      p.put("abstract", text());
      switch (r.nextInt(8)) {
        case 0 -> p.put("year", pickOf("twenty", "2020", "-5", "99999999999"));
        case 1 -> p.set("authors", NODES.objectNode().put("name", "x"));
        case 2 -> p.set("authors", NODES.arrayNode().add(NODES.arrayNode().add("deep")).add(5));
        case 3 -> p.set("title", NODES.arrayNode().add("a"));
        case 4 -> p.put("id", "someone-else");
        case 5 -> p.set("keywords", NODES.numberNode(3));
        case 6 -> p.put("unknownField", text());
        default -> p.set("year", NODES.numberNode(new java.math.BigInteger("9".repeat(40))));
      }
      return bytes(p.toString());
    }

    /** NDJSON with valid lines (ids {@code b-N}) among broken ones. */
    byte[] ndjson() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int lines = 1 + r.nextInt(6);
      for (int i = 0; i < lines; i++) {
        byte[] line = switch (r.nextInt(8)) {
          case 0, 1 -> bytes("{\"id\":\"b-" + r.nextInt(200) + "\",\"title\":\"Bulk paper on " + pickOf("segmentation", "registration") + "\"}");
          case 2 -> paperBody();
          case 3 -> jsonBody(Set.of("title", "abstract", "year"));
          case 4 -> Fuzz.mutate(bytes("{\"id\":\"b-" + r.nextInt(200) + "\",\"title\":\"Mutated bulk paper\",\"year\":2020}"), r, "{}\":,");
          case 5 -> bytes("");
          case 6 -> concat(bytes("{\"title\":\"x"), Fuzz.invalidUtf8(r), bytes("\"}"));
          default -> bytes(pickOf("not json", "{", "[1,2]", "\"str\"", "{\"title\": null}", "\u0000"));
        };
        out.writeBytes(line);
        out.writeBytes(bytes(r.nextInt(8) == 0 ? "\r\n" : "\n"));
      }
      if (r.nextInt(40) == 0) {
        out.writeBytes(Fuzz.huge(r));
      }
      return out.toByteArray();
    }

    static final String BIB = """
        @article{b-bib-%d,
          title = {{GAN}s for {MRI} denoising, part %d},
          author = {M{\\"u}ller, Hans and Garc{\\'\\i}a, Ana},
          year = {2023},
          journal = {Medical Image Analysis},
          abstract = "Denoising with $O(n^2)$ cost and \\emph{few} labels"
        }
        @string{mia = "Medical Image Analysis"}
        @inproceedings{b-bib2-%d, title = "Second", booktitle = mia # " workshop", year = 2021}
        """;

    byte[] bibtex() {
      int n = r.nextInt(200);
      byte[] valid = bytes(String.format(Locale.ROOT, BIB, n, n, n));
      return mutations(valid, "{}\"@,=#\\");
    }

    static final String RIS = "TY  - JOUR\r\nTI  - Registration of zebrafish scans %d\r\nAU  - Lovelace, Ada\r\nPY  - 2020/05/01/\r\n"
        + "AB  - An abstract\r\ncontinued on a line\r\nER  - \r\n\r\nTY  - CONF\nT1  - Second record %d\nER  - \n";

    byte[] ris() {
      int n = r.nextInt(200);
      byte[] valid = bytes(String.format(Locale.ROOT, RIS, n, n));
      return mutations(valid, "- \r\n");
    }

    /** The valid text, or one to three mutations of it. */
    byte[] mutations(byte[] valid, String delimiters) {
      byte[] out = valid;
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        out = Fuzz.mutate(out, r, delimiters);
      }
      return out;
    }

    /** A Content-Type: usually {@code right}, else wrong, garbage or with odd parameters. */
    String contentType(String right) {
      return switch (r.nextInt(10)) {
        case 0 -> pickOf("text/csv", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/html");
        case 1 -> pickOf("", ";", "application/json; charset=latin1", "application/JSON", "application/json;;;", "garbage/\u0001");
        case 2 -> right + "; charset=utf-16";
        default -> right;
      };
    }

    /** The right key, or one of many wrong ones. */
    byte[] authorization(boolean right) {
      if (right) {
        return bytes(pickOf("Authorization: Bearer " + KEY, "Authorization: bearer " + KEY, "authorization:   Bearer   " + KEY + "  "));
      }
      return switch (r.nextInt(10)) {
        case 0 -> bytes("Authorization: Basic dXNlcjpwYXNz");
        case 1 -> bytes("Authorization: Bearer");
        case 2 -> bytes("Authorization: Bearer ");
        case 3 -> bytes("Authorization: Bearer " + KEY.substring(1));
        case 4 -> bytes("Authorization: Bearer " + "k".repeat(10_000));
        case 5 -> concat(bytes("Authorization: Bearer "), Fuzz.invalidUtf8(r));
        case 6 -> bytes("Authorization: Bearer\u0001" + KEY);
        case 7 -> bytes("Authorization: " + KEY);
        case 8 -> bytes("Authorization:");
        default -> bytes("Authorization: Bearer " + KEY + "x");
      };
    }

    @SafeVarargs
    final <T> T pickOf(T... options) {
      return options[r.nextInt(options.length)];
    }

    static byte[] concat(byte[]... parts) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] p : parts) {
        out.writeBytes(p);
      }
      return out.toByteArray();
    }
  }
}
