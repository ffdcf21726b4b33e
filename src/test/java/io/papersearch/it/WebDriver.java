package io.papersearch.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A headless Chromium driven by chromedriver over the W3C WebDriver HTTP protocol, with
 * {@code java.net.http}: the few commands the page tests need, with no Selenium dependency.
 * Every failed command throws with chromedriver's own error and message.
 */
final class WebDriver implements AutoCloseable {
  /** The W3C key under which an element reference travels. */
  static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  static final String ENTER = "\uE007";
  static final String TAB = "\uE004";
  static final String ARROW_RIGHT = "\uE014";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String session;

  private WebDriver(Process process, String base, String session) {
    this.process = process;
    this.base = base;
    this.session = base + "/session/" + session;
  }

  /** Starts chromedriver on a free port and a headless browser session of the given window size. */
  static WebDriver start(Path chromedriver, Path chromium, Path log, int width, int height) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String base = "http://127.0.0.1:" + port;
    WebDriver probe = new WebDriver(p, base, "none");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (true) {
        try {
          if (probe.call("GET", base + "/status", null).path("ready").asBoolean()) {
            break;
          }
        } catch (IOException e) {
          // not listening yet
        }
        if (!p.isAlive()) {
          throw new IllegalStateException("chromedriver exited with " + p.exitValue() + "; see " + log);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("chromedriver not ready after 20 s; see " + log);
        }
        Thread.sleep(100);
      }
      ObjectNode options = JSON.createObjectNode().put("binary", chromium.toString());
      // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
      options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
          .add("--disable-dev-shm-usage").add("--lang=en-US").add("--window-size=" + width + "," + height);
      ObjectNode caps = JSON.createObjectNode();
      caps.putObject("capabilities").putObject("alwaysMatch").set("goog:chromeOptions", options);
      JsonNode created = probe.call("POST", base + "/session", caps);
      return new WebDriver(p, base, created.get("sessionId").asText());
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  private JsonNode call(String method, String url, JsonNode body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json; charset=utf-8")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode value = JSON.readTree(r.body()).path("value");
    if (r.statusCode() != 200) {
      throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " "
          + value.path("error").asText() + ": " + value.path("message").asText());
    }
    return value;
  }

  private JsonNode command(String method, String path, JsonNode body) {
    try {
      return call(method, session + path, body);
    } catch (IOException e) {
      throw new IllegalStateException("chromedriver unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void open(String url) {
    command("POST", "/url", JSON.createObjectNode().put("url", url));
  }

  String url() {
    return command("GET", "/url", null).asText();
  }

  void back() {
    command("POST", "/back", JSON.createObjectNode());
  }

  /** The element's reference, or fails naming the selector. */
  String find(String css) {
    JsonNode found = command("POST", "/element", JSON.createObjectNode().put("using", "css selector").put("value", css));
    if (!found.has(ELEMENT)) {
      throw new IllegalStateException("no element reference for " + css + " in " + found);
    }
    return found.get(ELEMENT).asText();
  }

  List<String> findAll(String css) {
    List<String> out = new ArrayList<>();
    command("POST", "/elements", JSON.createObjectNode().put("using", "css selector").put("value", css))
        .forEach(e -> out.add(e.get(ELEMENT).asText()));
    return out;
  }

  String text(String element) {
    return command("GET", "/element/" + element + "/text", null).asText();
  }

  String attribute(String element, String name) {
    return command("GET", "/element/" + element + "/attribute/" + name, null).asText(null);
  }

  String property(String element, String name) {
    return command("GET", "/element/" + element + "/property/" + name, null).asText(null);
  }

  void click(String element) {
    command("POST", "/element/" + element + "/click", JSON.createObjectNode());
  }

  /** Types into the element (focusing it first), as a user would; special keys as the W3C code points. */
  void type(String element, String text) {
    command("POST", "/element/" + element + "/value", JSON.createObjectNode().put("text", text));
  }

  /** Presses keys on whatever has focus: real keyboard input, so Tab moves focus and arrows move radios. */
  void press(String... keys) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode actions = body.putArray("actions").addObject().put("type", "key").put("id", "keyboard").putArray("actions");
    for (String k : keys) {
      actions.addObject().put("type", "keyDown").put("value", k);
      actions.addObject().put("type", "keyUp").put("value", k);
    }
    command("POST", "/actions", body);
    command("DELETE", "/actions", null);
  }

  /** Runs a script in the page ({@code return ...;}); its result as JSON. */
  JsonNode script(String script, Object... args) {
    ObjectNode body = JSON.createObjectNode().put("script", script);
    ArrayNode a = body.putArray("args");
    for (Object arg : args) {
      a.add(JSON.valueToTree(arg));
    }
    return command("POST", "/execute/sync", body);
  }

  /** Chromium's DevTools command through chromedriver, e.g. to emulate a phone's screen. */
  void cdp(String cmd, JsonNode params) {
    command("POST", "/goog/cdp/execute", JSON.createObjectNode().put("cmd", cmd).set("params", params));
  }

  /** The visible viewport as PNG bytes. */
  byte[] screenshot() {
    return Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
  }

  /** Waits for a condition of the page, failing with {@code what} after {@code seconds}. */
  static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    try {
      command("DELETE", "", null);
    } catch (RuntimeException e) {
      // the browser may already be gone; the driver process is stopped below either way
    } finally {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
